// Why a pod does not fit a node, reasoned the way kube-scheduler's default filter plugins do, so a Pending pod
// can be explained even when no FailedScheduling event exists (snapshots, events expired).
// https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/#filtering
// https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
import { append } from '../core/append.ts';
import type { ObjectIndex } from '../core/index.ts';
import type { KubeObject, LoadedObject } from '../core/object.ts';
import {
  anyExistingAntiAffinity,
  type InterPodState,
  type InterPodViolation,
  interPodState,
  interPodViolation,
  type SpreadState,
  type SpreadViolation,
  spreadStates,
  spreadViolation,
} from './pod-placement.ts';
import { parseQuantity } from './quantity.ts';
import type { Container, PodSpec } from './workloads.ts';

export interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

interface NodeSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/**
 * One thing that keeps the pod off a node, with the facts that decide it. A node can have several; the scheduler
 * reports only the first filter that fails, a fix has to clear them all.
 */
export type Blocker =
  | { filter: 'NodeUnschedulable' }
  | { filter: 'TaintToleration'; taint: Taint }
  | { filter: 'NodeAffinity'; prefiltered: boolean; mismatches: string[] }
  | { filter: 'NodePorts'; ports: string[] }
  /** requested, allocatable and used (by the pods bound there) in scheduler units: millicores for cpu. */
  | { filter: 'NodeResourcesFit'; resource: string; requested: number; allocatable: number; used: number }
  | { filter: 'PodTopologySpread'; violation: SpreadViolation }
  | { filter: 'InterPodAffinity'; violation: InterPodViolation };

export interface NodeVerdict {
  node: LoadedObject;
  /** Empty when the pod fits. Scheduler wording, e.g. "Insufficient cpu". */
  reasons: string[];
  /** Our own detail for humans: "requests 2 cpu, 0.5 of 4 free". */
  details: string[];
  /** Everything that keeps the pod off this node, in filter order (reasons/details are the first filter's). */
  blockers: Blocker[];
}

/** A claim of the pod that stops it before any node is considered. */
export interface ClaimProblem {
  claim: string;
  /** missing: no such claim; unbound: Pending with Immediate binding (or a class that does not exist). */
  state: 'missing' | 'unbound';
  pvc?: LoadedObject;
}

export interface SchedulingExplanation {
  nodes: number;
  verdicts: NodeVerdict[];
  /** Reasons that apply before any node is considered (unbound PVCs, missing PVCs). */
  podReasons: string[];
  /** The claims behind podReasons. */
  claims: ClaimProblem[];
  /** The pod's hard topology spread constraints with their domain counts, when it has any. */
  spread: SpreadState[];
  /** The pod's inter-pod (anti-)affinity state, when a term applies. */
  interPod?: InterPodState;
  /** "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint(s)." */
  summary: string;
  /** Filters we cannot reproduce from the data at hand. */
  unevaluated: string[];
}

/** Parsed quantities: a cluster repeats a handful of values ("100m", "128Mi") across thousands of pods. */
const UNITS = new Map<string, number>();

/** Resource names compared in scheduler units: millicores for cpu, whole units for everything else. */
function toUnits(resource: string, value: unknown): number {
  const key = typeof value === 'string' ? `${resource}\u0000${value}` : undefined;
  const cached = key === undefined ? undefined : UNITS.get(key);
  if (cached !== undefined) return cached;
  const parsed = parseQuantity(value) ?? 0;
  const units = resource === 'cpu' ? Math.round(parsed * 1000) : Math.ceil(parsed);
  if (key !== undefined && UNITS.size < 10_000) UNITS.set(key, units);
  return units;
}

/**
 * Adds a container's requests to target, in scheduler units. The API server defaults a missing request to the
 * limit; files have not been through it.
 */
function addRequests(target: Map<string, number>, container: Container): void {
  const resources = container.resources;
  if (!resources || typeof resources !== 'object') return;
  const requests = isMapping(resources.requests) ? resources.requests : undefined;
  const limits = isMapping(resources.limits) ? resources.limits : undefined;
  if (requests)
    for (const name in requests) target.set(name, (target.get(name) ?? 0) + toUnits(name, requests[name]));
  if (limits)
    for (const name in limits)
      if (!requests || !Object.hasOwn(requests, name))
        target.set(name, (target.get(name) ?? 0) + toUnits(name, limits[name]));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Effective pod requests: max(sum of app containers + sidecars, each init container) + overhead. */
export function podRequests(spec: PodSpec): Map<string, number> {
  return podTotals(spec, addRequests, 'requests');
}

/**
 * Effective pod limits, the same way (kubectl describe node's and the quota controller's PodLimits): a container
 * without a limit adds nothing; overhead adds only to resources some container limits.
 */
export function podLimits(spec: PodSpec): Map<string, number> {
  return podTotals(spec, addLimits, 'limits');
}

function addLimits(target: Map<string, number>, container: Container): void {
  const limits = container.resources?.limits;
  if (isMapping(limits))
    for (const name in limits) target.set(name, (target.get(name) ?? 0) + toUnits(name, limits[name]));
}

function podTotals(
  spec: PodSpec,
  add: (target: Map<string, number>, container: Container) => void,
  section: 'requests' | 'limits',
): Map<string, number> {
  const sum = new Map<string, number>();
  if (Array.isArray(spec.containers)) for (const c of spec.containers) if (c) add(sum, c);
  if (Array.isArray(spec.initContainers) && spec.initContainers.length > 0) {
    const sidecars = new Map<string, number>();
    const initMax = new Map<string, number>();
    for (const c of spec.initContainers) {
      if (!c) continue;
      if (c.restartPolicy === 'Always') {
        add(sidecars, c);
        add(sum, c);
        continue;
      }
      const own = new Map(sidecars);
      add(own, c);
      for (const [name, value] of own) initMax.set(name, Math.max(initMax.get(name) ?? 0, value));
    }
    for (const [name, value] of initMax) sum.set(name, Math.max(sum.get(name) ?? 0, value));
  }
  // Pod-level resources (KEP-2837, beta and on by default since 1.34) replace the container sums for cpu, memory
  // and hugepages; a pod-level request left unset defaults to the pod-level limit, as the API server defaults it.
  const level = isMapping(spec.resources) ? spec.resources : undefined;
  if (level) {
    const limits = isMapping(level.limits) ? level.limits : {};
    const own = isMapping(level[section]) ? level[section] : {};
    const values = section === 'requests' ? { ...limits, ...own } : own;
    for (const name in values)
      if (name === 'cpu' || name === 'memory' || name.startsWith('hugepages-'))
        sum.set(name, toUnits(name, values[name]));
  }
  const overhead = spec.overhead;
  if (isMapping(overhead))
    for (const name in overhead)
      if (section === 'requests' || sum.has(name))
        sum.set(name, (sum.get(name) ?? 0) + toUnits(name, overhead[name]));
  return sum;
}

function isTerminal(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Requests of the pods already bound to each node. */
function usageByNode(
  index: ObjectIndex,
): Map<string, { requests: Map<string, number>; pods: number; ports: Set<string> }> {
  return index.memo('scheduling-usage-by-node', (idx) => {
    const usage = new Map<string, { requests: Map<string, number>; pods: number; ports: Set<string> }>();
    // Pods of namespaces outside the diagnosis scope (index.supporting) still use their nodes' capacity.
    const supporting = idx.supporting.filter((o) => o.object.kind === 'Pod');
    for (const pod of supporting.length > 0 ? [...idx.ofKind('Pod'), ...supporting] : idx.ofKind('Pod')) {
      const spec = pod.object.spec as PodSpec | undefined;
      const nodeName = spec?.nodeName;
      if (typeof nodeName !== 'string' || !nodeName || isTerminal(pod.object)) continue;
      let entry = usage.get(nodeName);
      if (!entry) {
        entry = { requests: new Map(), pods: 0, ports: new Set() };
        usage.set(nodeName, entry);
      }
      entry.pods++;
      // Most pods have neither init containers, overhead nor pod-level resources: their requests add up directly.
      if (
        !spec.overhead &&
        !spec.resources &&
        !(Array.isArray(spec.initContainers) && spec.initContainers.length > 0)
      ) {
        if (Array.isArray(spec.containers))
          for (const c of spec.containers) if (c) addRequests(entry.requests, c);
      } else {
        for (const [name, value] of podRequests(spec))
          entry.requests.set(name, (entry.requests.get(name) ?? 0) + value);
      }
      addHostPorts(spec, entry.ports);
    }
    return usage;
  });
}

/** The pod's host ports ("TCP/0.0.0.0/8080"): two pods wanting the same one never share a node. */
export function hostPorts(spec: PodSpec): string[] {
  const out: string[] = [];
  addHostPorts(spec, { add: (port: string) => out.push(port) });
  return out;
}

/** "TCP/0.0.0.0/8080" for every hostPort of the pod's containers and init containers. */
function addHostPorts(spec: PodSpec, into: { add(port: string): unknown }): void {
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const ports = c?.ports;
      if (!Array.isArray(ports)) continue;
      for (const p of ports)
        if (p?.hostPort)
          into.add(`${p.protocol ?? 'TCP'}/${(p as { hostIP?: string }).hostIP ?? '0.0.0.0'}/${p.hostPort}`);
    }
  }
}

export function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (!t) return false;
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.key && t.key !== taint.key) return false;
    if (!t.key && t.operator !== 'Exists') return false;
    if (t.operator === 'Exists') return true;
    return (t.value ?? '') === (taint.value ?? '');
  });
}

function matchesRequirement(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const left = Number.parseInt(value, 10);
      const right = Number.parseInt(values[0] ?? '', 10);
      if (Number.isNaN(left) || Number.isNaN(right)) return false;
      return req.operator === 'Gt' ? left > right : left < right;
    }
    default:
      return false;
  }
}

/** The requirements of one node selector term the node fails, in words; empty when the term matches. */
function termMismatches(term: NodeSelectorTerm, node: KubeObject): string[] {
  const labels = node.metadata.labels ?? {};
  const expressions = Array.isArray(term.matchExpressions) ? term.matchExpressions : [];
  const fields = Array.isArray(term.matchFields) ? term.matchFields : [];
  // An empty term matches nothing.
  if (expressions.length === 0 && fields.length === 0) return ['an empty node selector term matches no node'];
  const out: string[] = [];
  for (const r of expressions) {
    if (r?.key === undefined) {
      out.push('a node affinity requirement without a key');
      continue;
    }
    const value = labels[r.key];
    if (!matchesRequirement(r, value))
      out.push(
        `node affinity ${requirementText(r)}: ${value === undefined ? `no ${r.key} label` : `has ${r.key}=${value}`}`,
      );
  }
  for (const r of fields) {
    if (r?.key !== 'metadata.name' || !matchesRequirement(r, node.metadata.name))
      out.push(`node affinity ${requirementText(r ?? {})}: node is ${node.metadata.name}`);
  }
  return out;
}

function requirementText(r: NodeSelectorRequirement): string {
  const values = Array.isArray(r.values) ? r.values : [];
  return `${r.key ?? '?'} ${r.operator ?? '?'}${values.length > 0 ? ` [${values.join(', ')}]` : ''}`;
}

/**
 * Why the node fails the pod's nodeSelector and required node affinity, one entry per failed requirement
 * ("nodeSelector disktype=ssd: has disktype=hdd"); empty when it matches.
 */
export function nodeSelectorMismatches(spec: PodSpec, node: KubeObject): string[] {
  const labels = node.metadata.labels ?? {};
  const out: string[] = [];
  const selector = spec.nodeSelector;
  if (selector && typeof selector === 'object')
    for (const [key, raw] of Object.entries(selector)) {
      const wanted = String(raw);
      const value = labels[key];
      if (value !== wanted)
        out.push(
          `nodeSelector ${key}=${wanted}: ${value === undefined ? `no ${key} label` : `has ${key}=${value}`}`,
        );
    }
  const required = (
    spec.affinity as
      | {
          nodeAffinity?: {
            requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
          };
        }
      | undefined
  )?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const terms = Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
    const failures = terms.map((term) =>
      term ? termMismatches(term, node) : ['an empty node selector term'],
    );
    if (terms.length === 0) out.push('required node affinity has no terms');
    else if (failures.every((f) => f.length > 0))
      append(
        out,
        terms.length === 1
          ? failures[0]!
          : [
              `none of the ${terms.length} required node affinity terms match (first: ${failures[0]!.join(', ')})`,
            ],
      );
  }
  return out;
}

export function matchesNodeSelectorAndAffinity(spec: PodSpec, node: KubeObject): boolean {
  return nodeSelectorMismatches(spec, node).length === 0;
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
/** TaintToleration's reason (kube-scheduler v1.34.2+ and 1.35+; earlier releases appended `{key: value}`). */
export const UNTOLERATED_TAINT = 'node(s) had untolerated taint(s)';
/** Reason for nodes left out by NodeAffinity's PreFilter (required affinity on metadata.name). */
export const NODE_AFFINITY_PREFILTERED = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

/**
 * NodeAffinity's PreFilter: when every required node selector term names nodes with `metadata.name In [...]`
 * (matchFields), only those nodes are filtered at all; the others are reported as not satisfying the plugin.
 * Returns undefined when every node is a candidate, an empty set when the terms contradict each other.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
 */
export function nodeAffinityPreFilter(spec: PodSpec): Set<string> | undefined {
  const terms = (
    spec.affinity as
      | {
          nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown } };
        }
      | undefined
  )?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const term of terms as (NodeSelectorTerm | null)[]) {
    let termNames: Set<string> | undefined;
    for (const r of Array.isArray(term?.matchFields) ? term.matchFields : []) {
      if (r?.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set((Array.isArray(r.values) ? r.values : []).filter((v) => typeof v === 'string'));
      termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values;
    }
    // A term without a metadata.name requirement leaves every node eligible (terms are ORed).
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

/** A node's allocatable and what the pods bound to it request, in scheduler units (millicores for cpu). */
export function nodeCapacity(
  index: ObjectIndex,
  node: LoadedObject,
): { allocatable: ReadonlyMap<string, number>; requested: ReadonlyMap<string, number>; pods: number } {
  const usage = usageByNode(index).get(node.ref.name);
  return {
    allocatable: allocatableOf(index, node),
    requested: usage?.requests ?? new Map(),
    pods: usage?.pods ?? 0,
  };
}

/**
 * NodeResourcesFit repeated: how many more pods with these requests the node takes, by its free resources and pod
 * slots (a node without a pods allocatable takes none, as the scheduler's AllowedPodNumber is then 0). A pod with
 * host ports fits at most once. The other filters (taints, affinity, ports in use, placement) are nodeVerdict's.
 */
export function copiesThatFit(
  index: ObjectIndex,
  node: LoadedObject,
  requests: ReadonlyMap<string, number>,
  withHostPorts: boolean,
): number {
  const usage = usageByNode(index).get(node.ref.name);
  const allocatable = allocatableOf(index, node);
  let copies = Math.max(0, (allocatable.get('pods') ?? 0) - (usage?.pods ?? 0));
  for (const [resource, requested] of requests) {
    if (requested <= 0) continue;
    const free = (allocatable.get(resource) ?? 0) - (usage?.requests.get(resource) ?? 0);
    copies = Math.min(copies, Math.max(0, Math.floor(free / requested)));
  }
  return withHostPorts ? Math.min(copies, 1) : copies;
}

/** Allocatable per node in scheduler units, parsed once per run. */
function allocatableOf(index: ObjectIndex, node: LoadedObject): Map<string, number> {
  const all = index.memo('scheduling-allocatable', () => new Map<LoadedObject, Map<string, number>>());
  let units = all.get(node);
  if (!units) {
    units = new Map();
    const allocatable = (node.object.status as { allocatable?: Record<string, unknown> } | undefined)
      ?.allocatable;
    if (allocatable && typeof allocatable === 'object')
      for (const [name, value] of Object.entries(allocatable)) units.set(name, toUnits(name, value));
    all.set(node, units);
  }
  return units;
}

/** What the filters need beyond the pod spec: placement state computed once per distinct pod. */
export interface PlacementContext {
  spread: SpreadState[];
  interPod?: InterPodState;
}

/**
 * Why one node rejects the pod. Every filter is evaluated (blockers); reasons and details are those of the first
 * failing filter in the default plugin order, as the scheduler reports them.
 */
export function nodeVerdict(
  index: ObjectIndex,
  spec: PodSpec,
  node: LoadedObject,
  requests: Map<string, number> = podRequests(spec),
  wanted: string[] = hostPorts(spec),
  placement: PlacementContext = { spread: [] },
): NodeVerdict {
  const blockers: Blocker[] = [];
  const nodeSpec = (node.object.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as Toleration[]) : [];
  // NodeUnschedulable
  if (nodeSpec.unschedulable && !tolerates(tolerations, UNSCHEDULABLE_TAINT))
    blockers.push({ filter: 'NodeUnschedulable' });
  // TaintToleration
  for (const taint of untoleratedTaints(spec, node)) blockers.push({ filter: 'TaintToleration', taint });
  // NodeAffinity (nodeSelector and required node affinity)
  const mismatches = nodeSelectorMismatches(spec, node.object);
  if (mismatches.length > 0) blockers.push({ filter: 'NodeAffinity', prefiltered: false, mismatches });
  const usage = usageByNode(index).get(node.ref.name);
  // NodePorts
  const taken = wanted.filter((p) => usage?.ports.has(p));
  if (taken.length > 0) blockers.push({ filter: 'NodePorts', ports: taken });
  // NodeResourcesFit: every insufficient resource is reported.
  const allocatable = allocatableOf(index, node);
  const podLimit = allocatable.get('pods');
  if (podLimit !== undefined && (usage?.pods ?? 0) + 1 > podLimit)
    blockers.push({
      filter: 'NodeResourcesFit',
      resource: 'pods',
      requested: 1,
      allocatable: podLimit,
      used: usage?.pods ?? 0,
    });
  for (const [resource, requested] of requests) {
    if (requested <= 0) continue;
    const capacity = allocatable.get(resource) ?? 0;
    const used = usage?.requests.get(resource) ?? 0;
    if (used + requested > capacity)
      blockers.push({ filter: 'NodeResourcesFit', resource, requested, allocatable: capacity, used });
  }
  // PodTopologySpread, then InterPodAffinity
  const spread = spreadViolation(placement.spread, node);
  if (spread) blockers.push({ filter: 'PodTopologySpread', violation: spread });
  const interPod = placement.interPod ? interPodViolation(placement.interPod, node) : undefined;
  if (interPod) blockers.push({ filter: 'InterPodAffinity', violation: interPod });
  return verdictOf(node, blockers);
}

/** The scheduler's wording for the first failing filter; the taint plugin names only the first taint. */
function verdictOf(node: LoadedObject, blockers: Blocker[]): NodeVerdict {
  const first = blockers[0]?.filter;
  const own = blockers.filter((b) => b.filter === first);
  const verdict: NodeVerdict = { node, reasons: [], details: [], blockers };
  for (const b of first === 'TaintToleration' ? own.slice(0, 1) : own) {
    const { reason, detail } = describeBlocker(b);
    verdict.reasons.push(reason);
    if (detail) verdict.details.push(detail);
  }
  return verdict;
}

/** Scheduler wording and our detail for one blocker. */
export function describeBlocker(b: Blocker): { reason: string; detail?: string } {
  switch (b.filter) {
    case 'NodeUnschedulable':
      return { reason: 'node(s) were unschedulable', detail: 'cordoned (spec.unschedulable)' };
    case 'TaintToleration':
      // The scheduler no longer names the taint in its message (kubernetes#134740, in 1.35 and 1.34 patches):
      // the wording is generic, the taint is in our details.
      return { reason: UNTOLERATED_TAINT, detail: `taint ${formatTaint(b.taint)} not tolerated` };
    case 'NodeAffinity':
      return b.prefiltered
        ? { reason: NODE_AFFINITY_PREFILTERED, detail: 'not named by the required node affinity' }
        : {
            reason: "node(s) didn't match Pod's node affinity/selector",
            detail: b.mismatches.join('; '),
          };
    case 'NodePorts':
      return {
        reason: "node(s) didn't have free ports for the requested pod ports",
        detail: `host port ${b.ports.map((p) => p.split('/').reverse()[0]).join(', ')} already in use`,
      };
    case 'NodeResourcesFit':
      return b.resource === 'pods'
        ? { reason: 'Too many pods', detail: `${b.used} of ${b.allocatable} pods already` }
        : {
            reason: `Insufficient ${b.resource}`,
            detail: `${b.resource}: requests ${showQuantity(b.resource, b.requested)}, ${showQuantity(b.resource, Math.max(0, b.allocatable - b.used))} of ${showQuantity(b.resource, b.allocatable)} free`,
          };
    case 'PodTopologySpread': {
      const v = b.violation;
      if (v.missingLabel)
        return {
          reason: `${SPREAD_REASON} (missing required label)`,
          detail: `no ${v.state.topologyKey} label`,
        };
      return {
        reason: SPREAD_REASON,
        detail: `${v.state.topologyKey}=${v.domain} would have skew ${v.skew} (maxSkew ${v.state.maxSkew})`,
      };
    }
    case 'InterPodAffinity': {
      const v = b.violation;
      const where = v.domain ? ` in ${v.term ? `${v.term.topologyKey}=${v.domain}` : v.domain}` : '';
      return {
        reason: v.reason,
        detail:
          v.rule === 'affinity'
            ? v.term && !v.domain
              ? `no ${v.term.topologyKey} label`
              : `no pod the affinity requires runs${where}`
            : `${v.rule === 'anti-affinity' ? 'anti-affinity with' : 'anti-affinity of'} pod ${v.pods[0]}${v.pods.length > 1 ? ` and ${v.pods.length - 1} more` : ''}${where}`,
      };
    }
  }
}

const SPREAD_REASON = "node(s) didn't match pod topology spread constraints";

export function formatTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** NoSchedule/NoExecute taints of the node the pod does not tolerate (PreferNoSchedule never blocks). */
export function untoleratedTaints(spec: PodSpec, node: LoadedObject): Taint[] {
  const taints = (node.object.spec as { taints?: unknown } | undefined)?.taints;
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as Toleration[]) : [];
  return (Array.isArray(taints) ? (taints as (Taint | null)[]) : []).filter(
    (t): t is Taint =>
      t !== null &&
      typeof t === 'object' &&
      (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
      !tolerates(tolerations, t),
  );
}

/** Scheduler units back to a quantity a person reads: 2, 500m, 1.5Gi, 512Mi. */
export function showQuantity(resource: string, units: number): string {
  if (resource === 'cpu') return units % 1000 === 0 ? `${units / 1000}` : `${units}m`;
  if (resource === 'memory' || resource === 'ephemeral-storage') {
    const mib = units / 1024 / 1024;
    if (mib < 1024) return `${Math.round(mib)}Mi`;
    const gib = mib / 1024;
    return Number.isInteger(gib) ? `${gib}Gi` : `${gib.toFixed(1)}Gi`;
  }
  return String(units);
}

/**
 * Explains a Pending pod against every node in the set. `kindsRead` (a cluster source's) says whether claims were
 * read at all: a claim is called missing only then; without it, only when the set holds some claim.
 */
export function explainScheduling(
  index: ObjectIndex,
  pod: LoadedObject,
  kindsRead?: ReadonlySet<string>,
): SchedulingExplanation {
  const spec = (pod.object.spec ?? {}) as PodSpec;
  const nodes = index.ofKind('Node');
  const candidates = nodeAffinityPreFilter(spec);
  // PreFilter plugins run in order, the first rejection ends the cycle: NodeAffinity before VolumeBinding.
  const claimsRead = kindsRead
    ? kindsRead.has('PersistentVolumeClaim')
    : index.hasKind('PersistentVolumeClaim');
  const claims = candidates && candidates.size === 0 ? [] : claimProblems(index, pod, spec, claimsRead);
  const podReasons =
    candidates && candidates.size === 0 ? ['pod affinity terms conflict'] : claimReasons(claims);
  if (podReasons.length > 0)
    return {
      nodes: nodes.length,
      verdicts: [],
      podReasons,
      claims,
      spread: [],
      unevaluated: [],
      summary: summarize(nodes.length, [], podReasons),
    };
  // Pods with the same scheduling-relevant spec (replicas of one workload) get the same verdicts: pods × nodes
  // becomes distinct specs × nodes, so thousands of Pending replicas cost one pass over the nodes.
  const cache = index.memo(
    'scheduling-verdicts',
    () =>
      new Map<
        string,
        { verdicts: NodeVerdict[]; summary: string; spread: SpreadState[]; interPod?: InterPodState }
      >(),
  );
  const namespace = pod.ref.namespace ?? '';
  const labels = (pod.object.metadata.labels ?? {}) as Record<string, string>;
  const placed = placementMatters(index, spec);
  const key = signature(spec, placed ? { namespace, labels } : undefined);
  let hit = cache.get(key);
  if (!hit) {
    const requests = podRequests(spec);
    const ports = hostPorts(spec);
    const placement: PlacementContext = placed
      ? placementOf(index, spec, namespace, labels, candidates)
      : { spread: [] };
    const verdicts = nodes.map((node) =>
      candidates && !candidates.has(node.ref.name)
        ? verdictOf(node, [{ filter: 'NodeAffinity', prefiltered: true, mismatches: [] }])
        : nodeVerdict(index, spec, node, requests, ports, placement),
    );
    hit = { verdicts, summary: summarize(nodes.length, verdicts, []), ...placement };
    cache.set(key, hit);
  }
  return {
    nodes: nodes.length,
    verdicts: hit.verdicts,
    podReasons,
    claims,
    spread: hit.spread,
    ...(hit.interPod ? { interPod: hit.interPod } : {}),
    unevaluated: [],
    summary: hit.summary,
  };
}

/** Whether the pod's placement depends on other pods: its own spread/affinity, or another pod's anti-affinity. */
function placementMatters(index: ObjectIndex, spec: PodSpec): boolean {
  const affinity = spec.affinity as Record<string, unknown> | undefined;
  return (
    (Array.isArray(spec.topologySpreadConstraints) && spec.topologySpreadConstraints.length > 0) ||
    affinity?.podAffinity !== undefined ||
    affinity?.podAntiAffinity !== undefined ||
    anyExistingAntiAffinity(index)
  );
}

/**
 * What PodTopologySpread and InterPodAffinity need for a pod of this spec, namespace and labels; undefined when its
 * placement does not depend on other pods (no spread, no pod (anti-)affinity, no existing anti-affinity).
 */
export function placementFor(
  index: ObjectIndex,
  spec: PodSpec,
  namespace: string,
  labels: Record<string, string>,
): PlacementContext | undefined {
  if (!placementMatters(index, spec)) return undefined;
  return placementOf(index, spec, namespace, labels, nodeAffinityPreFilter(spec));
}

function placementOf(
  index: ObjectIndex,
  spec: PodSpec,
  namespace: string,
  labels: Record<string, string>,
  candidates: Set<string> | undefined,
): PlacementContext {
  const admits = (node: LoadedObject) =>
    (!candidates || candidates.has(node.ref.name)) && matchesNodeSelectorAndAffinity(spec, node.object);
  const tolerated = (node: LoadedObject) => untoleratedTaints(spec, node).length === 0;
  const interPod = interPodState(index, spec, namespace, labels);
  return {
    spread: spreadStates(index, spec, namespace, labels, admits, tolerated),
    ...(interPod ? { interPod } : {}),
  };
}

/**
 * What the filters read from a pod spec: requests (containers, init containers, overhead), ports, placement; and,
 * when other pods' placement matters, the pod's namespace and labels.
 */
function signature(spec: PodSpec, identity?: { namespace: string; labels: Record<string, string> }): string {
  const resources = (list: unknown) =>
    Array.isArray(list)
      ? list.map((c: Container | undefined) => [
          c?.resources?.requests,
          c?.resources?.limits,
          c?.restartPolicy,
          c?.ports,
        ])
      : [];
  return JSON.stringify([
    resources(spec.containers),
    resources(spec.initContainers),
    spec.overhead,
    spec.resources,
    spec.tolerations,
    spec.nodeSelector,
    spec.affinity,
    spec.topologySpreadConstraints,
    identity?.namespace,
    identity?.labels,
  ]);
}

/** kube-scheduler's FitError wording: counts per reason, sorted as strings. */
export function summarize(
  nodeCount: number,
  verdicts: readonly NodeVerdict[],
  podReasons: readonly string[],
): string {
  if (podReasons.length > 0) return `0/${nodeCount} nodes are available: ${podReasons.join(', ')}.`;
  const counts = new Map<string, number>();
  for (const v of verdicts) for (const r of v.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([reason, count]) => `${count} ${reason}`).sort();
  const available = verdicts.filter((v) => v.reasons.length === 0).length;
  if (nodeCount === 0) return 'no nodes available to schedule pods';
  return `${available}/${nodeCount} nodes are available${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

/** VolumeBinding's pre-checks: claims that are missing, or unbound with Immediate binding. */
function claimProblems(
  index: ObjectIndex,
  pod: LoadedObject,
  spec: PodSpec,
  claimsRead: boolean,
): ClaimProblem[] {
  if (!claimsRead) return [];
  const problems: ClaimProblem[] = [];
  for (const volume of Array.isArray(spec.volumes) ? spec.volumes : []) {
    const claim = (volume as { persistentVolumeClaim?: { claimName?: string } })?.persistentVolumeClaim
      ?.claimName;
    if (!claim) continue;
    const pvc = index.get('PersistentVolumeClaim', pod.ref.namespace, claim);
    if (!pvc) {
      problems.push({ claim, state: 'missing' });
      continue;
    }
    const phase = (pvc.object.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Bound') continue;
    const className = (pvc.object.spec as { storageClassName?: string } | undefined)?.storageClassName;
    const storageClass = className ? index.get('StorageClass', undefined, className) : undefined;
    // A class that does not exist binds immediately (the scheduler's IsDelayBindingMode answers false).
    const mode = (storageClass?.object as { volumeBindingMode?: string } | undefined)?.volumeBindingMode;
    if (mode !== 'WaitForFirstConsumer') problems.push({ claim, state: 'unbound', pvc });
  }
  return problems;
}

/** The scheduler stops at the first missing claim; otherwise unbound immediate claims are one reason. */
function claimReasons(claims: readonly ClaimProblem[]): string[] {
  const missing = claims.find((c) => c.state === 'missing');
  if (missing) return [`persistentvolumeclaim "${missing.claim}" not found`];
  return claims.length > 0 ? ['pod has unbound immediate PersistentVolumeClaims'] : [];
}

/**
 * The filter verdict of a FailedScheduling message, without what the scheduler appends after it (DRA's "no new
 * claims to deallocate," and the preemption verdict): "0/5 nodes are available: 5 Insufficient cpu."
 */
export function schedulerReasons(message: string): string {
  const head = message.split(' preemption:')[0]!.trim();
  const end = head.indexOf('. ');
  return end >= 0 ? head.slice(0, end + 1) : head;
}
