// ResourceQuotas: hard and used as the quota controller keeps them (status.hard, status.used), and how many more
// pods of a shape the namespace's quotas admit — the quota admission plugin's arithmetic: a pod is charged its
// effective requests and limits (the same sums the scheduler uses), 1 pod, and is refused when a quota limits a
// compute resource the pod does not set. https://kubernetes.io/docs/concepts/policy/resource-quotas/
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import { podLimits, podRequests, showQuantity } from '../k8s/scheduling.ts';
import type { PodSpec } from '../k8s/workloads.ts';
import type { PodShape } from './pod-size.ts';
import type { QuotaRow } from './report.ts';

type Quantities = Record<string, string>;

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function strings(value: unknown): Quantities {
  if (!isMapping(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

function scopesOf(quota: LoadedObject): string[] {
  const spec = (quota.object.spec ?? {}) as {
    scopes?: unknown;
    scopeSelector?: { matchExpressions?: unknown };
  };
  const scopes = Array.isArray(spec.scopes)
    ? spec.scopes.filter((s): s is string => typeof s === 'string')
    : [];
  const expressions = spec.scopeSelector?.matchExpressions;
  for (const e of Array.isArray(expressions) ? expressions : [])
    if (isMapping(e) && typeof e.scopeName === 'string')
      scopes.push(
        `${e.scopeName}${typeof e.operator === 'string' ? ` ${e.operator}` : ''}${Array.isArray(e.values) ? ` [${e.values.join(', ')}]` : ''}`,
      );
  return scopes;
}

export function quotaRows(index: ObjectIndex): QuotaRow[] {
  const podsByNamespace = new Map<string, LoadedObject[]>();
  for (const pod of index.ofKind('Pod')) {
    const phase = (pod.object.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const ns = pod.ref.namespace ?? '';
    const list = podsByNamespace.get(ns);
    if (list) list.push(pod);
    else podsByNamespace.set(ns, [pod]);
  }
  return index
    .ofKind('ResourceQuota')
    .map((quota) => {
      const status = (quota.object.status ?? {}) as { hard?: unknown; used?: unknown };
      const hard = strings(status.hard ?? (quota.object.spec as { hard?: unknown } | undefined)?.hard);
      const used = strings(status.used);
      const ratio: Record<string, number> = {};
      for (const [r, h] of Object.entries(hard)) {
        const hv = parseQuantity(h);
        const uv = parseQuantity(used[r]);
        if (hv !== undefined && uv !== undefined && hv > 0) ratio[r] = Math.round((uv / hv) * 1000) / 1000;
      }
      return {
        namespace: quota.ref.namespace ?? '',
        name: quota.ref.name,
        hard,
        used,
        ratio,
        scopes: scopesOf(quota),
        computed: recompute(quota, hard, podsByNamespace.get(quota.ref.namespace ?? '') ?? []),
      };
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** What the pods of the namespace are charged, per quota resource about pods, in scheduler units. */
function recompute(
  quota: LoadedObject,
  hard: Quantities,
  pods: readonly LoadedObject[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const resource of Object.keys(hard)) if (isPodResource(resource)) out[resource] = 0;
  for (const pod of pods) {
    const spec = (pod.object.spec ?? {}) as PodSpec;
    const requests = podRequests(spec);
    const limits = podLimits(spec);
    if (!inScope(quota, spec, requests, limits)) continue;
    for (const resource of Object.keys(out)) out[resource]! += charge(resource, requests, limits) ?? 0;
  }
  return out;
}

function isPodResource(resource: string): boolean {
  return charge(resource, new Map(), new Map()) !== undefined;
}

/** Whether the quota's scopes select a pod of this spec (Terminating, BestEffort, PriorityClass, …). */
function inScope(
  quota: LoadedObject,
  spec: PodSpec,
  requests: Map<string, number>,
  limits: Map<string, number>,
): boolean {
  const q = (quota.object.spec ?? {}) as { scopes?: unknown; scopeSelector?: { matchExpressions?: unknown } };
  const bestEffort = ['cpu', 'memory'].every((r) => !requests.get(r) && !limits.get(r));
  const terminating = typeof spec.activeDeadlineSeconds === 'number';
  const matches = (scope: string, operator = 'Exists', values: unknown[] = []): boolean => {
    switch (scope) {
      case 'BestEffort':
        return bestEffort;
      case 'NotBestEffort':
        return !bestEffort;
      case 'Terminating':
        return terminating;
      case 'NotTerminating':
        return !terminating;
      case 'PriorityClass': {
        const name = spec.priorityClassName;
        if (operator === 'Exists') return typeof name === 'string' && name !== '';
        if (operator === 'DoesNotExist') return !name;
        if (operator === 'In') return values.includes(name);
        if (operator === 'NotIn') return !values.includes(name);
        return false;
      }
      default:
        // CrossNamespacePodAffinity, VolumeAttributesClass: not about what a pod of this shape asks.
        return false;
    }
  };
  const scopes = Array.isArray(q.scopes) ? q.scopes : [];
  for (const s of scopes) if (typeof s === 'string' && !matches(s)) return false;
  const expressions = q.scopeSelector?.matchExpressions;
  for (const e of Array.isArray(expressions) ? expressions : [])
    if (
      isMapping(e) &&
      !matches(String(e.scopeName), String(e.operator ?? 'Exists'), Array.isArray(e.values) ? e.values : [])
    )
      return false;
  return true;
}

/** What one pod of the shape is charged for a quota resource name; undefined when that name is not about pods. */
function charge(
  resource: string,
  requests: Map<string, number>,
  limits: Map<string, number>,
): number | undefined {
  if (resource === 'pods' || resource === 'count/pods') return 1;
  if (resource.startsWith('limits.')) return limits.get(resource.slice(7)) ?? 0;
  if (resource.startsWith('requests.')) return requests.get(resource.slice(9)) ?? 0;
  if (resource === 'cpu' || resource === 'memory' || resource === 'ephemeral-storage')
    return requests.get(resource) ?? 0;
  return undefined;
}

/** Scheduler units of a quota amount (millicores for cpu). */
function units(resource: string, value: string | undefined): number | undefined {
  const parsed = parseQuantity(value);
  if (parsed === undefined) return undefined;
  const base = resource.replace(/^(requests|limits)\./, '');
  return base === 'cpu' ? Math.round(parsed * 1000) : Math.ceil(parsed);
}

/**
 * How many more pods of the shape the quotas of its namespace admit, and the quota resource that stops the next;
 * undefined when no quota of the namespace applies.
 */
export function quotaFit(
  index: ObjectIndex,
  shape: PodShape,
): { pods: number; limitedBy: string } | undefined {
  const requests = podRequests(shape.spec);
  const limits = podLimits(shape.spec);
  let best: { pods: number; limitedBy: string } | undefined;
  for (const quota of index.ofKind('ResourceQuota')) {
    if (quota.ref.namespace !== shape.namespace || !inScope(quota, shape.spec, requests, limits)) continue;
    const status = (quota.object.status ?? {}) as { hard?: unknown; used?: unknown };
    const hard = strings(status.hard ?? (quota.object.spec as { hard?: unknown } | undefined)?.hard);
    const used = strings(status.used);
    for (const [resource, h] of Object.entries(hard)) {
      const per = charge(resource, requests, limits);
      if (per === undefined) continue;
      const name = `ResourceQuota ${quota.ref.name}`;
      const base = resource.replace(/^(requests|limits)\./, '');
      // Admission refuses a pod that leaves a quota-limited compute resource unset.
      if (per === 0 && resource !== 'pods' && ['cpu', 'memory'].includes(base)) {
        best = { pods: 0, limitedBy: `${name}: must specify ${resource}` };
        continue;
      }
      if (per <= 0) continue;
      const hv = units(resource, h);
      const uv = units(resource, used[resource] ?? '0') ?? 0;
      if (hv === undefined) continue;
      const pods = Math.max(0, Math.floor((hv - uv) / per));
      if (!best || pods < best.pods)
        best = {
          pods,
          limitedBy: `${name}: ${resource} ${show(base, uv)} of ${show(base, hv)} used, ${show(base, per)} per pod`,
        };
    }
  }
  return best;
}

function show(resource: string, value: number): string {
  return resource === 'pods' || resource === 'count/pods' ? String(value) : showQuantity(resource, value);
}
