// Reading pod status the way kubectl get/describe does.
// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/
import type { KubeObject } from '../core/object.ts';

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

export interface ContainerStatus {
  name?: string;
  image?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  nominatedNodeName?: string;
  startTime?: string;
}

export function podStatus(pod: KubeObject): PodStatus {
  const status = pod.status;
  return status && typeof status === 'object' ? (status as PodStatus) : {};
}

export interface StatusAt {
  status: ContainerStatus;
  kind: 'containers' | 'initContainers';
  index: number;
}

export function containerStatuses(pod: KubeObject): StatusAt[] {
  const status = podStatus(pod);
  const out: StatusAt[] = [];
  (Array.isArray(status.initContainerStatuses) ? status.initContainerStatuses : []).forEach((s, index) => {
    if (s && typeof s === 'object') out.push({ status: s, kind: 'initContainers', index });
  });
  (Array.isArray(status.containerStatuses) ? status.containerStatuses : []).forEach((s, index) => {
    if (s && typeof s === 'object') out.push({ status: s, kind: 'containers', index });
  });
  return out;
}

export function condition(
  pod: KubeObject,
  type: string,
): { status?: string; reason?: string; message?: string } | undefined {
  const conditions = podStatus(pod).conditions;
  return Array.isArray(conditions) ? conditions.find((c) => c?.type === type) : undefined;
}

/** Pods that finished on purpose (completed Jobs) are not broken. */
export function isFinished(pod: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isTerminating(pod: KubeObject): boolean {
  return typeof pod.metadata.deletionTimestamp === 'string';
}

/** The container spec for a status entry, to compare with limits and probes. */
export function containerSpec(pod: KubeObject, at: StatusAt): Record<string, unknown> | undefined {
  const spec = pod.spec as Record<string, unknown> | undefined;
  const list = spec?.[at.kind];
  if (!Array.isArray(list)) return undefined;
  return list.find((c: { name?: string }) => c?.name === at.status.name) as
    | Record<string, unknown>
    | undefined;
}
