// Where each workload kind keeps its pod template.
// https://kubernetes.io/docs/concepts/workloads/pods/#pod-templates
import type { KubeObject } from '../core/object.ts';
import { getAt, type Path } from '../core/path.ts';

/** Kinds whose objects carry a pod spec, and the path to it. */
const POD_SPEC_PATHS: Record<string, Path> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // OpenShift; kube-linter and Polaris treat it as a workload.
  DeploymentConfig: ['spec', 'template', 'spec'],
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);
/** Workloads that own pods through a controller (everything but bare Pods and PodTemplates). */
export const CONTROLLER_KINDS: readonly string[] = WORKLOAD_KINDS.filter(
  (k) => k !== 'Pod' && k !== 'PodTemplate',
);

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Volume[];
  securityContext?: Record<string, unknown>;
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  nodeSelector?: Record<string, string>;
  affinity?: Record<string, unknown>;
  tolerations?: Record<string, unknown>[];
  imagePullSecrets?: { name?: string }[];
  priorityClassName?: string;
  restartPolicy?: string;
  [key: string]: unknown;
}

export interface Container {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  ports?: { name?: string; containerPort?: number; protocol?: string; hostPort?: number }[];
  env?: EnvVar[];
  envFrom?: {
    configMapRef?: { name?: string; optional?: boolean };
    secretRef?: { name?: string; optional?: boolean };
    prefix?: string;
  }[];
  resources?: {
    requests?: Record<string, string | number>;
    limits?: Record<string, string | number>;
  };
  securityContext?: Record<string, unknown>;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: { name?: string; mountPath?: string; readOnly?: boolean; subPath?: string }[];
  lifecycle?: Record<string, unknown>;
  restartPolicy?: string;
  [key: string]: unknown;
}

export interface EnvVar {
  name?: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string; optional?: boolean };
    configMapKeyRef?: { name?: string; key?: string; optional?: boolean };
    fieldRef?: unknown;
    resourceFieldRef?: unknown;
  };
}

export interface Probe {
  httpGet?: { port?: number | string; path?: string; host?: string };
  tcpSocket?: { port?: number | string; host?: string };
  grpc?: { port?: number };
  exec?: unknown;
  [key: string]: unknown;
}

export interface Volume {
  name?: string;
  [key: string]: unknown;
}

export function podSpecPath(object: KubeObject): Path | undefined {
  return POD_SPEC_PATHS[object.kind];
}

export function podSpecOf(object: KubeObject): { spec: PodSpec; path: Path } | undefined {
  const path = POD_SPEC_PATHS[object.kind];
  if (!path) return undefined;
  const spec = getAt(object, path);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
  return { spec: spec as PodSpec, path };
}

/** Labels that the pods of this workload will carry. */
export function podTemplateLabels(object: KubeObject): Record<string, string> | undefined {
  if (object.kind === 'Pod') return object.metadata?.labels ?? {};
  const spec = POD_SPEC_PATHS[object.kind];
  if (!spec) return undefined;
  const metadataPath = [...spec.slice(0, -1), 'metadata'];
  const labels = getAt(object, [...metadataPath, 'labels']);
  return labels && typeof labels === 'object' ? (labels as Record<string, string>) : {};
}

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerAt {
  container: Container;
  kind: ContainerKind;
  /** Path to the container inside the object. */
  path: Path;
}

/** A container's name for messages: the name as written, or a placeholder when it is not a string. */
export function containerName(container: Container): string {
  return typeof container.name === 'string' ? container.name : '(unnamed)';
}

/** Every container of a workload with its path, regular containers first. */
export function containersOf(
  object: KubeObject,
  kinds: readonly ContainerKind[] = ['containers', 'initContainers', 'ephemeralContainers'],
): ContainerAt[] {
  const pod = podSpecOf(object);
  if (!pod) return [];
  const out: ContainerAt[] = [];
  for (const kind of kinds) {
    const list = pod.spec[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((container, i) => {
      if (container && typeof container === 'object')
        out.push({ container, kind, path: [...pod.path, kind, i] });
    });
  }
  return out;
}

/** Init containers with restartPolicy Always are sidecars: they run for the pod's lifetime. */
export function isSidecar(at: ContainerAt): boolean {
  return at.kind === 'initContainers' && at.container.restartPolicy === 'Always';
}

/** Containers that run for the pod's lifetime: regular containers and sidecars. */
export function longRunningContainersOf(object: KubeObject): ContainerAt[] {
  return containersOf(object, ['containers', 'initContainers']).filter(
    (at) => at.kind === 'containers' || isSidecar(at),
  );
}

export function isJobLike(object: KubeObject): boolean {
  return object.kind === 'Job' || object.kind === 'CronJob';
}

/** Declared replicas; undefined for kinds without a replica count (DaemonSet, Job, Pod). */
export function replicasOf(object: KubeObject): number | undefined {
  if (
    !['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig'].includes(
      object.kind,
    )
  ) {
    return undefined;
  }
  const replicas = getAt(object, ['spec', 'replicas']);
  // The API server defaults an absent replica count to 1.
  return typeof replicas === 'number' ? replicas : 1;
}
