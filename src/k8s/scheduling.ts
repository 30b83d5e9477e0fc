// Why a pod does not fit a node, reasoned the way kube-scheduler's default filter plugins do, so a Pending pod
// can be explained even when no FailedScheduling event exists (snapshots, events expired).
// https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/#filtering
// https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
import type { ObjectIndex } from '../core/index.ts';
import type { KubeObject, LoadedObject } from '../core/object.ts';
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

export interface NodeVerdict {
  node: LoadedObject;
  /** Empty when the pod fits. Scheduler wording, e.g. "Insufficient cpu". */
  reasons: string[];
  /** Our own detail for humans: "requests 2 cpu, 0.5 of 4 free". */
  details: string[];
}

export interface SchedulingExplanation {
  nodes: number;
  verdicts: NodeVerdict[];
  /** Reasons that apply before any node is considered (unbound PVCs, missing PVCs). */
  podReasons: string[];
  /** "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint(s)." */
  summary: string;
  /** Filters we cannot reproduce from the data at hand (inter-pod affinity, topology spread). */
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
  const sum = new Map<string, number>();
  const add = addRequests;
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
  const overhead = spec.overhead;
  if (isMapping(overhead))
    for (const name in overhead) sum.set(name, (sum.get(name) ?? 0) + toUnits(name, overhead[name]));
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
      // Most pods have neither init containers nor overhead: their requests add up directly.
      if (!spec.overhead && !(Array.isArray(spec.initContainers) && spec.initContainers.length > 0)) {
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

function hostPorts(spec: PodSpec): string[] {
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

function matchesTerm(term: NodeSelectorTerm, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // An empty term matches nothing.
  if (expressions.length === 0 && fields.length === 0) return false;
  return (
    expressions.every((r) => r?.key !== undefined && matchesRequirement(r, labels[r.key])) &&
    fields.every((r) => r?.key === 'metadata.name' && matchesRequirement(r, node.metadata.name))
  );
}

export function matchesNodeSelectorAndAffinity(spec: PodSpec, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {}))
    if (labels[key] !== String(value)) return false;
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
    const terms = required.nodeSelectorTerms ?? [];
    if (!terms.some((term) => term && matchesTerm(term, node))) return false;
  }
  return true;
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

/** Reasons one node rejects the pod, in the order of the default filter plugins; the first failing plugin wins. */
export function nodeVerdict(
  index: ObjectIndex,
  spec: PodSpec,
  node: LoadedObject,
  requests: Map<string, number> = podRequests(spec),
  wanted: string[] = hostPorts(spec),
): NodeVerdict {
  const verdict: NodeVerdict = { node, reasons: [], details: [] };
  const nodeSpec = (node.object.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as Toleration[]) : [];
  // NodeUnschedulable
  if (nodeSpec.unschedulable && !tolerates(tolerations, UNSCHEDULABLE_TAINT)) {
    verdict.reasons.push('node(s) were unschedulable');
    verdict.details.push('cordoned (spec.unschedulable)');
    return verdict;
  }
  // TaintToleration: the first untolerated NoSchedule/NoExecute taint is reported.
  for (const taint of Array.isArray(nodeSpec.taints) ? nodeSpec.taints : []) {
    if (!taint || (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute')) continue;
    if (!tolerates(tolerations, taint)) {
      // The scheduler no longer names the taint in its message (kubernetes#134740, in 1.35 and 1.34 patches):
      // the wording is generic, the taint is in our details.
      verdict.reasons.push(UNTOLERATED_TAINT);
      verdict.details.push(
        `taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect} not tolerated`,
      );
      return verdict;
    }
  }
  // NodeAffinity (nodeSelector and required node affinity)
  if (!matchesNodeSelectorAndAffinity(spec, node.object)) {
    verdict.reasons.push("node(s) didn't match Pod's node affinity/selector");
    verdict.details.push('labels do not match nodeSelector/node affinity');
    return verdict;
  }
  const usage = usageByNode(index).get(node.ref.name);
  // NodePorts
  if (wanted.some((p) => usage?.ports.has(p))) {
    verdict.reasons.push("node(s) didn't have free ports for the requested pod ports");
    return verdict;
  }
  // NodeResourcesFit: every insufficient resource is reported.
  const allocatable = allocatableOf(index, node);
  const podLimit = allocatable.get('pods');
  if (podLimit !== undefined && (usage?.pods ?? 0) + 1 > podLimit) {
    verdict.reasons.push('Too many pods');
    verdict.details.push(`${usage?.pods ?? 0} of ${podLimit} pods already`);
  }
  for (const [resource, requested] of requests) {
    if (requested <= 0) continue;
    const capacity = allocatable.get(resource) ?? 0;
    const used = usage?.requests.get(resource) ?? 0;
    if (used + requested > capacity) {
      verdict.reasons.push(`Insufficient ${resource}`);
      verdict.details.push(
        `${resource}: requests ${show(resource, requested)}, ${show(resource, Math.max(0, capacity - used))} of ${show(resource, capacity)} free`,
      );
    }
  }
  return verdict;
}

function show(resource: string, units: number): string {
  if (resource === 'cpu') return units % 1000 === 0 ? `${units / 1000}` : `${units}m`;
  if (resource === 'memory' || resource === 'ephemeral-storage') {
    const mib = units / 1024 / 1024;
    return mib >= 1024 ? `${(mib / 1024).toFixed(1)}Gi` : `${Math.round(mib)}Mi`;
  }
  return String(units);
}

/** Explains a Pending pod against every node in the set. */
export function explainScheduling(index: ObjectIndex, pod: LoadedObject): SchedulingExplanation {
  const spec = (pod.object.spec ?? {}) as PodSpec;
  const nodes = index.ofKind('Node');
  const candidates = nodeAffinityPreFilter(spec);
  // PreFilter plugins run in order, the first rejection ends the cycle: NodeAffinity before VolumeBinding.
  const podReasons =
    candidates && candidates.size === 0 ? ['pod affinity terms conflict'] : volumeReasons(index, pod, spec);
  const unevaluated: string[] = [];
  const affinity = (spec.affinity ?? {}) as Record<
    string,
    { requiredDuringSchedulingIgnoredDuringExecution?: unknown[] }
  >;
  if (affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length)
    unevaluated.push('required pod affinity');
  if (affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length) {
    unevaluated.push('required pod anti-affinity');
  }
  if (Array.isArray(spec.topologySpreadConstraints) && spec.topologySpreadConstraints.length > 0) {
    unevaluated.push('topology spread constraints');
  }
  if (podReasons.length > 0)
    return {
      nodes: nodes.length,
      verdicts: [],
      podReasons,
      unevaluated,
      summary: summarize(nodes.length, [], podReasons),
    };
  // Pods with the same scheduling-relevant spec (replicas of one workload) get the same verdicts: pods × nodes
  // becomes distinct specs × nodes, so thousands of Pending replicas cost one pass over the nodes.
  const cache = index.memo(
    'scheduling-verdicts',
    () => new Map<string, { verdicts: NodeVerdict[]; summary: string }>(),
  );
  const key = signature(spec);
  let hit = cache.get(key);
  if (!hit) {
    const requests = podRequests(spec);
    const ports = hostPorts(spec);
    const verdicts = nodes.map((node) =>
      candidates && !candidates.has(node.ref.name)
        ? { node, reasons: [NODE_AFFINITY_PREFILTERED], details: ['not named by the required node affinity'] }
        : nodeVerdict(index, spec, node, requests, ports),
    );
    hit = { verdicts, summary: summarize(nodes.length, verdicts, []) };
    cache.set(key, hit);
  }
  return { nodes: nodes.length, verdicts: hit.verdicts, podReasons, unevaluated, summary: hit.summary };
}

/** What the filters read from a pod spec: requests (containers, init containers, overhead), ports, placement. */
function signature(spec: PodSpec): string {
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
    spec.tolerations,
    spec.nodeSelector,
    (spec.affinity as { nodeAffinity?: unknown } | undefined)?.nodeAffinity,
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

/** VolumeBinding's pre-checks: claims that are missing or unbound with Immediate binding. */
function volumeReasons(index: ObjectIndex, pod: LoadedObject, spec: PodSpec): string[] {
  if (!index.hasKind('PersistentVolumeClaim')) return [];
  const reasons: string[] = [];
  for (const volume of Array.isArray(spec.volumes) ? spec.volumes : []) {
    const claim = (volume as { persistentVolumeClaim?: { claimName?: string } })?.persistentVolumeClaim
      ?.claimName;
    if (!claim) continue;
    const pvc = index.get('PersistentVolumeClaim', pod.ref.namespace, claim);
    if (!pvc) {
      reasons.push(`persistentvolumeclaim "${claim}" not found`);
      continue;
    }
    const phase = (pvc.object.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Bound') continue;
    const className = (pvc.object.spec as { storageClassName?: string } | undefined)?.storageClassName;
    const storageClass = className ? index.get('StorageClass', undefined, className) : undefined;
    const mode = (storageClass?.object as { volumeBindingMode?: string } | undefined)?.volumeBindingMode;
    if (mode !== 'WaitForFirstConsumer') reasons.push('pod has unbound immediate PersistentVolumeClaims');
  }
  return [...new Set(reasons)];
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
