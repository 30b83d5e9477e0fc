// The pod a headroom question is about: `--pod-size cpu=500m,memory=1Gi` (a bare pod of that size) or
// `--pod-size deployment/web` (one more replica of that workload: its requests, tolerations, selectors, affinity,
// spread and labels, after the namespace's LimitRange defaults, as admission would create it).
import type { ObjectIndex } from '../core/index.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import { type Container, type PodSpec, podSpecOf, podTemplateLabels } from '../k8s/workloads.ts';

export interface PodShape {
  /** How the report names it: "cpu=500m,memory=1Gi" or "Deployment shop/web". */
  label: string;
  spec: PodSpec;
  namespace: string;
  labels: Record<string, string>;
}

const KIND_ALIASES: Record<string, string> = {
  deployment: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  sts: 'StatefulSet',
  daemonset: 'DaemonSet',
  ds: 'DaemonSet',
  replicaset: 'ReplicaSet',
  rs: 'ReplicaSet',
  replicationcontroller: 'ReplicationController',
  rc: 'ReplicationController',
  job: 'Job',
  cronjob: 'CronJob',
  cj: 'CronJob',
  pod: 'Pod',
  po: 'Pod',
};

/** Whether the value names a workload (KIND/NAME) rather than a size (name=quantity,…). */
export function isWorkloadRef(value: string): boolean {
  return !value.includes('=');
}

/** `cpu=500m,memory=1Gi` as a pod of one container requesting that; a message when the list is not valid. */
export function shapeFromSize(value: string, namespace: string): PodShape | string {
  const requests: Record<string, string> = {};
  for (const part of value.split(',')) {
    const [name, quantity, ...rest] = part.split('=').map((s) => s.trim());
    if (!name || quantity === undefined || rest.length > 0)
      return `--pod-size: "${part}" is not NAME=QUANTITY (example: cpu=500m,memory=1Gi)`;
    const parsed = parseQuantity(quantity);
    if (parsed === undefined || parsed < 0)
      return `--pod-size: ${name}=${quantity}: "${quantity}" is not a Kubernetes quantity (examples: 500m, 2, 1Gi, 512Mi)`;
    requests[name] = quantity;
  }
  return {
    label: Object.entries(requests)
      .map(([n, q]) => `${n}=${q}`)
      .join(','),
    spec: { containers: [{ name: 'pod-size', resources: { requests } }] },
    namespace,
    labels: {},
  };
}

/** KIND/NAME of a workload in the set, in the namespace; a message when it is not there. */
export function shapeFromWorkload(index: ObjectIndex, value: string, namespace: string): PodShape | string {
  const [rawKind, name, ...rest] = value.split('/');
  const kind = KIND_ALIASES[(rawKind ?? '').toLowerCase()];
  if (!kind || !name || rest.length > 0)
    return `--pod-size: "${value}" is neither NAME=QUANTITY,… nor KIND/NAME of a workload (deployment/web, statefulset/db, job/x, pod/y)`;
  const found = index.get(kind, namespace, name);
  if (!found) {
    if (!index.hasKind(kind))
      return `--pod-size: ${kind} objects could not be read, so ${kind} ${namespace}/${name} is unknown`;
    return `--pod-size: no ${kind} "${name}" in namespace "${namespace}" (use -n for another namespace)`;
  }
  const pod = podSpecOf(found.object);
  if (!pod) return `--pod-size: ${kind} ${namespace}/${name} has no pod template`;
  return {
    label: `${kind} ${namespace}/${name}`,
    spec: withLimitRangeDefaults(index, namespace, pod.spec),
    namespace,
    labels: { ...(podTemplateLabels(found.object) ?? {}) },
  };
}

type Quantities = Record<string, unknown>;

const isMapping = (v: unknown): v is Quantities => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The namespace's Container LimitRange defaults filled in where the spec leaves them unset, as the LimitRanger
 * admission plugin does when the pods are created (default limit ← max, default request ← default limit, as the
 * API server defaults a LimitRange). https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export function withLimitRangeDefaults(index: ObjectIndex, namespace: string, spec: PodSpec): PodSpec {
  const defaults = { limits: {} as Quantities, requests: {} as Quantities };
  for (const range of index.ofKind('LimitRange')) {
    if (range.ref.namespace !== namespace) continue;
    const items = (range.object.spec as { limits?: unknown } | undefined)?.limits;
    for (const item of Array.isArray(items) ? items : []) {
      if (!isMapping(item) || item.type !== 'Container') continue;
      const limit = {
        ...(isMapping(item.max) ? item.max : {}),
        ...(isMapping(item.default) ? item.default : {}),
      };
      const request = { ...limit, ...(isMapping(item.defaultRequest) ? item.defaultRequest : {}) };
      for (const [k, v] of Object.entries(limit)) defaults.limits[k] ??= v;
      for (const [k, v] of Object.entries(request)) defaults.requests[k] ??= v;
    }
  }
  if (Object.keys(defaults.limits).length === 0 && Object.keys(defaults.requests).length === 0) return spec;
  const fill = (c: Container): Container => {
    const resources: Quantities = isMapping(c.resources) ? c.resources : {};
    const limits: Quantities = { ...(isMapping(resources.limits) ? resources.limits : {}) };
    const requests: Quantities = { ...(isMapping(resources.requests) ? resources.requests : {}) };
    for (const [k, v] of Object.entries(defaults.limits)) limits[k] ??= v;
    // A request left unset defaults to the container's own limit first (API server defaulting runs before admission).
    for (const [k, v] of Object.entries(defaults.requests))
      requests[k] ??=
        isMapping(resources.limits) && resources.limits[k] !== undefined ? resources.limits[k] : v;
    return { ...c, resources: { ...resources, limits, requests } as Container['resources'] };
  };
  return {
    ...spec,
    ...(Array.isArray(spec.containers) ? { containers: spec.containers.map((c) => (c ? fill(c) : c)) } : {}),
    ...(Array.isArray(spec.initContainers)
      ? { initContainers: spec.initContainers.map((c) => (c ? fill(c) : c)) }
      : {}),
  };
}
