// The pods the reviewed objects will run — from workloads and from the custom resources of known operators — and
// which of them a label selector selects, within the selector's own app (decision 0036).
// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors

import { append } from '../core/append.ts';
import { LabelIndex, type ObjectIndex } from '../core/index.ts';
import { describeRef, type KubeObject, type LoadedObject, scopeOf } from '../core/object.ts';
import { getAt, type Path } from '../core/path.ts';
import { controllerAdds, splitControllerLabels } from './controller-labels.ts';
import { controlledInSet, effectivePodLabels, isRecord } from './disruption.ts';
import { type LabelSelector, matchesSelector, requiredPairs } from './labels.ts';
import { mayCreateUnknownPods, type PodCreator, podCreatorOf, podCreators } from './pod-creators.ts';
import { type Container, longRunningContainersOf, podTemplateLabels, WORKLOAD_KINDS } from './workloads.ts';

export interface DeclaredPort {
  name?: string;
  number?: number;
  protocol: string;
}

/** A set of identical pods: a workload's, or one pod template of an operator's custom resource. */
export interface PodSet {
  owner: LoadedObject;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  /** Label keys, or prefixes ending in "/", whose values the operator sets at run time. */
  openLabels?: readonly string[];
  /** Operator pods: their container ports, or undefined when they have ports the input does not show. */
  creatorPorts?: DeclaredPort[] | undefined;
  fromCreator?: PodCreator;
  scope: string;
}

/** The pods' container ports (long-running containers), or undefined when the input cannot show them all. */
export function podSetPorts(set: PodSet): DeclaredPort[] | undefined {
  if (set.fromCreator) return set.creatorPorts;
  return containerPorts(longRunningContainersOf(set.owner.object).map((at) => at.container));
}

function containerPorts(containers: readonly Container[]): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  for (const container of containers) {
    if (!Array.isArray(container.ports)) continue;
    for (const p of container.ports) {
      if (!p || typeof p !== 'object') continue;
      const port: DeclaredPort = { protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP' };
      if (typeof p.name === 'string') port.name = p.name;
      if (typeof p.containerPort === 'number') port.number = p.containerPort;
      out.push(port);
    }
  }
  return out;
}

/** Helm hooks (tests, jobs run before or after an install) are not members of the release's steady state. */
export function isHelmHook(object: KubeObject): boolean {
  const hook = object.metadata?.annotations?.['helm.sh/hook'];
  return typeof hook === 'string' && hook.trim() !== '';
}

/**
 * How a workload's pod labels are read: `template` takes the pod template's labels as written (Services);
 * `effective` falls back to the labels the workload's selector requires when the template has none
 * (PodDisruptionBudgets, NetworkPolicies; decision 0007).
 */
export type LabelReading = 'template' | 'effective';

interface PodSetIndex {
  workloads: LabelIndex<PodSet>;
  /** Operator pods by namespace: few, matched one by one because some of their labels are open. */
  operated: Map<string, PodSet[]>;
  /** Custom resources outside the table that may create pods, by app key. */
  unknown: Map<string, LoadedObject[]>;
  /** Objects that run pods, by app key (for "the input shows no workloads there"). */
  runners: Map<string, number>;
  /** Label keys and values the app's pods carry, by app key (for "labels like these"). */
  vocabulary: Map<string, { keys: Set<string>; values: Set<string> }>;
}

/** Objects without a namespace form one app per directory (or build); a namespace written out is shared. */
function appKey(namespace: string, scope: string): string {
  return namespace !== '' ? namespace : `\u0000${scope}`;
}

export function podSetIndex(index: ObjectIndex, reading: LabelReading): PodSetIndex {
  return index.memo(`pod-sets-${reading}`, (idx) => {
    const out: PodSetIndex = {
      workloads: new LabelIndex(),
      operated: new Map(),
      unknown: new Map(),
      runners: new Map(),
      vocabulary: new Map(),
    };
    const count = (namespace: string, scope: string, labels: readonly Readonly<Record<string, string>>[]) => {
      const key = appKey(namespace, scope);
      out.runners.set(key, (out.runners.get(key) ?? 0) + 1);
      const words = out.vocabulary.get(key) ?? { keys: new Set<string>(), values: new Set<string>() };
      out.vocabulary.set(key, words);
      for (const map of labels) {
        for (const [k, v] of Object.entries(map)) {
          words.keys.add(k);
          words.values.add(v);
        }
      }
    };
    for (const kind of WORKLOAD_KINDS) {
      if (kind === 'PodTemplate') continue;
      for (const owner of idx.ofKind(kind)) {
        // A Pod (or ReplicaSet, Job) whose controller is in the set is counted once, through that controller.
        if (controlledInSet(idx, owner)) continue;
        if (isHelmHook(owner.object)) continue;
        const labels =
          reading === 'effective'
            ? effectivePodLabels(owner.object)
            : cleanLabels(podTemplateLabels(owner.object));
        if (!labels) continue;
        const namespace = owner.ref.namespace ?? '';
        const scope = scopeOf(owner);
        out.workloads.add(namespace, labels, { owner, namespace, labels, scope });
        count(namespace, scope, [labels]);
      }
    }
    const table = podCreators(idx);
    const creatorKinds = new Set([...table.values()].map((row) => row.kind));
    for (const loaded of idx.all) {
      const { kind, apiVersion } = loaded.object;
      const namespace = loaded.ref.namespace ?? '';
      const scope = scopeOf(loaded);
      const creator = creatorKinds.has(kind) ? podCreatorOf(idx, loaded.object) : undefined;
      if (creator) {
        if (isHelmHook(loaded.object)) continue;
        const list = out.operated.get(namespace) ?? [];
        const made = operatorPodSets(loaded, creator, namespace, scope);
        append(list, made);
        out.operated.set(namespace, list);
        count(
          namespace,
          scope,
          made.map((set) => set.labels),
        );
      } else if (typeof apiVersion === 'string' && mayCreateUnknownPods(apiVersion, kind)) {
        const key = appKey(namespace, scope);
        const list = out.unknown.get(key) ?? [];
        list.push(loaded);
        out.unknown.set(key, list);
      }
    }
    return out;
  });
}

function cleanLabels(labels: unknown): Record<string, string> | undefined {
  if (labels === undefined) return undefined;
  const out: Record<string, string> = {};
  if (isRecord(labels))
    for (const [k, v] of Object.entries(labels)) if (v !== null && typeof v !== 'object') out[k] = String(v);
  return out;
}

/** Reads a dotted path; "[]" after a segment walks every item of that list. */
export function valuesAt(root: unknown, dotted: string): unknown[] {
  let nodes: unknown[] = [root];
  for (const raw of dotted.split('.')) {
    const each = raw.endsWith('[]');
    const key = each ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const node of nodes) {
      const value = getAt(node, [key] as Path);
      if (value === undefined || value === null) continue;
      if (each) {
        if (Array.isArray(value))
          append(
            next,
            value.filter((v) => v !== null && v !== undefined),
          );
      } else next.push(value);
    }
    nodes = next;
  }
  return nodes;
}

function fill(value: string, name: string): string {
  return value.replaceAll('{name}', name);
}

/** The pod sets a custom resource of a known operator creates: one per pod template present, else one. */
export function operatorPodSets(
  owner: LoadedObject,
  creator: PodCreator,
  namespace: string,
  scope: string,
): PodSet[] {
  const object = owner.object;
  const name = owner.ref.name;
  const base: Record<string, string> = {};
  if (creator.copyLabels) Object.assign(base, cleanLabels(object.metadata?.labels));
  for (const path of creator.labelsFrom ?? [])
    for (const map of valuesAt(object, path)) Object.assign(base, cleanLabels(map));
  const fixed: Record<string, string> = {};
  for (const [k, v] of Object.entries(creator.labels ?? {})) fixed[k] = fill(v, name);
  const ports: DeclaredPort[] = (creator.ports ?? []).map((p) => {
    const renamed = p.nameFrom ? valuesAt(object, p.nameFrom)[0] : undefined;
    const port: DeclaredPort = { number: p.port, protocol: p.protocol ?? 'TCP' };
    const portName = typeof renamed === 'string' && renamed !== '' ? renamed : p.name;
    if (portName) port.name = portName;
    return port;
  });
  const templates = (creator.podTemplates ?? []).flatMap((path) => valuesAt(object, path)).filter(isRecord);
  const make = (template?: Record<string, unknown>): PodSet => {
    const own = template ? cleanLabels(getAt(template, ['metadata', 'labels'])) : undefined;
    const containers = template
      ? (getAt(template, ['spec', 'containers']) ?? template.containers)
      : undefined;
    const set: PodSet = {
      owner,
      namespace,
      labels: { ...base, ...own, ...fixed },
      scope,
      fromCreator: creator,
      creatorPorts: creator.openPorts
        ? undefined
        : [...ports, ...containerPorts(Array.isArray(containers) ? (containers as Container[]) : [])],
    };
    if (creator.openLabels?.length) set.openLabels = creator.openLabels;
    return set;
  };
  return templates.length > 0 ? templates.map(make) : [make()];
}

function isOpen(key: string, open: readonly string[]): boolean {
  return open.some((o) => (o.endsWith('/') ? key.startsWith(o) : key === o));
}

/** Whether the selector may select pods whose labels are `labels` plus any value of the open keys. */
export function couldMatch(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
  open: readonly string[],
): boolean {
  if (open.length === 0) return matchesSelector(selector, labels);
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (Object.hasOwn(labels, key)) {
      if (labels[key] !== String(value)) return false;
    } else if (!isOpen(key, open)) return false;
  }
  const expressions = selector.matchExpressions;
  if (expressions !== undefined && !Array.isArray(expressions)) return false;
  for (const req of expressions ?? []) {
    if (!req || typeof req.key !== 'string' || !req.key) return false;
    const known = Object.hasOwn(labels, req.key);
    if (!known && isOpen(req.key, open)) continue;
    if (!matchesSelector({ matchExpressions: [req] }, labels)) return false;
  }
  return true;
}

export interface PodSelection {
  /** Pod sets of the selector's own app that it selects (operator pods whose run-time labels may match, too). */
  selected: PodSet[];
  /**
   * When nothing is selected in a partial input: why pods the input cannot show may still be selected. The
   * finding is then `info` with this reason, never the check's severity.
   */
  unseen?: string;
}

/** A Service-style map selector as a LabelSelector. */
export function mapSelector(map: Readonly<Record<string, string>>): LabelSelector {
  return { matchLabels: { ...map } };
}

/**
 * The pod sets a selector written on `from` selects in `namespace`. Objects without a namespace only select
 * pods of their own directory or build: sibling directories are separate examples or alternatives.
 */
export function selectPods(
  index: ObjectIndex,
  from: LoadedObject,
  namespace: string,
  selector: LabelSelector,
  reading: LabelReading,
  options: { first?: boolean } = {},
): PodSelection {
  const sets = podSetIndex(index, reading);
  const scope = scopeOf(from);
  const sameApp = (set: PodSet) => namespace !== '' || set.scope === scope;
  const selected: PodSet[] = [];
  let elsewhere: PodSet | undefined;
  const consider = (set: PodSet, matches: boolean) => {
    if (!matches) return;
    if (sameApp(set)) selected.push(set);
    else elsewhere ??= set;
  };
  for (const set of sets.workloads.candidates(namespace, requiredPairs(selector))) {
    consider(set, matchesSelector(selector, set.labels));
    if (options.first && selected.length > 0) return { selected };
  }
  for (const set of sets.operated.get(namespace) ?? []) {
    consider(set, couldMatch(selector, set.labels, set.openLabels ?? []));
    if (options.first && selected.length > 0) return { selected };
  }
  // A selector naming labels the workload's controller adds (a StatefulSet member's pod-name, a Job's job-name)
  // selects the pods whose template carries the rest.
  const split = selected.length === 0 ? splitControllerLabels(selector) : undefined;
  if (split)
    for (const set of sets.workloads.candidates(namespace, requiredPairs(split.template))) {
      consider(
        set,
        matchesSelector(split.template, set.labels) && controllerAdds(set.owner.object, split.added),
      );
      if (options.first && selected.length > 0) return { selected };
    }
  if (selected.length > 0 || !index.partial) return { selected };
  const key = appKey(namespace, scope);
  if (elsewhere)
    return {
      selected,
      unseen: `only ${describeRef(elsewhere.owner.ref)} in another directory (${elsewhere.scope}) has those labels, and separate directories are separate apps`,
    };
  const unknown = sets.unknown.get(key)?.[0];
  if (unknown)
    return {
      selected,
      unseen: `${unknown.ref.kind} "${unknown.ref.name}" is a custom resource whose operator may create such pods (add its kind to podCreators in .shipshape.yaml to check it)`,
    };
  const where = namespace !== '' ? `in namespace "${namespace}"` : 'in this directory';
  if (!sets.runners.get(key))
    return { selected, unseen: `the input has no workloads ${where}, so the pods may be defined elsewhere` };
  // A typo leaves a near miss: a label key, a key=value pair or every value shared with the app's pods. A selector
  // sharing nothing with them is written for pods created elsewhere (another chart, an add-on's DaemonSet).
  const words = sets.vocabulary.get(key)!;
  const pairs = Object.entries(selector.matchLabels ?? {}).map(([k, v]): [string, string] => [k, String(v)]);
  const keys = [...pairs.map(([k]) => k), ...(selector.matchExpressions ?? []).map((r) => r?.key ?? '')];
  const nearMiss =
    keys.every((k) => words.keys.has(k)) ||
    (pairs.length > 0 && pairs.every(([, v]) => words.values.has(v))) ||
    pairs.some((pair) => sets.workloads.candidates(namespace, [pair]).some(sameApp));
  if (!nearMiss)
    return {
      selected,
      unseen: `no workload ${where} carries labels like these, so the pods are likely created outside the input`,
    };
  return { selected };
}

/** Every selected set, for callers that do not judge "selects nothing". */
export function podSetsSelectedBy(
  index: ObjectIndex,
  from: LoadedObject,
  selector: LabelSelector,
  reading: LabelReading,
): PodSet[] {
  return selectPods(index, from, from.ref.namespace ?? '', selector, reading).selected;
}

/** The message and severity of a "selects nothing" finding: info, with the reason, when pods may be unseen. */
export function selectsNothing(message: string, found: PodSelection): { message: string; severity?: 'info' } {
  return found.unseen ? { message: `${message}; ${found.unseen}`, severity: 'info' } : { message };
}
