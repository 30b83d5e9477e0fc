// Cluster state for the capacity tests: plain objects shaped as the API returns them.
import { ObjectIndex } from '../core/index.ts';
import { type KubeObject, refOf } from '../core/object.ts';

export function node(
  name: string,
  allocatable: Record<string, string> | undefined,
  extra: { labels?: Record<string, string>; taints?: object[]; unschedulable?: boolean } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: {
      ...(extra.taints ? { taints: extra.taints } : {}),
      ...(extra.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      ...(allocatable ? { allocatable } : {}),
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

export function pod(
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
  extra: { phase?: string; labels?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: extra.labels ?? {} },
    spec,
    status: { phase: extra.phase ?? (spec.nodeName ? 'Running' : 'Pending') },
  };
}

export const app = (requests: Record<string, string>, limits?: Record<string, string>, name = 'app') => ({
  name,
  image: 'app:1',
  resources: { requests, ...(limits ? { limits } : {}) },
});

export function indexOf(objects: KubeObject[]): ObjectIndex {
  return new ObjectIndex(
    objects.map((object) => ({ object, ref: refOf(object) })),
    { partial: false },
  );
}
