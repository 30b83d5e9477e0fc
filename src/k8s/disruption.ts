// PodDisruptionBudgets and HorizontalPodAutoscalers against the workloads they cover, indexed once per run.
// https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets
// https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages
// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
import { type ObjectIndex, objectKey } from '../core/index.ts';
import type { KubeObject, LoadedObject } from '../core/object.ts';
import { getAt } from '../core/path.ts';
import { type LabelSelector, labelValue } from './labels.ts';
import { controllerRef } from './owners.ts';
import { type PodSet, podSetsSelectedBy } from './pod-sets.ts';
import { podTemplateLabels, replicasOf } from './workloads.ts';

export type SelectedWorkload = PodSet;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A metav1.LabelSelector when the value has that shape, else undefined. */
export function asLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  const out: LabelSelector = {};
  if (isRecord(value.matchLabels)) {
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(value.matchLabels)) labels[k] = labelValue(v);
    out.matchLabels = labels;
  } else if (value.matchLabels !== undefined && value.matchLabels !== null) return undefined;
  if (Array.isArray(value.matchExpressions)) {
    out.matchExpressions = value.matchExpressions.filter(isRecord).map((req) => ({
      key: typeof req.key === 'string' ? req.key : undefined,
      operator: typeof req.operator === 'string' ? req.operator : undefined,
      values: Array.isArray(req.values) ? req.values.map(labelValue) : undefined,
    })) as LabelSelector['matchExpressions'];
  }
  return out;
}

/**
 * The labels a workload's pods carry: the pod template's labels, or, when the template declares none, the
 * labels its own selector requires (a valid controller's pods always carry those). The fallback keeps a
 * PDB or NetworkPolicy from looking dangling next to a workload written without template labels.
 */
export function effectivePodLabels(object: KubeObject): Record<string, string> | undefined {
  const labels = podTemplateLabels(object);
  if (!labels || !isRecord(labels)) return labels === undefined ? undefined : {};
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (v !== null && typeof v !== 'object') clean[k] = String(v);
  if (Object.keys(clean).length > 0 || object.kind === 'Pod') return clean;
  const selector = asLabelSelector(getAt(object, ['spec', 'selector']));
  const fromSelector = selector?.matchLabels ?? {};
  // ReplicationController and DeploymentConfig use a plain map as selector.
  const plain = getAt(object, ['spec', 'selector']);
  if (Object.keys(fromSelector).length === 0 && isRecord(plain) && !('matchLabels' in plain)) {
    for (const [k, v] of Object.entries(plain))
      if (v !== null && typeof v !== 'object' && k !== 'matchExpressions') clean[k] = String(v);
    return clean;
  }
  return { ...fromSelector };
}

/**
 * True when an object's controller (ownerReferences) is in the set: a ReplicaSet of a Deployment, a Pod of a
 * ReplicaSet, a Job of a CronJob. Per-workload findings are reported once, on the top-most owner in the set.
 */
export function controlledInSet(index: ObjectIndex, loaded: LoadedObject): boolean {
  const owner = controllerRef(loaded);
  return owner !== undefined && index.get(owner.kind, loaded.ref.namespace, owner.name) !== undefined;
}

/**
 * Workloads (and operator pods) of the selector's own app whose pods a metav1.LabelSelector on `from` selects
 * (empty selector: all of them). See k8s/pod-sets.ts for what "own app" means.
 */
export function workloadsMatching(
  index: ObjectIndex,
  from: LoadedObject,
  selector: LabelSelector,
): SelectedWorkload[] {
  return podSetsSelectedBy(index, from, selector, 'effective');
}

// ---------------------------------------------------------------- PodDisruptionBudgets

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

/** Reads an IntOrString budget field: 2, "2", "50%". Undefined for absent or malformed values. */
export function parseIntOrPercent(value: unknown): IntOrPercent | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { kind: 'int', value };
  if (typeof value !== 'string') return undefined;
  const percent = /^(\d+)%$/.exec(value.trim());
  if (percent) return { kind: 'percent', value: Number(percent[1]) };
  if (/^\d+$/.test(value.trim())) return { kind: 'int', value: Number(value.trim()) };
  return undefined;
}

/** The disruption controller scales percentages against the expected pod count rounding up. */
export function resolveBudget(budget: IntOrPercent, expectedPods: number): number {
  return budget.kind === 'int' ? budget.value : Math.ceil((budget.value * expectedPods) / 100);
}

export function formatBudget(budget: IntOrPercent): string {
  return budget.kind === 'int' ? String(budget.value) : `${budget.value}%`;
}

export interface PdbInfo {
  pdb: LoadedObject;
  minAvailable?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
}

export function pdbInfo(pdb: LoadedObject): PdbInfo {
  const spec = pdb.object.spec;
  const info: PdbInfo = { pdb };
  if (!isRecord(spec)) return info;
  const min = parseIntOrPercent(spec.minAvailable);
  const max = parseIntOrPercent(spec.maxUnavailable);
  if (min) info.minAvailable = min;
  if (max) info.maxUnavailable = max;
  return info;
}

/** Voluntary evictions the budget allows when `expectedPods` pods are all healthy. */
export function allowedDisruptions(info: PdbInfo, expectedPods: number): number | undefined {
  if (info.minAvailable) return Math.max(0, expectedPods - resolveBudget(info.minAvailable, expectedPods));
  if (info.maxUnavailable) return resolveBudget(info.maxUnavailable, expectedPods);
  return undefined;
}

interface PdbIndex {
  byWorkload: Map<LoadedObject, LoadedObject[]>;
  byPdb: Map<LoadedObject, SelectedWorkload[]>;
}

/** Which PDBs select which workloads (PDB selector against the workloads' pod labels, same namespace). */
export function pdbIndex(index: ObjectIndex): PdbIndex {
  return index.memo('pdb-index', (idx) => {
    const byWorkload = new Map<LoadedObject, LoadedObject[]>();
    const byPdb = new Map<LoadedObject, SelectedWorkload[]>();
    for (const pdb of idx.ofKind('PodDisruptionBudget')) {
      const selector = asLabelSelector(getAt(pdb.object, ['spec', 'selector']));
      // policy/v1: a null selector selects no pods; an empty one selects every pod of the namespace.
      const selected = selector ? workloadsMatching(idx, pdb, selector) : [];
      byPdb.set(pdb, selected);
      for (const entry of selected) {
        const list = byWorkload.get(entry.owner);
        if (list) list.push(pdb);
        else byWorkload.set(entry.owner, [pdb]);
      }
    }
    return { byWorkload, byPdb };
  });
}

// ---------------------------------------------------------------- HorizontalPodAutoscalers

export interface ScaleTargetRef {
  kind: string;
  name: string;
  apiVersion?: string;
}

export function scaleTargetOf(hpa: KubeObject): ScaleTargetRef | undefined {
  const ref = getAt(hpa, ['spec', 'scaleTargetRef']);
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  if (ref.kind === '' || ref.name === '') return undefined;
  const out: ScaleTargetRef = { kind: ref.kind, name: ref.name };
  if (typeof ref.apiVersion === 'string') out.apiVersion = ref.apiVersion;
  return out;
}

/** spec.minReplicas, defaulted to 1 by the API server. */
export function hpaMinReplicas(hpa: KubeObject): number {
  const min = getAt(hpa, ['spec', 'minReplicas']);
  return typeof min === 'number' && Number.isInteger(min) && min >= 0 ? min : 1;
}

/** HPAs by the workload they scale (kind, namespace, name). */
export function hpasByTarget(index: ObjectIndex): Map<string, LoadedObject[]> {
  return index.memo('hpa-by-target', (idx) => {
    const out = new Map<string, LoadedObject[]>();
    for (const hpa of idx.ofKind('HorizontalPodAutoscaler')) {
      const target = scaleTargetOf(hpa.object);
      if (!target) continue;
      const key = objectKey(target.kind, hpa.ref.namespace, target.name);
      const list = out.get(key);
      if (list) list.push(hpa);
      else out.set(key, [hpa]);
    }
    return out;
  });
}

export function hpasFor(index: ObjectIndex, workload: LoadedObject): readonly LoadedObject[] {
  return (
    hpasByTarget(index).get(objectKey(workload.ref.kind, workload.ref.namespace, workload.ref.name)) ?? []
  );
}

/**
 * The fewest pods the workload runs in steady state: the lowest HPA minReplicas when an HPA scales it,
 * else spec.replicas (defaulted to 1). Undefined for kinds without a replica count (DaemonSet, Job, Pod).
 */
export function replicaFloor(
  index: ObjectIndex,
  workload: LoadedObject,
): { replicas: number; hpa?: LoadedObject } | undefined {
  const replicas = replicasOf(workload.object);
  if (replicas === undefined) return undefined;
  let best: { replicas: number; hpa?: LoadedObject } | undefined;
  for (const hpa of hpasFor(index, workload)) {
    const min = hpaMinReplicas(hpa.object);
    if (!best || min < best.replicas) best = { replicas: min, hpa };
  }
  return best ?? { replicas };
}
