// "How many more pods of this shape fit": the filters diagnose explains Pending pods with (src/k8s/scheduling.ts
// nodeVerdict: cordon, taints, node affinity, host ports, resources, topology spread, inter-pod affinity), applied to
// one pod after another. When a pod's placement does not depend on other pods, each node takes
// copiesThatFit of them; when it does (spread, pod (anti-)affinity), pods are placed one by one the way the
// scheduler would spread them, the state updated after each (k8s/pod-placement.ts recordPlacement).
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import {
  copyPlacementState,
  interPodViolation,
  recordPlacement,
  spreadViolation,
} from '../k8s/pod-placement.ts';
import {
  type Blocker,
  copiesThatFit,
  describeBlocker,
  hostPorts,
  NODE_AFFINITY_PREFILTERED,
  nodeAffinityPreFilter,
  nodeCapacity,
  nodeVerdict,
  placementFor,
  podRequests,
} from '../k8s/scheduling.ts';
import { hasAllocatable, isTerminal, nodeNameOf, poolOf } from './accounting.ts';
import type { PodShape } from './pod-size.ts';
import type { Headroom, NodeHeadroom } from './report.ts';

/** Node evaluations the pod-by-pod simulation may spend (5,000 nodes × 2,000 pods). */
export const SIMULATION_BUDGET = 10_000_000;

const PLACEMENT_FILTERS = new Set<Blocker['filter']>([
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
]);

export function headroom(
  index: ObjectIndex,
  shape: PodShape,
  poolLabel: string,
  budget = SIMULATION_BUDGET,
): Omit<Headroom, 'quota'> {
  const { spec, namespace, labels } = shape;
  const requests = podRequests(spec);
  const ports = hostPorts(spec);
  const candidates = nodeAffinityPreFilter(spec);
  const placement = placementFor(index, spec, namespace, labels);
  const rows: NodeHeadroom[] = [];
  const open: { node: LoadedObject; row: NodeHeadroom; room: number; initial: number }[] = [];
  for (const node of index.ofKind('Node')) {
    const row: NodeHeadroom = { node: node.ref.name, pool: poolOf(node, poolLabel), pods: 0 };
    rows.push(row);
    if (!hasAllocatable(node)) {
      row.limitedBy = 'no status.allocatable';
      continue;
    }
    if (candidates && !candidates.has(node.ref.name)) {
      row.limitedBy = NODE_AFFINITY_PREFILTERED;
      continue;
    }
    const verdict = nodeVerdict(index, spec, node, requests, ports, placement ?? { spread: [] });
    const fixed = verdict.blockers.find((b) => !PLACEMENT_FILTERS.has(b.filter));
    if (fixed) {
      row.limitedBy = describeBlocker(fixed).reason;
      continue;
    }
    const room = copiesThatFit(index, node, requests, ports.length > 0);
    if (room === 0) {
      row.limitedBy = nextPodReason(index, node, requests, 0);
      continue;
    }
    if (!placement) {
      row.pods = room;
      row.limitedBy = nextPodReason(index, node, requests, room);
      continue;
    }
    open.push({ node, row, room, initial: room });
  }
  let truncated = false;
  if (placement) {
    truncated = simulate(open, placement, shape, budget);
    for (const entry of open)
      if (entry.room === 0) entry.row.limitedBy = nextPodReason(index, entry.node, requests, entry.initial);
  }
  const limitedBy: Record<string, number> = {};
  for (const row of rows) if (row.limitedBy) limitedBy[row.limitedBy] = (limitedBy[row.limitedBy] ?? 0) + 1;
  const byPool = new Map<string, number>();
  for (const row of rows) byPool.set(row.pool, (byPool.get(row.pool) ?? 0) + row.pods);
  return {
    shape: shape.label,
    namespace,
    requests: Object.fromEntries(requests),
    pods: rows.reduce((sum, r) => sum + r.pods, 0),
    byPool: [...byPool].map(([pool, pods]) => ({ pool, pods })).sort((a, b) => a.pool.localeCompare(b.pool)),
    byNode: rows.sort((a, b) => b.pods - a.pods || a.node.localeCompare(b.node)),
    limitedBy,
    pendingPods: index
      .ofKind('Pod')
      .filter((p) => !nodeNameOf(p) && !isTerminal(p) && !p.object.metadata.deletionTimestamp).length,
    simulated: placement !== undefined,
    ...(truncated ? { truncated } : {}),
  };
}

/** The scheduler's reasons for the pod after the last one that fits: what runs out (as NodeResourcesFit words it). */
export function nextPodReason(
  index: ObjectIndex,
  node: LoadedObject,
  requests: ReadonlyMap<string, number>,
  room: number,
): string {
  const { allocatable, requested, pods } = nodeCapacity(index, node);
  const reasons: string[] = [];
  if (pods + room + 1 > (allocatable.get('pods') ?? 0)) reasons.push('Too many pods');
  for (const [r, v] of requests)
    if (v > 0 && (requested.get(r) ?? 0) + v * (room + 1) > (allocatable.get(r) ?? 0))
      reasons.push(`Insufficient ${r}`);
  return reasons.join(', ') || "node(s) didn't have free ports for the requested pod ports";
}

type OpenNode = { node: LoadedObject; row: NodeHeadroom; room: number; initial: number };

/** Nodes the placement filters cannot tell apart: the same values for every topology key they read. */
interface Group {
  nodes: OpenNode[];
  room: number;
  /** Round-robin position: pods go to the group's nodes in turn, as LeastAllocated scoring spreads them. */
  next: number;
}

/** The topology keys the spread constraints, the affinity terms and the existing anti-affinity pairs read. */
function placementKeys(state: ReturnType<typeof copyPlacementState>): string[] {
  const keys = new Set(state.spread.map((s) => s.topologyKey));
  const inter = state.interPod;
  if (inter) {
    for (const t of [...inter.affinity, ...inter.antiAffinity]) keys.add(t.topologyKey);
    for (const pair of inter.existingAntiAffinityPods.keys()) keys.add(pair.split('\u0000')[0]!);
  }
  return [...keys].sort();
}

/**
 * One pod at a time into the group of nodes that passes spread and inter-pod affinity, preferring the emptiest
 * topology domain (PodTopologySpread's score), then the group with the most room. Nodes with the same values for
 * every key those filters read are one group: the filters answer the same for all of them, so each step costs the
 * number of distinct domains, not of nodes. A group that anti-affinity closes stays closed (pods only add up).
 * Returns true when it ran out of budget before the last pod.
 */
function simulate(
  open: OpenNode[],
  placement: NonNullable<ReturnType<typeof placementFor>>,
  shape: PodShape,
  budget: number,
): boolean {
  const state = copyPlacementState(placement.spread, placement.interPod);
  const keys = placementKeys(state);
  const byKey = new Map<string, Group>();
  for (const entry of [...open].sort(
    (a, b) => b.room - a.room || a.node.ref.name.localeCompare(b.node.ref.name),
  )) {
    const labels = entry.node.object.metadata.labels ?? {};
    const key = JSON.stringify(keys.map((k) => labels[k] ?? null));
    const group = byKey.get(key) ?? { nodes: [], room: 0, next: 0 };
    group.nodes.push(entry);
    group.room += entry.room;
    byKey.set(key, group);
  }
  let groups = [...byKey.values()];
  let spent = 0;
  const reasons = new Map<Group, string>();
  for (let placed = 0; groups.length > 0; placed++) {
    let best: Group | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    const closed = new Set<Group>();
    for (const group of groups) {
      if (++spent > budget) return true;
      const node = group.nodes[0]!.node;
      const spread = spreadViolation(state.spread, node);
      if (spread) {
        reasons.set(group, describeBlocker({ filter: 'PodTopologySpread', violation: spread }).reason);
        continue;
      }
      const inter = state.interPod ? interPodViolation(state.interPod, node) : undefined;
      if (inter) {
        reasons.set(group, inter.reason);
        if (inter.rule !== 'affinity') closed.add(group);
        continue;
      }
      const labels = node.object.metadata.labels ?? {};
      let score = 0;
      for (const s of state.spread) score += s.counts.get(labels[s.topologyKey] ?? '') ?? 0;
      if (score < bestScore || (score === bestScore && best && group.room > best.room)) {
        best = group;
        bestScore = score;
      }
    }
    if (closed.size > 0) groups = groups.filter((g) => !closed.has(g));
    if (!best) break;
    reasons.delete(best);
    let target = best.nodes[best.next % best.nodes.length]!;
    while (target.room === 0) target = best.nodes[++best.next % best.nodes.length]!;
    best.next++;
    target.room--;
    target.row.pods++;
    best.room--;
    if (best.room === 0) groups = groups.filter((g) => g !== best);
    recordPlacement(state, target.node, shape.namespace, shape.labels, `headroom-${placed}`);
  }
  for (const [group, reason] of reasons)
    for (const entry of group.nodes) if (entry.room > 0) entry.row.limitedBy = reason;
  return false;
}
