// From the per-node blockers of a Pending pod to the one reason that decides it and the fix for that reason, with
// the numbers and names that decide it: the request against the largest node, the label no node carries, the
// taint on the nodes the pod asks for, the spread domains and their counts.
import type { RunSettings, UpstreamRef } from '../core/check.ts';
import { closestNames } from '../core/edit-distance.ts';
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { formatSelector } from '../k8s/labels.ts';
import type { SpreadState } from '../k8s/pod-placement.ts';
import {
  type Blocker,
  formatTaint,
  type NodeVerdict,
  nodeCapacity,
  type SchedulingExplanation,
  showQuantity,
  type Taint,
} from '../k8s/scheduling.ts';
import type { PodSpec } from '../k8s/workloads.ts';
import { diagnoseClaim } from './claims.ts';

export interface SchedulingDiagnosis {
  /** What decides it, for grouping: pods Pending for the same reason are one cause. */
  key: string;
  /** The reason, to follow "cannot be scheduled: " — "it requests 64 cpu, more than any node has (8)". */
  reason: string;
  remedy: string;
  /** Objects whose findings are the root (the claim, the NotReady nodes). */
  upstream: UpstreamRef[];
  /** Deciding facts not already in the per-node evidence. */
  evidence: string[];
}

/** Taints the node lifecycle controller and kubelet set: the node is unwell, not reserved. */
const CONDITION_TAINTS = new Set([
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/network-unavailable',
  'node.kubernetes.io/out-of-disk',
]);
const CORDON_TAINT = 'node.kubernetes.io/unschedulable';

type Group = 'resources' | 'ports' | 'spread' | 'affinity' | 'anti-affinity' | 'existing-anti-affinity';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (items: readonly string[], max = 4) =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

function blockersOf(v: NodeVerdict, filter: Blocker['filter']): Blocker[] {
  return v.blockers.filter((b) => b.filter === filter);
}

/** The pod's own words for where it wants to run, for sentences: "its nodeSelector pool=gpu". */
function selectorWords(spec: PodSpec): string {
  const parts: string[] = [];
  if (spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0)
    parts.push(`nodeSelector ${formatSelector(spec.nodeSelector)}`);
  if ((spec.affinity as { nodeAffinity?: unknown } | undefined)?.nodeAffinity) parts.push('node affinity');
  return parts.join(' and ');
}

/** Why no node matches the nodeSelector/affinity, and the labels the nodes carry instead. */
function selectorDiagnosis(spec: PodSpec, verdicts: NodeVerdict[]): SchedulingDiagnosis {
  const nodes = verdicts.map((v) => v.node);
  const labelCounts = new Map<string, number>();
  for (const n of nodes)
    for (const [k, v] of Object.entries(n.object.metadata.labels ?? {}))
      labelCounts.set(`${k}=${v}`, (labelCounts.get(`${k}=${v}`) ?? 0) + 1);
  const wanted = Object.entries(spec.nodeSelector ?? {}).map(([k, v]) => [k, String(v)] as const);
  const absent = wanted.filter(([k, v]) => !labelCounts.has(`${k}=${v}`));
  const sentences: string[] = [];
  const suggestions: string[] = [];
  for (const [key, value] of absent) {
    const sameKey = [...labelCounts].filter(([pair]) => pair.startsWith(`${key}=`));
    const keys = new Set([...labelCounts.keys()].map((p) => p.slice(0, p.indexOf('='))));
    if (sameKey.length > 0) {
      const near = closestNames(
        value,
        sameKey.map(([p]) => p.slice(key.length + 1)),
        1,
      )[0];
      if (near) suggestions.push(`${key}=${near}`);
      sentences.push(
        `no node has ${key}=${value}; nodes carry ${list(sameKey.map(([p, n]) => `${p} (${plural(n, 'node')})`))}`,
      );
    } else {
      const nearKey = closestNames(key, keys, 1)[0];
      const nearPairs = nearKey ? [...labelCounts.keys()].filter((p) => p.startsWith(`${nearKey}=`)) : [];
      const exact = nearPairs.find((p) => p === `${nearKey}=${value}`);
      if (exact) suggestions.push(exact);
      else if (nearKey && nearPairs[0]) suggestions.push(nearPairs[0]);
      sentences.push(
        `no node carries the label key ${key}; ${
          nearKey
            ? `nodes carry ${list(nearPairs.map((p) => `${p} (${plural(labelCounts.get(p)!, 'node')})`))}`
            : distinctiveKeys(keys).length > 0
              ? `the nodes' own label keys are ${list(distinctiveKeys(keys))}`
              : 'the nodes carry only the standard labels'
        }`,
      );
    }
  }
  const who = selectorWords(spec);
  if (absent.length > 0) {
    const didYouMean = suggestions.length > 0 ? `Did you mean ${suggestions.join(', ')}? ` : '';
    const missing = absent.map(([k, v]) => `${k}=${v}`);
    return {
      key: `unschedulable/selector/${formatSelector(spec.nodeSelector ?? {})}`,
      reason: `no node has the label${absent.length > 1 ? 's' : ''} ${missing.join(', ')} that the nodeSelector requires`,
      remedy:
        `${didYouMean}${sentences.map((s) => `${s[0]!.toUpperCase()}${s.slice(1)}`).join('. ')}. ` +
        `Set the nodeSelector to labels the intended nodes carry, or label those nodes ` +
        `(kubectl label node <node> ${missing.join(' ')}).`,
      upstream: [],
      evidence: [],
    };
  }
  // Each label exists somewhere, or the node affinity is what fails: name what the nodes lack, node by node.
  const mismatches = new Map<string, number>();
  // What the nodes have instead, per requirement: "topology.kubernetes.io/zone=testbed-a" → on how many nodes.
  const instead = new Map<string, Map<string, number>>();
  for (const v of verdicts)
    for (const b of blockersOf(v, 'NodeAffinity'))
      if (b.filter === 'NodeAffinity')
        for (const m of b.prefiltered
          ? ['not named by the required node affinity (metadata.name)']
          : b.mismatches) {
          const requirement = requirementOf(m);
          mismatches.set(requirement, (mismatches.get(requirement) ?? 0) + 1);
          const has = m.indexOf(': has ');
          if (has < 0) continue;
          const pair = m.slice(has + ': has '.length);
          const counts = instead.get(requirement) ?? new Map<string, number>();
          counts.set(pair, (counts.get(pair) ?? 0) + 1);
          instead.set(requirement, counts);
        }
  const failing = [...mismatches]
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => {
      const present = [...(instead.get(m) ?? [])].sort((a, b) => b[1] - a[1]);
      const carry =
        present.length > 0 ? `; the nodes have ${list(present.map(([p, c]) => `${p} (${c})`))}` : '';
      return `${m} (fails on ${plural(n, 'node')}${carry})`;
    });
  return {
    key: `unschedulable/selector/${JSON.stringify([spec.nodeSelector, (spec.affinity as { nodeAffinity?: unknown } | undefined)?.nodeAffinity])}`,
    reason:
      mismatches.size === 1
        ? `no node satisfies its ${[...mismatches.keys()][0]}`
        : `no node satisfies the ${who || 'node selection'} as a whole`,
    remedy:
      `No node meets every requirement of its ${who || 'node selection'}: ${list(failing, 3)}. ` +
      'Relax the requirements no node meets, or label the nodes meant for this pod.',
    upstream: [],
    evidence: [],
  };
}

/** Label keys that describe a node's kind or place, not the ones every node carries with its own name or OS. */
function distinctiveKeys(keys: Iterable<string>): string[] {
  const generic = new Set(['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch']);
  return [...keys].filter((k) => !generic.has(k) && !k.startsWith('beta.kubernetes.io/')).sort();
}

/** "nodeSelector a=b: has a=c" → "nodeSelector a=b": the requirement, without what one node has instead. */
function requirementOf(mismatch: string): string {
  for (const sep of [': has ', ': node is ', ': no ']) {
    const at = mismatch.indexOf(sep);
    if (at >= 0) return mismatch.slice(0, at);
  }
  return mismatch;
}

/** Claims the pod waits for: a missing claim is the root, an unbound claim's own finding is. */
function claimDiagnosis(
  index: ObjectIndex,
  pod: LoadedObject,
  explanation: SchedulingExplanation,
  settings: RunSettings,
): SchedulingDiagnosis | undefined {
  const ns = pod.ref.namespace ?? '';
  const missing = explanation.claims.find((c) => c.state === 'missing');
  if (missing) {
    const near = closestNames(
      missing.claim,
      index
        .ofKind('PersistentVolumeClaim')
        .filter((c) => c.ref.namespace === ns)
        .map((c) => c.ref.name),
      1,
    )[0];
    return {
      key: `unschedulable/claim-missing/${ns}/${missing.claim}`,
      reason: `PersistentVolumeClaim ${missing.claim} does not exist`,
      remedy:
        `${near ? `Did you mean claim "${near}"? ` : ''}Create PersistentVolumeClaim ${missing.claim} in namespace ${ns}, ` +
        "or point the pod's volume at an existing claim (persistentVolumeClaim.claimName).",
      upstream: [],
      evidence: [],
    };
  }
  const unbound = explanation.claims.filter((c) => c.state === 'unbound' && c.pvc);
  if (unbound.length === 0) return undefined;
  const first = unbound[0]!;
  const claim = diagnoseClaim(index, first.pvc!, settings);
  return {
    key: `unschedulable/claim/${ns}/${first.claim}`,
    reason: `PersistentVolumeClaim ${first.claim} is not bound: ${claim.why}`,
    remedy: claim.remedy,
    upstream: unbound.map((c) => ({ kind: 'PersistentVolumeClaim', namespace: ns, name: c.claim })),
    evidence: [],
  };
}

/** Largest and freest node for each requested resource, over the given nodes. */
function capacityFacts(verdicts: NodeVerdict[], requests: Map<string, number>, index: ObjectIndex) {
  const out: {
    resource: string;
    requested: number;
    largest: { node: string; allocatable: number };
    freest: { node: string; free: number; allocatable: number };
  }[] = [];
  for (const [resource, requested] of requests) {
    if (requested <= 0) continue;
    let largest = { node: '', allocatable: -1 };
    let freest = { node: '', free: -1, allocatable: 0 };
    for (const v of verdicts) {
      const { allocatable, requested: used } = nodeCapacity(index, v.node);
      const total = allocatable.get(resource) ?? 0;
      const free = Math.max(0, total - (used.get(resource) ?? 0));
      if (total > largest.allocatable) largest = { node: v.node.ref.name, allocatable: total };
      if (free > freest.free) freest = { node: v.node.ref.name, free, allocatable: total };
    }
    out.push({ resource, requested, largest, freest });
  }
  return out;
}

const unit = (resource: string) =>
  resource === 'cpu' ? ' cpu' : resource === 'memory' ? ' memory' : ` ${resource}`;
const amount = (resource: string, units: number) => `${showQuantity(resource, units)}${unit(resource)}`;

function resourceDiagnosis(
  usable: NodeVerdict[],
  requests: Map<string, number>,
  index: ObjectIndex,
  workload: string,
  scope: string,
): SchedulingDiagnosis | undefined {
  const resourceBlocked = usable.filter((v) => blockersOf(v, 'NodeResourcesFit').length > 0);
  if (resourceBlocked.length === 0) return undefined;
  const facts = capacityFacts(usable, requests, index);
  const never = facts.filter((f) => f.requested > f.largest.allocatable);
  if (never.length > 0) {
    const asked = never.map((f) => amount(f.resource, f.requested)).join(' and ');
    const largest = never
      .map((f) => `${showQuantity(f.resource, f.largest.allocatable)}${unit(f.resource)}`)
      .join(', ');
    return {
      key: `unschedulable/too-large/${workload}`,
      reason: `${asked} requested, more than any ${scope} has allocatable (at most ${largest})`,
      remedy:
        `No ${scope} can ever fit it, and adding nodes of the current sizes would not help: ` +
        never
          .map(
            (f) =>
              `${f.resource} requested ${showQuantity(f.resource, f.requested)}, the largest node (${f.largest.node}) has ${showQuantity(f.resource, f.largest.allocatable)} allocatable`,
          )
          .join('; ') +
        `. Lower the request${never.length > 1 ? 's' : ''} to fit (at most ${largest}, less what other pods there request), ` +
        `or add nodes with at least ${asked} allocatable.`,
      upstream: [],
      evidence: [],
    };
  }
  const short = facts.filter((f) => f.requested > f.freest.free);
  const pods = usable.filter((v) =>
    v.blockers.some((b) => b.filter === 'NodeResourcesFit' && b.resource === 'pods'),
  );
  if (short.length === 0 && pods.length === usable.length) {
    const limit = pods[0]!.blockers.find((b) => b.filter === 'NodeResourcesFit' && b.resource === 'pods');
    return {
      key: 'unschedulable/capacity/pods',
      reason: `every ${scope} already runs as many pods as it allows (${limit?.filter === 'NodeResourcesFit' ? limit.allocatable : '?'})`,
      remedy:
        'Add nodes, or raise the kubelet maxPods where the node has room for more pods; the pods already there take every slot.',
      upstream: [],
      evidence: [],
    };
  }
  const rows = (short.length > 0 ? short : facts).map(
    (f) =>
      `${f.resource}: requested ${showQuantity(f.resource, f.requested)}, the most free is ${showQuantity(f.resource, f.freest.free)} of ${showQuantity(f.resource, f.freest.allocatable)} on ${f.freest.node}`,
  );
  const rowsShort = (short.length > 0 ? short : facts).map(
    (f) =>
      `${amount(f.resource, f.requested)} requested, at most ${showQuantity(f.resource, f.freest.free)} free on ${f.freest.node}`,
  );
  const shape = usable.find((v) =>
    facts.every((f) => f.requested <= (nodeCapacity(index, v.node).allocatable.get(f.resource) ?? 0)),
  );
  return {
    key: `unschedulable/capacity/${(short.length > 0 ? short : facts).map((f) => f.resource).join('+')}`,
    reason: `no ${scope} has enough ${(short.length > 0 ? short : facts).map((f) => f.resource).join(' and ')} free (${rowsShort.join('; ')})`,
    remedy:
      `The pods already on the nodes request the capacity the pod needs: ${rows.join('; ')}. ` +
      `Add a node${shape ? ` (one like ${shape.node.ref.name} would fit it)` : ''} or let the cluster autoscaler add one, ` +
      `lower the request${short.length > 1 ? 's' : ''} to what is free, or scale down other workloads on these nodes.`,
    upstream: [],
    evidence: [],
  };
}

function spreadDiagnosis(state: SpreadState, verdicts: NodeVerdict[], workload: string): SchedulingDiagnosis {
  const domains = [...state.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const counts = domains.map(([d, n]) => `${d} ${n}`).join(', ');
  const constraint = `topologySpreadConstraints[${state.index}] (${state.topologyKey}, maxSkew ${state.maxSkew}${state.minDomains !== undefined ? `, minDomains ${state.minDomains}` : ''})`;
  const base = {
    key: `unschedulable/spread/${workload}/${state.index}`,
    upstream: [],
    evidence: [`${constraint}: matching pods per domain: ${counts || 'no domain'}`],
  };
  const missing = verdicts.filter((v) =>
    v.blockers.some((b) => b.filter === 'PodTopologySpread' && b.violation.missingLabel),
  );
  if (domains.length === 0 || missing.length === verdicts.length) {
    const keys = new Set(verdicts.flatMap((v) => Object.keys(v.node.object.metadata.labels ?? {})));
    const near = closestNames(state.topologyKey, keys, 1)[0];
    return {
      ...base,
      reason: `no node carries the label ${state.topologyKey} that the topology spread constraint counts domains by`,
      remedy: `${near ? `Did you mean topologyKey ${near}? ` : ''}Set topologyKey to a label the nodes carry (e.g. topology.kubernetes.io/zone or kubernetes.io/hostname), or label the nodes.`,
    };
  }
  if (state.minDomains !== undefined && domains.length < state.minDomains) {
    return {
      ...base,
      reason: `the topology spread constraint wants at least ${state.minDomains} ${state.topologyKey} domains and the eligible nodes span ${domains.length}`,
      remedy:
        `With fewer than minDomains ${state.minDomains} domains the smallest domain counts as 0 pods, so every domain ` +
        `(${counts}) is already at the maxSkew ${state.maxSkew} limit. Lower minDomains to ${domains.length}, or add nodes in ` +
        `${plural(state.minDomains - domains.length, 'more domain')} (${state.topologyKey}).`,
    };
  }
  const min = domains.reduce((low, [, n]) => Math.min(low, n), Number.POSITIVE_INFINITY);
  const lowest = domains.filter(([, n]) => n === min).map(([d]) => d);
  const blockedLow = verdicts.filter(
    (v) =>
      lowest.includes(v.node.object.metadata.labels?.[state.topologyKey] ?? '') &&
      v.blockers.some((b) => b.filter !== 'PodTopologySpread'),
  );
  const reasons = [
    ...new Set(
      blockedLow.flatMap((v) =>
        v.blockers
          .filter((b) => b.filter !== 'PodTopologySpread')
          .map((b) => (b.filter === 'TaintToleration' ? `taint ${formatTaint(b.taint)}` : b.filter)),
      ),
    ),
  ];
  return {
    ...base,
    reason: `the topology spread constraint on ${state.topologyKey} (maxSkew ${state.maxSkew}) cannot be met because the emptiest domain, ${lowest.join(', ')}, rejects the pod`,
    remedy:
      `Matching pods per ${state.topologyKey}: ${counts}. The pod must go to ${list(lowest)} (${min}), whose nodes ` +
      `reject the pod for other reasons (${list(reasons)}); fix that, ${reasons.some((r) => r.startsWith('taint')) ? 'set nodeTaintsPolicy: Honor so tainted nodes do not count as domains, ' : ''}` +
      `raise maxSkew, or set whenUnsatisfiable: ScheduleAnyway.`,
  };
}

function interPodDiagnosis(
  group: Group,
  blocked: NodeVerdict[],
  workload: string,
  scope: string,
): SchedulingDiagnosis {
  const violations = blocked.flatMap((v) =>
    v.blockers.flatMap((b) => (b.filter === 'InterPodAffinity' ? [b.violation] : [])),
  );
  const first = violations[0]!;
  const term = first.term;
  const domains = new Set(violations.map((v) => v.domain).filter((d): d is string => d !== undefined));
  const key = `unschedulable/${group}/${workload}`;
  if (group === 'anti-affinity' && term) {
    return {
      key,
      reason: `the required anti-affinity allows one matching pod per ${term.topologyKey} and every ${scope} already has one`,
      remedy:
        `Pods matching ${term.selector ? formatSelector(term.selector) : 'its selector'} already run in all ${plural(domains.size, `${term.topologyKey} domain`)} ` +
        `the pod may use (${list([...domains])}). Run no more replicas than there are domains, add nodes in new domains, ` +
        'or make the rule preferredDuringSchedulingIgnoredDuringExecution.',
      upstream: [],
      evidence: [],
    };
  }
  if (group === 'existing-anti-affinity') {
    const pods = [...new Set(violations.flatMap((v) => v.pods))];
    return {
      key,
      reason: `the required anti-affinity of other pods (${list(pods, 2)}) rules out every ${scope}`,
      remedy:
        `Pods ${list(pods)} declare required anti-affinity against pods labelled like this one, in ${list([...domains])}. ` +
        "Change this pod's labels or those pods' anti-affinity, or add nodes outside those domains.",
      upstream: [],
      evidence: [],
    };
  }
  return {
    key,
    reason: `the required pod affinity${term?.selector ? ` to ${formatSelector(term.selector)}` : ''} finds no matching pod in the ${term?.topologyKey ?? 'topology'} domain of any ${scope}`,
    remedy:
      `No pod matching ${term?.selector ? formatSelector(term.selector) : 'the affinity selector'} runs in a ${term?.topologyKey ?? 'topology'} domain the pod may use. ` +
      'Start those pods first, fix the selector or namespaces of the affinity term, or make it preferred.',
    upstream: [],
    evidence: [],
  };
}

/**
 * The deciding reason a pod cannot be scheduled. `workload` names the pod's workload (for grouping replicas);
 * returns undefined when the explanation holds nothing to decide from (no blockers: the data does not show why).
 */
export function diagnoseScheduling(
  index: ObjectIndex,
  pod: LoadedObject,
  explanation: SchedulingExplanation,
  requests: Map<string, number>,
  workload: string,
  settings: RunSettings,
): SchedulingDiagnosis | undefined {
  const spec = (pod.object.spec ?? {}) as PodSpec;
  if (explanation.podReasons.length > 0) {
    const claims = claimDiagnosis(index, pod, explanation, settings);
    if (claims) return claims;
    return {
      key: `unschedulable/node-name-affinity/${workload}`,
      reason: 'the required node affinity names nodes (metadata.name) that no term has in common',
      remedy:
        'Fix the metadata.name requirements of its required node affinity so at least one node satisfies a term.',
      upstream: [],
      evidence: [],
    };
  }
  // Replicas of one spec share their verdicts (explainScheduling caches them): decide once per verdict list.
  const cache = index.memo('scheduling-diagnoses', () => new WeakMap<object, SchedulingDiagnosis | null>());
  let decided = cache.get(explanation.verdicts);
  if (decided === undefined) {
    decided = decideFromNodes(index, spec, explanation, requests) ?? null;
    cache.set(explanation.verdicts, decided);
  }
  return decided ? { ...decided, key: decided.key.replace(WORKLOAD, workload) } : undefined;
}

/** Stands for the pod's workload in keys decided once for every replica. */
const WORKLOAD = '\u0000workload';

function decideFromNodes(
  index: ObjectIndex,
  spec: PodSpec,
  explanation: SchedulingExplanation,
  requests: Map<string, number>,
): SchedulingDiagnosis | undefined {
  const workload = WORKLOAD;
  const verdicts = explanation.verdicts;
  if (verdicts.length === 0)
    return {
      key: 'unschedulable/no-nodes',
      reason: 'the cluster has no nodes',
      remedy: 'Add nodes (or check why they did not register with the API server).',
      upstream: [],
      evidence: [],
    };
  if (verdicts.every((v) => v.blockers.length === 0)) return undefined;
  // The nodes the pod asks for: those its nodeSelector and required node affinity admit.
  const wanted = verdicts.filter((v) => blockersOf(v, 'NodeAffinity').length === 0);
  if (wanted.length === 0) return selectorDiagnosis(spec, verdicts);
  const selects = wanted.length < verdicts.length;
  const scope = selects ? `node the ${selectorWords(spec)} selects` : 'node';
  const scopeAll = selects
    ? `${wanted.length === 1 ? 'the only node' : `the ${plural(wanted.length, 'node')}`} the ${selectorWords(spec)} selects`
    : wanted.length === 1
      ? 'the only node'
      : `all ${plural(wanted.length, 'node')}`;
  const taintsOf = (v: NodeVerdict) =>
    v.blockers.flatMap((b) => (b.filter === 'TaintToleration' ? [b.taint] : []));
  const isCondition = (t: Taint) => CONDITION_TAINTS.has(t.key ?? '');
  const isCordon = (v: NodeVerdict) =>
    blockersOf(v, 'NodeUnschedulable').length > 0 || taintsOf(v).some((t) => t.key === CORDON_TAINT);
  const unwell = (v: NodeVerdict) => taintsOf(v).some(isCondition);
  const reservedBy = (v: NodeVerdict) => taintsOf(v).filter((t) => !isCondition(t) && t.key !== CORDON_TAINT);
  // Nodes that are down or cordoned: the fix is on the nodes (their own findings are the root).
  const healthy = wanted.filter((v) => !unwell(v) && !isCordon(v));
  if (healthy.length === 0) {
    const down = wanted.filter(unwell);
    const cordoned = wanted.filter((v) => isCordon(v) && !unwell(v));
    const parts: string[] = [];
    if (down.length > 0)
      parts.push(
        `${plural(down.length, 'node is', 'nodes are')} not ready or under pressure (${list(
          [...new Set(down.flatMap((v) => taintsOf(v).filter(isCondition).map(formatTaint)))],
          3,
        )}): ${list(down.map((v) => v.node.ref.name))}`,
      );
    if (cordoned.length > 0)
      parts.push(
        `${plural(cordoned.length, 'node is', 'nodes are')} cordoned: ${list(cordoned.map((v) => v.node.ref.name))}`,
      );
    return {
      key: `unschedulable/nodes-unavailable/${[...wanted.map((v) => v.node.ref.name)].sort().join(',')}`,
      reason: `${scopeAll} ${wanted.length === 1 ? 'is' : 'are'} unavailable (not ready, under pressure or cordoned)`,
      remedy: `${parts.join('; ')}. ${down.length > 0 ? 'Bring those nodes back (see their findings) ' : ''}${down.length > 0 && cordoned.length > 0 ? 'and ' : ''}${cordoned.length > 0 ? `uncordon the cordoned ones when their maintenance is over (kubectl uncordon ${cordoned[0]!.node.ref.name})` : ''}${selects ? `, or widen its ${selectorWords(spec)}` : ', or add nodes'}.`,
      upstream: wanted.map((v) => ({ kind: 'Node', name: v.node.ref.name })),
      evidence: [],
    };
  }
  // Tainted nodes are reserved for pods that tolerate them: only when every node the pod may use is reserved is
  // a toleration the fix (the pod then asks for those nodes, or there is nothing else).
  const open = healthy.filter((v) => reservedBy(v).length === 0);
  if (open.length === 0) {
    const taints = new Map<string, { taint: Taint; nodes: number }>();
    for (const v of healthy)
      for (const t of reservedBy(v)) {
        const k = formatTaint(t);
        taints.set(k, { taint: t, nodes: (taints.get(k)?.nodes ?? 0) + 1 });
      }
    const rows = [...taints.values()].sort((a, b) => b.nodes - a.nodes);
    const tolerations = rows.map(
      ({ taint: t }) =>
        `{key: ${t.key}, operator: ${t.value ? 'Equal' : 'Exists'}${t.value ? `, value: ${t.value}` : ''}, effect: ${t.effect}}`,
    );
    return {
      key: `unschedulable/taint/${rows.map((r) => formatTaint(r.taint)).join(',')}`,
      reason: `${scopeAll} ${healthy.length === 1 ? 'carries' : 'carry'} ${rows.length === 1 ? `taint ${formatTaint(rows[0]!.taint)}` : `taints ${list(rows.map((r) => formatTaint(r.taint)))}`}, which the pod does not tolerate`,
      remedy:
        `${rows.map((r) => `Taint ${formatTaint(r.taint)} is on ${plural(r.nodes, 'node')}`).join('; ')}. ` +
        `If the pod is meant for ${healthy.length === 1 ? 'that node' : 'those nodes'}, add the toleration${tolerations.length > 1 ? 's' : ''} ` +
        `${tolerations.join(', ')} to its spec.tolerations${selects ? `; otherwise change its ${selectorWords(spec)} to nodes without the taint` : ''}.`,
      upstream: [],
      evidence: [],
    };
  }
  // Among the nodes open to it: capacity, ports, spread, inter-pod rules.
  const resources = resourceDiagnosis(open, requests, index, workload, scope);
  const onlyBlocker = (group: Group) =>
    open.filter((v) => v.blockers.length > 0 && v.blockers.every((b) => groupOf(b) === group));
  if (
    resources &&
    (resources.key.startsWith('unschedulable/too-large/') || onlyBlocker('resources').length > 0)
  )
    return withReserved(resources, healthy, open, reservedBy);
  for (const group of ['spread', 'anti-affinity', 'existing-anti-affinity', 'affinity', 'ports'] as Group[]) {
    const blocked = open.filter((v) => v.blockers.some((b) => groupOf(b) === group));
    if (blocked.length === 0 || blocked.length < open.length / 2) continue;
    if (group === 'spread') {
      const violation = blocked.flatMap((v) => v.blockers).find((b) => b.filter === 'PodTopologySpread');
      if (violation?.filter === 'PodTopologySpread')
        return withReserved(
          spreadDiagnosis(violation.violation.state, open, workload),
          healthy,
          open,
          reservedBy,
        );
    } else if (group === 'ports') {
      const ports = [
        ...new Set(
          blocked.flatMap((v) => v.blockers.flatMap((b) => (b.filter === 'NodePorts' ? b.ports : []))),
        ),
      ].map((p) => p.split('/').reverse()[0] ?? p);
      return {
        key: `unschedulable/ports/${ports.join(',')}`,
        reason: `host port ${list(ports)} is already taken on ${blocked.length === open.length ? `every ${scope}` : plural(blocked.length, scope)}`,
        remedy: `Another pod holds hostPort ${list(ports)} on ${list(blocked.map((v) => v.node.ref.name))}. Drop the hostPort (reach the pod through a Service), pick a free one, or run no more replicas than there are nodes.`,
        upstream: [],
        evidence: [],
      };
    } else return withReserved(interPodDiagnosis(group, blocked, workload, scope), healthy, open, reservedBy);
  }
  if (resources) return withReserved(resources, healthy, open, reservedBy);
  return undefined;
}

function groupOf(b: Blocker): Group | undefined {
  switch (b.filter) {
    case 'NodeResourcesFit':
      return 'resources';
    case 'NodePorts':
      return 'ports';
    case 'PodTopologySpread':
      return 'spread';
    case 'InterPodAffinity':
      return b.violation.rule;
    default:
      return undefined;
  }
}

/** Nodes kept out by taints are named in the evidence, so the numbers above read as "of the nodes it may use". */
function withReserved(
  diagnosis: SchedulingDiagnosis,
  healthy: NodeVerdict[],
  open: NodeVerdict[],
  reservedBy: (v: NodeVerdict) => Taint[],
): SchedulingDiagnosis {
  const reserved = healthy.filter((v) => !open.includes(v));
  if (reserved.length === 0) return diagnosis;
  const taints = [...new Set(reserved.flatMap((v) => reservedBy(v).map(formatTaint)))];
  return {
    ...diagnosis,
    evidence: [
      ...diagnosis.evidence,
      `not counted: ${plural(reserved.length, 'node')} reserved by ${list(taints, 3)} (${list(
        reserved.map((v) => v.node.ref.name),
        3,
      )})`,
    ],
  };
}

const SELECTOR_FIX = 'set the nodeSelector/node affinity to labels the nodes carry';

/** The fix for each reason kube-scheduler can give, for when only its message is known (no nodes were read). */
const REASON_REMEDIES: readonly [RegExp, string][] = [
  [/Insufficient (\S+)/, "lower the pod's $1 request or add capacity (more or bigger nodes)"],
  [/Too many pods/, 'add nodes: the nodes run as many pods as they allow'],
  [
    /untolerated taint/,
    "add a toleration for the nodes' taints if the pod belongs there, or target untainted nodes",
  ],
  [/didn't match Pod's node affinity\/selector|didn't satisfy plugin\(s\) \[NodeAffinity\]/, SELECTOR_FIX],
  [/were unschedulable/, 'uncordon the nodes once their maintenance is over (kubectl uncordon)'],
  [
    /unbound immediate PersistentVolumeClaims/,
    'get its PersistentVolumeClaims bound (kubectl describe pvc: a missing StorageClass or a failing provisioner)',
  ],
  [
    /persistentvolumeclaim "([^"]+)" not found/,
    'create PersistentVolumeClaim $1 or point the volume at an existing claim',
  ],
  [/free ports/, 'drop or change the hostPort (another pod holds it on those nodes)'],
  [
    /topology spread constraints/,
    'relax the topology spread constraint (maxSkew, minDomains, or whenUnsatisfiable: ScheduleAnyway) or add nodes in more domains',
  ],
  [
    /didn't match pod anti-affinity rules/,
    'run no more replicas than its anti-affinity allows, add nodes, or make the rule preferred',
  ],
  [/existing pods anti-affinity/, "change this pod's labels or the other pods' anti-affinity"],
  [
    /didn't match pod affinity rules/,
    'start the pods its affinity requires first, or fix the affinity selector',
  ],
  [
    /volume node affinity conflict/,
    "place the pod in the zone of its volumes (the PersistentVolume's node affinity)",
  ],
];

/**
 * A fix that covers exactly the reasons in a FailedScheduling message ("0/5 nodes are available: 5 Insufficient
 * cpu."), for pasted describe text or when nodes could not be read; undefined when it names none we know.
 */
export function remedyFromSchedulerMessage(message: string, spec: PodSpec = {}): string | undefined {
  const fixes: string[] = [];
  // Only when the nodeSelector is all there is: with node affinity too, either may be what fails.
  const affinity = (spec.affinity as { nodeAffinity?: unknown } | undefined)?.nodeAffinity;
  const selector = affinity
    ? []
    : Object.entries(spec.nodeSelector ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  for (const part of message
    .replace(/^\d+\/\d+ nodes are available: /, '')
    .replace(/\.$/, '')
    .split(/, (?=\d+ |\w)/)) {
    for (const [pattern, fix] of REASON_REMEDIES) {
      const m = pattern.exec(part);
      if (!m) continue;
      // The pod's own nodeSelector is in the text: name it, and the command that shows what the nodes carry.
      const text =
        fix === SELECTOR_FIX && selector.length > 0
          ? `its nodeSelector wants ${selector.join(', ')}: label the nodes meant for it (kubectl label node <node> ${selector.join(' ')}) or change the nodeSelector to labels they carry (kubectl get nodes -L ${Object.keys(spec.nodeSelector ?? {}).join(',')})`
          : fix.replace('$1', m[1] ?? '');
      if (!fixes.includes(text)) fixes.push(text);
      break;
    }
  }
  if (fixes.length === 0) return undefined;
  const sentence = fixes.join('; ');
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
}
