// Per node, pool, namespace and team: what there is (allocatable), what pods ask for (effective requests and limits,
// counted as the scheduler counts them: src/k8s/scheduling.ts podRequests/podLimits, terminal pods left out) and
// what they use (metrics API). Pure over the object set.
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { formatTaint, nodeCapacity, podLimits, podRequests, type Taint } from '../k8s/scheduling.ts';
import type { PodSpec } from '../k8s/workloads.ts';
import type { Amounts, GroupRow, NodeRow, Totals } from './report.ts';

/** Node labels that name a pool, most specific first (research/capacity.md §6). */
export const POOL_LABELS = [
  'karpenter.sh/nodepool',
  'cloud.google.com/gke-nodepool',
  'eks.amazonaws.com/nodegroup',
  'kubernetes.azure.com/agentpool',
  'node.kubernetes.io/instance-type',
];

export const NO_GROUP = '(none)';

export interface Usage {
  nodes: Map<string, Amounts>;
  /** By "namespace/name". */
  pods: Map<string, Amounts>;
}

export function isTerminal(pod: LoadedObject): boolean {
  const phase = (pod.object.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function nodeNameOf(pod: LoadedObject): string | undefined {
  const name = (pod.object.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof name === 'string' && name ? name : undefined;
}

/** The pool label: the one asked for, else the first of POOL_LABELS some node carries; "" when none. */
export function poolLabelOf(nodes: readonly LoadedObject[], asked?: string): string {
  if (asked) return asked;
  return POOL_LABELS.find((l) => nodes.some((n) => n.object.metadata.labels?.[l] !== undefined)) ?? '';
}

export function poolOf(node: LoadedObject, label: string): string {
  return (label && node.object.metadata.labels?.[label]) || NO_GROUP;
}

const toRecord = (map: ReadonlyMap<string, number>): Amounts => Object.fromEntries(map);

function add(into: Amounts, from: ReadonlyMap<string, number> | Amounts): void {
  const entries = from instanceof Map ? from.entries() : Object.entries(from);
  for (const [k, v] of entries) into[k] = (into[k] ?? 0) + v;
}

/** Nodes with status.allocatable: the others have no known capacity and are left out of the sums. */
export function hasAllocatable(node: LoadedObject): boolean {
  const a = (node.object.status as { allocatable?: unknown } | undefined)?.allocatable;
  return a !== null && typeof a === 'object' && Object.keys(a).length > 0;
}

function isReady(node: LoadedObject): boolean {
  const conditions = (node.object.status as { conditions?: { type?: string; status?: string }[] } | undefined)
    ?.conditions;
  return Array.isArray(conditions) && conditions.some((c) => c?.type === 'Ready' && c.status === 'True');
}

function withDerived(totals: Totals): Totals {
  const allocatable = totals.allocatable;
  if (!allocatable) return totals;
  const free: Amounts = {};
  const overcommit: Record<string, number> = {};
  for (const [r, a] of Object.entries(allocatable)) {
    if (r === 'pods') continue;
    free[r] = Math.max(0, a - (totals.requested[r] ?? 0));
    if (a > 0 && totals.limits[r] !== undefined) overcommit[r] = round(totals.limits[r]! / a);
  }
  return { ...totals, free, overcommit, maxPods: allocatable.pods ?? 0 };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export interface Accounting {
  nodes: NodeRow[];
  pools: GroupRow[];
  namespaces: GroupRow[];
  teams: GroupRow[];
  cluster: Totals;
}

/** Pod requests and limits, computed once per pod. */
function podAmounts(pod: LoadedObject): { requested: Map<string, number>; limits: Map<string, number> } {
  const spec = (pod.object.spec ?? {}) as PodSpec;
  return { requested: podRequests(spec), limits: podLimits(spec) };
}

export function account(
  index: ObjectIndex,
  options: { poolLabel: string; teamLabel: string; usage?: Usage },
): Accounting {
  const { poolLabel, teamLabel, usage } = options;
  const nodes = index.ofKind('Node');
  const known = new Map(nodes.map((n) => [n.ref.name, n]));
  const limitsByNode = new Map<string, Amounts>();
  const namespaces = new Map<string, GroupRow>();
  const namespaceTeam = new Map<string, string>();
  for (const ns of index.ofKind('Namespace'))
    namespaceTeam.set(ns.ref.name, ns.object.metadata.labels?.[teamLabel] ?? NO_GROUP);
  const teams = new Map<string, GroupRow>();
  const own = index.ofKind('Pod');
  const supporting = index.supporting.filter((o) => o.object.kind === 'Pod');
  for (const [i, pod] of [...own, ...supporting].entries()) {
    if (isTerminal(pod)) continue;
    const { requested, limits } = podAmounts(pod);
    const nodeName = nodeNameOf(pod);
    const bound = nodeName !== undefined && known.has(nodeName);
    if (bound) add((limitsByNode.get(nodeName!) ?? limitsByNode.set(nodeName!, {}).get(nodeName!))!, limits);
    // Supporting pods (other namespaces under -n) count on their nodes only.
    if (i >= own.length) continue;
    const namespace = pod.ref.namespace ?? '';
    const team = pod.object.metadata.labels?.[teamLabel] ?? namespaceTeam.get(namespace) ?? NO_GROUP;
    const used = usage?.pods.get(`${namespace}/${pod.ref.name}`);
    for (const [map, key, extra] of [
      [namespaces, namespace, { team: namespaceTeam.get(namespace) ?? NO_GROUP }],
      [teams, team, {}],
    ] as const) {
      let row = map.get(key);
      if (!row) {
        row = { name: key, ...extra, requested: {}, limits: {}, pods: 0, pending: 0 };
        if (usage) row.usage = {};
        map.set(key, row);
      }
      add(row.requested, requested);
      add(row.limits, limits);
      row.pods++;
      if (!nodeName) row.pending = (row.pending ?? 0) + 1;
      if (used && row.usage) add(row.usage, used);
    }
  }
  const nodeRows: NodeRow[] = nodes.map((node) => {
    const capacity = nodeCapacity(index, node);
    const spec = (node.object.spec ?? {}) as { unschedulable?: boolean; taints?: unknown };
    const taints = Array.isArray(spec.taints)
      ? (spec.taints as Taint[]).filter((t) => t && typeof t === 'object')
      : [];
    const totals: Totals = {
      ...(hasAllocatable(node) ? { allocatable: toRecord(capacity.allocatable) } : {}),
      requested: toRecord(capacity.requested),
      limits: limitsByNode.get(node.ref.name) ?? {},
      pods: capacity.pods,
    };
    const used = usage?.nodes.get(node.ref.name);
    if (used) totals.usage = used;
    return {
      name: node.ref.name,
      pool: poolOf(node, poolLabel),
      ready: isReady(node),
      schedulable: !spec.unschedulable,
      taints: taints.map(formatTaint),
      ...withDerived(totals),
    };
  });
  const pools = new Map<string, GroupRow>();
  const cluster: Totals = { allocatable: {}, requested: {}, limits: {}, pods: 0 };
  if (usage) cluster.usage = {};
  for (const row of nodeRows) {
    let pool = pools.get(row.pool);
    if (!pool) {
      pool = { name: row.pool, nodes: 0, allocatable: {}, requested: {}, limits: {}, pods: 0 };
      if (usage) pool.usage = {};
      pools.set(row.pool, pool);
    }
    for (const group of [pool, cluster]) {
      if (row.allocatable) add(group.allocatable!, row.allocatable);
      add(group.requested, row.requested);
      add(group.limits, row.limits);
      if (row.usage && group.usage) add(group.usage, row.usage);
      group.pods += row.pods;
    }
    pool.nodes!++;
  }
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return {
    nodes: nodeRows.sort(byName),
    pools: [...pools.values()].map((p) => ({ ...p, ...withDerived(p) })).sort(byName),
    namespaces: [...namespaces.values()].sort(byName),
    teams: [...teams.values()].sort(byName),
    cluster: withDerived(cluster),
  };
}
