// Builders for cluster state shaped like `kubectl get -o yaml` output: used by analyzer tests, the bundled
// example snapshot and the benchmark's synthetic clusters. Pure data, deterministic.
import type { KubeObject } from '../core/object.ts';

export const T0 = '2026-11-28T00:00:00Z';

export function minutesBefore(now: string, minutes: number): string {
  return new Date(Date.parse(now) - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  ready?: 'True' | 'False' | 'Unknown';
  unschedulable?: boolean;
  kubeletVersion?: string;
  now?: string;
}

/** The node lifecycle controller taints NotReady and unreachable nodes; cordoning adds the unschedulable taint. */
function taintsFor(o: NodeOptions): { key: string; value?: string; effect: string }[] {
  const taints = [...(o.taints ?? [])];
  if (o.ready === 'False') taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  if (o.ready === 'Unknown') {
    taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' });
    taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' });
  }
  if (o.unschedulable) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  return taints;
}

export function node(name: string, o: NodeOptions = {}): KubeObject {
  const now = o.now ?? T0;
  const ready = o.ready ?? 'True';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-node-${name}`,
      creationTimestamp: minutesBefore(now, 60 * 24 * 30),
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...o.labels },
    },
    spec: {
      ...(taintsFor(o).length ? { taints: taintsFor(o) } : {}),
      ...(o.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      allocatable: {
        cpu: o.cpu ?? '4',
        memory: o.memory ?? '16Gi',
        pods: o.pods ?? '110',
        'ephemeral-storage': '100Gi',
      },
      capacity: {
        cpu: o.cpu ?? '4',
        memory: o.memory ?? '16Gi',
        pods: o.pods ?? '110',
        'ephemeral-storage': '100Gi',
      },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID' },
        {
          type: 'Ready',
          status: ready,
          reason:
            ready === 'True' ? 'KubeletReady' : ready === 'False' ? 'KubeletNotReady' : 'NodeStatusUnknown',
          message:
            ready === 'True'
              ? 'kubelet is posting ready status'
              : ready === 'False'
                ? 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady'
                : 'Kubelet stopped posting node status.',
          lastHeartbeatTime: ready === 'Unknown' ? minutesBefore(now, 20) : minutesBefore(now, 0.5),
          lastTransitionTime: ready === 'True' ? minutesBefore(now, 60 * 24) : minutesBefore(now, 19),
        },
      ],
      nodeInfo: {
        kubeletVersion: o.kubeletVersion ?? 'v1.34.4',
        containerRuntimeVersion: 'containerd://2.1.0',
      },
    },
  };
}

export interface ContainerOptions {
  name?: string;
  image?: string;
  cpu?: string;
  memory?: string;
  memoryLimit?: string;
  env?: unknown[];
  envFrom?: unknown[];
  ports?: { containerPort: number; name?: string }[];
}

function container(o: ContainerOptions): Record<string, unknown> {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    name: o.name ?? 'app',
    image: o.image ?? 'registry.example.com/app:1.0.0',
    resources: { requests, ...(o.memoryLimit ? { limits: { memory: o.memoryLimit } } : {}) },
    ...(o.env ? { env: o.env } : {}),
    ...(o.envFrom ? { envFrom: o.envFrom } : {}),
    ...(o.ports ? { ports: o.ports } : {}),
  };
}

export type PodState =
  | { kind: 'running' }
  | { kind: 'crashloop'; reason?: string; exitCode?: number; restarts?: number }
  | { kind: 'image-pull'; reason?: 'ErrImagePull' | 'ImagePullBackOff'; message?: string }
  | { kind: 'config-error'; message: string }
  | { kind: 'pending'; message?: string }
  | { kind: 'succeeded' }
  | { kind: 'not-ready' };

export interface PodOptions extends ContainerOptions {
  namespace?: string;
  labels?: Record<string, string>;
  owner?: { kind: string; name: string };
  nodeName?: string;
  state?: PodState;
  nodeSelector?: Record<string, string>;
  tolerations?: unknown[];
  volumes?: unknown[];
  now?: string;
}

export function pod(name: string, o: PodOptions = {}): KubeObject {
  const now = o.now ?? T0;
  const state = o.state ?? { kind: 'running' };
  const c = container(o);
  const base = {
    name: c.name as string,
    image: c.image as string,
    imageID: '',
    restartCount: 0,
    started: true,
    ready: true,
    state: { running: { startedAt: minutesBefore(now, 30) } } as Record<string, unknown>,
    lastState: {} as Record<string, unknown>,
  };
  let phase = 'Running';
  const conditions: Record<string, unknown>[] = [];
  let statuses: Record<string, unknown>[] | undefined = [base];
  switch (state.kind) {
    case 'running':
      conditions.push({ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' });
      break;
    case 'not-ready':
      base.ready = false;
      conditions.push(
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
        { type: 'PodScheduled', status: 'True' },
      );
      break;
    case 'crashloop':
      base.ready = false;
      base.started = false;
      base.restartCount = state.restarts ?? 7;
      base.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=${base.name}`,
        },
      };
      base.lastState = {
        terminated: {
          reason: state.reason ?? 'Error',
          exitCode: state.exitCode ?? 1,
          startedAt: minutesBefore(now, 3),
          finishedAt: minutesBefore(now, 2),
        },
      };
      conditions.push(
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
        { type: 'PodScheduled', status: 'True' },
      );
      break;
    case 'image-pull':
      phase = 'Pending';
      base.ready = false;
      base.started = false;
      base.state = {
        waiting: {
          reason: state.reason ?? 'ImagePullBackOff',
          message: state.message ?? `Back-off pulling image "${base.image}"`,
        },
      };
      conditions.push(
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
        { type: 'PodScheduled', status: 'True' },
      );
      break;
    case 'config-error':
      phase = 'Pending';
      base.ready = false;
      base.started = false;
      base.state = { waiting: { reason: 'CreateContainerConfigError', message: state.message } };
      conditions.push(
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
        { type: 'PodScheduled', status: 'True' },
      );
      break;
    case 'pending':
      phase = 'Pending';
      statuses = undefined;
      conditions.push({
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        ...(state.message ? { message: state.message } : {}),
      });
      break;
    case 'succeeded':
      phase = 'Succeeded';
      base.ready = false;
      base.state = { terminated: { reason: 'Completed', exitCode: 0 } };
      conditions.push({ type: 'Ready', status: 'False', reason: 'PodCompleted' });
      break;
  }
  const scheduled = state.kind !== 'pending';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-pod-${o.namespace ?? 'default'}-${name}`,
      creationTimestamp: minutesBefore(now, 30),
      labels: o.labels ?? {},
      ...(o.owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: o.owner.kind,
                name: o.owner.name,
                uid: `uid-${o.owner.name}`,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: [c],
      ...(scheduled ? { nodeName: o.nodeName ?? 'node-1' } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.volumes ? { volumes: o.volumes } : {}),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
    },
    status: {
      phase,
      conditions,
      ...(statuses ? { containerStatuses: statuses } : {}),
      qosClass: 'Burstable',
    },
  };
}

export interface WorkloadOptions extends ContainerOptions {
  namespace?: string;
  replicas?: number;
  available?: number;
  labels?: Record<string, string>;
  now?: string;
}

/** A Deployment with its ReplicaSet, as the controllers leave them. */
export function deployment(name: string, o: WorkloadOptions = {}): KubeObject[] {
  const namespace = o.namespace ?? 'default';
  const labels = o.labels ?? { app: name };
  const replicas = o.replicas ?? 1;
  const available = o.available ?? replicas;
  const template = { metadata: { labels }, spec: { containers: [container(o)] } };
  const rsName = `${name}-7d9f8c6b5`;
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace,
        uid: `uid-${name}`,
        generation: 1,
        creationTimestamp: minutesBefore(o.now ?? T0, 600),
      },
      spec: { replicas, selector: { matchLabels: labels }, template },
      status: {
        observedGeneration: 1,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: available,
        availableReplicas: available,
        ...(available < replicas ? { unavailableReplicas: replicas - available } : {}),
        conditions: [
          {
            type: 'Available',
            status: available >= replicas ? 'True' : 'False',
            reason: available >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
        ],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace,
        uid: `uid-${rsName}`,
        labels,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: `uid-${name}`, controller: true },
        ],
      },
      spec: { replicas, selector: { matchLabels: labels }, template },
      status: { replicas, readyReplicas: available, availableReplicas: available },
    },
  ];
}

export function replicaSetName(deploymentName: string): string {
  return `${deploymentName}-7d9f8c6b5`;
}

export function service(
  name: string,
  namespace: string,
  selector: Record<string, string>,
  port = 80,
  targetPort = 8080,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, uid: `uid-svc-${namespace}-${name}` },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      selector,
      ports: [{ port, targetPort, protocol: 'TCP' }],
    },
  };
}

/** The EndpointSlice the controller keeps for a Service, one endpoint per pod. */
export function endpointSlice(
  serviceName: string,
  namespace: string,
  pods: { name: string; ready: boolean }[],
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${serviceName}-abc12`,
      namespace,
      labels: {
        'kubernetes.io/service-name': serviceName,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    endpoints: pods.map((p, i) => ({
      addresses: [`10.244.0.${i + 10}`],
      conditions: { ready: p.ready, serving: p.ready, terminating: false },
      targetRef: { kind: 'Pod', namespace, name: p.name },
    })),
    ports: [{ port: 8080, protocol: 'TCP' }],
  };
}

export function event(
  about: { kind: string; name: string; namespace?: string },
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  o: {
    count?: number;
    firstMinutesAgo?: number;
    lastMinutesAgo?: number;
    now?: string;
    source?: string;
  } = {},
): KubeObject {
  const now = o.now ?? T0;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${about.name}.${reason.toLowerCase()}`,
      namespace: about.namespace ?? 'default',
      creationTimestamp: minutesBefore(now, o.firstMinutesAgo ?? 10),
    },
    involvedObject: {
      kind: about.kind,
      name: about.name,
      ...(about.namespace ? { namespace: about.namespace } : {}),
    },
    reason,
    message,
    type,
    count: o.count ?? 1,
    firstTimestamp: minutesBefore(now, o.firstMinutesAgo ?? 10),
    lastTimestamp: minutesBefore(now, o.lastMinutesAgo ?? 1),
    source: { component: o.source ?? 'kubelet' },
  };
}

export function configMap(name: string, namespace: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } };
}

/** Wraps objects the way `kubectl get … -o yaml` prints several kinds. */
export function list(items: KubeObject[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    items,
  } as unknown as KubeObject;
}

/** A Helm 3 release Secret as Helm stores it: data.release = base64(base64(gzip(JSON))). */
export function helmReleaseSecret(
  name: string,
  namespace: string,
  manifest: string,
  o: { version?: number; status?: string; chart?: string } = {},
): KubeObject {
  const { gzipSync } = process.getBuiltinModule('node:zlib');
  const release = {
    name,
    namespace,
    version: o.version ?? 1,
    info: { status: o.status ?? 'deployed' },
    chart: { metadata: { name: o.chart ?? name, version: '1.0.0' } },
    manifest,
  };
  const helmEncoded = gzipSync(JSON.stringify(release)).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${name}.v${o.version ?? 1}`,
      namespace,
      labels: { name, owner: 'helm', status: o.status ?? 'deployed', version: String(o.version ?? 1) },
    },
    data: { release: Buffer.from(helmEncoded).toString('base64') },
  };
}
