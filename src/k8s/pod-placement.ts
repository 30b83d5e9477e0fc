// Filters that depend on where other pods run: PodTopologySpread and InterPodAffinity, reasoned as
// kube-scheduler v1.34's plugins do (pkg/scheduler/framework/plugins/podtopologyspread and interpodaffinity), over
// the pods bound to the nodes in the object set. Pure: the same answers from a live cluster and a snapshot.
// https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
import type { ObjectIndex } from '../core/index.ts';
import type { KubeObject, LoadedObject } from '../core/object.ts';
import { type LabelSelector, matchesSelector } from './labels.ts';
import type { PodSpec } from './workloads.ts';

export const SPREAD_NOT_MATCHED = "node(s) didn't match pod topology spread constraints";
export const SPREAD_MISSING_LABEL = `${SPREAD_NOT_MATCHED} (missing required label)`;
export const AFFINITY_NOT_MATCHED = "node(s) didn't match pod affinity rules";
export const ANTI_AFFINITY_NOT_MATCHED = "node(s) didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_NOT_MATCHED = "node(s) didn't satisfy existing pods anti-affinity rules";

type Labels = Readonly<Record<string, string>>;

/** A hard topology spread constraint with its counts over the eligible nodes. */
export interface SpreadState {
  /** Index in spec.topologySpreadConstraints. */
  index: number;
  topologyKey: string;
  maxSkew: number;
  minDomains?: number;
  selector: LabelSelector;
  /** Matching pods per domain (topology value), over the nodes the constraint counts. */
  counts: Map<string, number>;
  /** The count skew is measured against: the smallest domain, or 0 while fewer than minDomains domains exist. */
  globalMin: number;
  /** 1 when the incoming pod matches its own selector (it adds to the domain it lands in). */
  selfMatch: number;
}

/** An inter-pod (anti-)affinity term, its namespaces resolved. */
export interface AffinityTerm {
  topologyKey: string;
  /** Undefined when the term has no labelSelector: it then matches no pod. */
  selector: LabelSelector | undefined;
  /** Namespaces the term selects pods in; undefined = every namespace (an empty namespaceSelector). */
  namespaces: ReadonlySet<string> | undefined;
}

export interface InterPodState {
  affinity: AffinityTerm[];
  antiAffinity: AffinityTerm[];
  /** Topology pairs ("key\0value") holding pods that match every affinity term. */
  affinityCounts: Map<string, number>;
  /** Topology pairs holding a pod that matches an anti-affinity term, with those pods' names. */
  antiAffinityPods: Map<string, string[]>;
  /** Topology pairs where an existing pod's anti-affinity rejects the incoming pod, with those pods' names. */
  existingAntiAffinityPods: Map<string, string[]>;
  selfMatchesAffinity: boolean;
}

interface BoundPod {
  pod: LoadedObject;
  node: LoadedObject;
}

const pair = (key: string, value: string) => `${key}\u0000${value}`;

/** Pods bound to a known node, not finished: what the scheduler's cache holds for these plugins. */
function boundPods(index: ObjectIndex): BoundPod[] {
  return index.memo('placement-bound-pods', (idx) => {
    const nodes = new Map(idx.ofKind('Node').map((n) => [n.ref.name, n]));
    const supporting = idx.supporting.filter((o) => o.object.kind === 'Pod');
    const out: BoundPod[] = [];
    for (const pod of supporting.length > 0 ? [...idx.ofKind('Pod'), ...supporting] : idx.ofKind('Pod')) {
      const nodeName = (pod.object.spec as { nodeName?: unknown } | undefined)?.nodeName;
      const node = typeof nodeName === 'string' ? nodes.get(nodeName) : undefined;
      if (!node || isTerminal(pod.object)) continue;
      out.push({ pod, node });
    }
    return out;
  });
}

function isTerminal(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function labelsOf(object: KubeObject): Labels {
  const labels = object.metadata.labels;
  return labels && typeof labels === 'object' ? labels : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The selector with matchLabelKeys folded in: the incoming pod's own values for those keys. */
function withMatchLabelKeys(selector: LabelSelector, keys: unknown, labels: Labels): LabelSelector {
  if (!Array.isArray(keys) || keys.length === 0) return selector;
  const extra = keys
    .filter((k): k is string => typeof k === 'string' && labels[k] !== undefined)
    .map((k) => ({ key: k, operator: 'In', values: [labels[k]!] }));
  return { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), ...extra] };
}

/** The pod's constraints with whenUnsatisfiable DoNotSchedule, as the filter sees them. */
export function hardSpreadConstraints(spec: PodSpec): { raw: Record<string, unknown>; index: number }[] {
  const list = spec.topologySpreadConstraints;
  if (!Array.isArray(list)) return [];
  return list
    .map((raw, index) => ({ raw: raw as Record<string, unknown>, index }))
    .filter(
      ({ raw }) =>
        isRecord(raw) &&
        raw.whenUnsatisfiable !== 'ScheduleAnyway' &&
        typeof raw.topologyKey === 'string' &&
        raw.topologyKey !== '',
    );
}

/**
 * PodTopologySpread's PreFilter: for each hard constraint, the matching pods per domain over the nodes it counts —
 * nodes the pod's node selector/affinity admits (nodeAffinityPolicy Honor, the default), not tainted against it
 * when nodeTaintsPolicy is Honor, and carrying every constraint's topology key.
 */
export function spreadStates(
  index: ObjectIndex,
  spec: PodSpec,
  namespace: string,
  labels: Labels,
  admits: (node: LoadedObject) => boolean,
  tolerated: (node: LoadedObject) => boolean,
): SpreadState[] {
  const constraints = hardSpreadConstraints(spec);
  if (constraints.length === 0) return [];
  const keys = constraints.map((c) => c.raw.topologyKey as string);
  const states: SpreadState[] = constraints.map(({ raw, index: i }) => ({
    index: i,
    topologyKey: raw.topologyKey as string,
    maxSkew: typeof raw.maxSkew === 'number' && raw.maxSkew > 0 ? raw.maxSkew : 1,
    ...(typeof raw.minDomains === 'number' ? { minDomains: raw.minDomains } : {}),
    selector: withMatchLabelKeys(
      isRecord(raw.labelSelector) ? (raw.labelSelector as LabelSelector) : {},
      raw.matchLabelKeys,
      labels,
    ),
    counts: new Map(),
    globalMin: 0,
    selfMatch: 0,
  }));
  // A constraint without labelSelector matches no pod (nil selector), itself included.
  const hasSelector = constraints.map(({ raw }) => isRecord(raw.labelSelector));
  const counted = new Set<string>();
  for (const node of index.ofKind('Node')) {
    const nodeLabels = labelsOf(node.object);
    if (!keys.every((k) => nodeLabels[k] !== undefined)) continue;
    const c = constraints;
    const honorsAffinity = (i: number) => c[i]!.raw.nodeAffinityPolicy !== 'Ignore';
    const honorsTaints = (i: number) => c[i]!.raw.nodeTaintsPolicy === 'Honor';
    states.forEach((state, i) => {
      if (honorsAffinity(i) && !admits(node)) return;
      if (honorsTaints(i) && !tolerated(node)) return;
      const value = nodeLabels[state.topologyKey]!;
      if (!state.counts.has(value)) state.counts.set(value, 0);
      counted.add(node.ref.name);
    });
  }
  for (const { pod, node } of boundPods(index)) {
    if (!counted.has(node.ref.name) || pod.ref.namespace !== namespace) continue;
    if (pod.object.metadata.deletionTimestamp) continue;
    const podLabels = labelsOf(pod.object);
    states.forEach((state, i) => {
      const value = labelsOf(node.object)[state.topologyKey];
      if (value === undefined || !state.counts.has(value)) return;
      if (hasSelector[i] && matchesSelector(state.selector, podLabels))
        state.counts.set(value, state.counts.get(value)! + 1);
    });
  }
  states.forEach((state, i) => {
    const counts = [...state.counts.values()];
    const min = counts.length > 0 ? counts.reduce((low, n) => Math.min(low, n)) : 0;
    state.globalMin = state.minDomains !== undefined && counts.length < state.minDomains ? 0 : min;
    state.selfMatch = hasSelector[i] && matchesSelector(state.selector, labels) ? 1 : 0;
  });
  return states;
}

export interface SpreadViolation {
  state: SpreadState;
  /** The node lacks the constraint's topology key. */
  missingLabel: boolean;
  /** The node's domain and the skew placing the pod there would make. */
  domain?: string;
  skew?: number;
}

/** PodTopologySpread's Filter for one node: the first constraint it violates. */
export function spreadViolation(
  states: readonly SpreadState[],
  node: LoadedObject,
): SpreadViolation | undefined {
  const nodeLabels = labelsOf(node.object);
  for (const state of states)
    if (nodeLabels[state.topologyKey] === undefined) return { state, missingLabel: true };
  for (const state of states) {
    const domain = nodeLabels[state.topologyKey]!;
    const skew = (state.counts.get(domain) ?? 0) + state.selfMatch - state.globalMin;
    if (skew > state.maxSkew) return { state, missingLabel: false, domain, skew };
  }
  return undefined;
}

function affinityTerms(index: ObjectIndex, raw: unknown, ownNamespace: string): AffinityTerm[] {
  if (!Array.isArray(raw)) return [];
  const terms: AffinityTerm[] = [];
  for (const term of raw) {
    if (!isRecord(term) || typeof term.topologyKey !== 'string' || !term.topologyKey) continue;
    const listed = Array.isArray(term.namespaces)
      ? term.namespaces.filter((n): n is string => typeof n === 'string')
      : [];
    let namespaces: Set<string> | undefined;
    if (isRecord(term.namespaceSelector)) {
      const selector = term.namespaceSelector as LabelSelector;
      const everything =
        Object.keys(selector.matchLabels ?? {}).length === 0 &&
        (selector.matchExpressions ?? []).length === 0;
      if (!everything) {
        namespaces = new Set(listed);
        for (const ns of index.ofKind('Namespace'))
          if (matchesSelector(selector, labelsOf(ns.object))) namespaces.add(ns.ref.name);
      }
    } else namespaces = new Set(listed.length > 0 ? listed : [ownNamespace]);
    terms.push({
      topologyKey: term.topologyKey,
      selector: isRecord(term.labelSelector) ? (term.labelSelector as LabelSelector) : undefined,
      namespaces,
    });
  }
  return terms;
}

function termMatches(term: AffinityTerm, pod: KubeObject): boolean {
  if (!term.selector) return false;
  if (term.namespaces && !term.namespaces.has(pod.metadata.namespace ?? '')) return false;
  return matchesSelector(term.selector, labelsOf(pod));
}

function required(spec: PodSpec, kind: 'podAffinity' | 'podAntiAffinity'): unknown {
  const affinity = spec.affinity as Record<
    string,
    { requiredDuringSchedulingIgnoredDuringExecution?: unknown }
  >;
  return affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution;
}

/** Existing pods' required anti-affinity terms with their nodes, built once per run. */
function existingAntiAffinity(
  index: ObjectIndex,
): { pod: LoadedObject; node: LoadedObject; terms: AffinityTerm[] }[] {
  return index.memo('placement-existing-anti-affinity', (idx) => {
    const out: { pod: LoadedObject; node: LoadedObject; terms: AffinityTerm[] }[] = [];
    // Most pods have no affinity at all: look at the field before building anything for the pod.
    const supporting = idx.supporting.filter((o) => o.object.kind === 'Pod');
    let nodes: Map<string, LoadedObject> | undefined;
    for (const pod of supporting.length > 0 ? [...idx.ofKind('Pod'), ...supporting] : idx.ofKind('Pod')) {
      const spec = (pod.object.spec ?? {}) as PodSpec;
      if (!isRecord(spec.affinity) || !isRecord((spec.affinity as Record<string, unknown>).podAntiAffinity))
        continue;
      const nodeName = spec.nodeName;
      nodes ??= new Map(idx.ofKind('Node').map((n) => [n.ref.name, n]));
      const node = typeof nodeName === 'string' ? nodes.get(nodeName) : undefined;
      if (!node || isTerminal(pod.object)) continue;
      const terms = affinityTerms(idx, required(spec, 'podAntiAffinity'), pod.ref.namespace ?? '');
      if (terms.length > 0) out.push({ pod, node, terms });
    }
    return out;
  });
}

/** True when some bound pod has required anti-affinity: every Pending pod must then be checked against it. */
export function anyExistingAntiAffinity(index: ObjectIndex): boolean {
  return existingAntiAffinity(index).length > 0;
}

/** InterPodAffinity's PreFilter for the incoming pod; undefined when no term and no existing pod's term applies. */
export function interPodState(
  index: ObjectIndex,
  spec: PodSpec,
  namespace: string,
  labels: Labels,
): InterPodState | undefined {
  const affinity = affinityTerms(index, required(spec, 'podAffinity'), namespace);
  const antiAffinity = affinityTerms(index, required(spec, 'podAntiAffinity'), namespace);
  const incoming: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: '', namespace, labels } };
  const existingAntiAffinityPods = new Map<string, string[]>();
  for (const { pod, node, terms } of existingAntiAffinity(index)) {
    for (const term of terms) {
      const value = labelsOf(node.object)[term.topologyKey];
      if (value === undefined || !termMatches(term, incoming)) continue;
      push(existingAntiAffinityPods, pair(term.topologyKey, value), `${pod.ref.namespace}/${pod.ref.name}`);
    }
  }
  if (affinity.length === 0 && antiAffinity.length === 0 && existingAntiAffinityPods.size === 0)
    return undefined;
  const affinityCounts = new Map<string, number>();
  const antiAffinityPods = new Map<string, string[]>();
  if (affinity.length > 0 || antiAffinity.length > 0) {
    for (const { pod, node } of boundPods(index)) {
      const nodeLabels = labelsOf(node.object);
      if (affinity.length > 0 && affinity.every((t) => termMatches(t, pod.object))) {
        for (const t of affinity) {
          const value = nodeLabels[t.topologyKey];
          if (value !== undefined)
            affinityCounts.set(
              pair(t.topologyKey, value),
              (affinityCounts.get(pair(t.topologyKey, value)) ?? 0) + 1,
            );
        }
      }
      for (const t of antiAffinity) {
        const value = nodeLabels[t.topologyKey];
        if (value !== undefined && termMatches(t, pod.object))
          push(antiAffinityPods, pair(t.topologyKey, value), `${pod.ref.namespace}/${pod.ref.name}`);
      }
    }
  }
  return {
    affinity,
    antiAffinity,
    affinityCounts,
    antiAffinityPods,
    existingAntiAffinityPods,
    selfMatchesAffinity: affinity.every((t) => termMatches(t, incoming)),
  };
}

export interface InterPodViolation {
  rule: 'affinity' | 'anti-affinity' | 'existing-anti-affinity';
  reason: string;
  /** The term concerned (affinity, anti-affinity) and the node's domain for it. */
  term?: AffinityTerm;
  domain?: string;
  /** Pods that make the domain unavailable (anti-affinity rules). */
  pods: string[];
}

/** InterPodAffinity's Filter for one node, in the plugin's order. */
export function interPodViolation(state: InterPodState, node: LoadedObject): InterPodViolation | undefined {
  const nodeLabels = labelsOf(node.object);
  let podsExist = true;
  for (const term of state.affinity) {
    const value = nodeLabels[term.topologyKey];
    if (value === undefined) return { rule: 'affinity', reason: AFFINITY_NOT_MATCHED, term, pods: [] };
    if ((state.affinityCounts.get(pair(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  // The first pod of a group that has affinity to itself may go anywhere that has the topology labels.
  if (!podsExist && !(state.affinityCounts.size === 0 && state.selfMatchesAffinity)) {
    const term = state.affinity.find(
      (t) => (state.affinityCounts.get(pair(t.topologyKey, nodeLabels[t.topologyKey]!)) ?? 0) <= 0,
    );
    return {
      rule: 'affinity',
      reason: AFFINITY_NOT_MATCHED,
      ...(term ? { term, domain: nodeLabels[term.topologyKey]! } : {}),
      pods: [],
    };
  }
  for (const term of state.antiAffinity) {
    const value = nodeLabels[term.topologyKey];
    if (value === undefined) continue;
    const pods = state.antiAffinityPods.get(pair(term.topologyKey, value));
    if (pods && pods.length > 0)
      return { rule: 'anti-affinity', reason: ANTI_AFFINITY_NOT_MATCHED, term, domain: value, pods };
  }
  for (const [key, value] of Object.entries(nodeLabels)) {
    const pods = state.existingAntiAffinityPods.get(pair(key, value));
    if (pods && pods.length > 0)
      return {
        rule: 'existing-anti-affinity',
        reason: EXISTING_ANTI_AFFINITY_NOT_MATCHED,
        domain: `${key}=${value}`,
        pods,
      };
  }
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A copy of placement state that recordPlacement may change without touching the original (shared by diagnose). */
export function copyPlacementState(
  spread: readonly SpreadState[],
  interPod: InterPodState | undefined,
): { spread: SpreadState[]; interPod?: InterPodState } {
  const copy = spread.map((s) => ({ ...s, counts: new Map(s.counts) }));
  if (!interPod) return { spread: copy };
  return {
    spread: copy,
    interPod: {
      ...interPod,
      affinityCounts: new Map(interPod.affinityCounts),
      antiAffinityPods: new Map([...interPod.antiAffinityPods].map(([k, v]) => [k, [...v]])),
      existingAntiAffinityPods: new Map([...interPod.existingAntiAffinityPods].map(([k, v]) => [k, [...v]])),
    },
  };
}

/**
 * The state after one more pod of the same namespace and labels is bound to the node, as the scheduler's cache
 * would count it for the next pod: its own spread domains grow, its affinity pairs fill, and its anti-affinity
 * (which also repels the next identical pod, from either side) marks the node's domains.
 */
export function recordPlacement(
  state: { spread: SpreadState[]; interPod?: InterPodState },
  node: LoadedObject,
  namespace: string,
  labels: Labels,
  name: string,
): void {
  const nodeLabels = labelsOf(node.object);
  for (const s of state.spread) {
    const domain = nodeLabels[s.topologyKey];
    if (s.selfMatch === 0 || domain === undefined || !s.counts.has(domain)) continue;
    s.counts.set(domain, s.counts.get(domain)! + 1);
    const counts = [...s.counts.values()];
    const min = counts.reduce((low, n) => Math.min(low, n));
    s.globalMin = s.minDomains !== undefined && counts.length < s.minDomains ? 0 : min;
  }
  const inter = state.interPod;
  if (!inter) return;
  const incoming: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels } };
  if (inter.affinity.length > 0 && inter.affinity.every((t) => termMatches(t, incoming)))
    for (const t of inter.affinity) {
      const value = nodeLabels[t.topologyKey];
      if (value !== undefined)
        inter.affinityCounts.set(
          pair(t.topologyKey, value),
          (inter.affinityCounts.get(pair(t.topologyKey, value)) ?? 0) + 1,
        );
    }
  for (const t of inter.antiAffinity) {
    const value = nodeLabels[t.topologyKey];
    if (value !== undefined && termMatches(t, incoming))
      push(inter.antiAffinityPods, pair(t.topologyKey, value), `${namespace}/${name}`);
  }
}
