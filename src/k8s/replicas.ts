// How many pods a workload runs: spec.replicas, or the HorizontalPodAutoscaler that owns the count.
// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
import type { ObjectIndex } from '../core/index.ts';
import type { KubeObject, LoadedObject } from '../core/object.ts';
import { type LabelSelector, type LabelSelectorRequirement, labelValue } from './labels.ts';

export interface HpaBounds {
  hpa: LoadedObject;
  /** spec.minReplicas, defaulted to 1 by the API server. */
  min: number;
  max: number | undefined;
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** HPA bounds by "namespace/kind/name" of the scale target, built once per run. */
function hpaTargets(index: ObjectIndex): Map<string, HpaBounds> {
  return index.memo('hpa-targets', (idx) => {
    const out = new Map<string, HpaBounds>();
    for (const hpa of idx.ofKind('HorizontalPodAutoscaler')) {
      const spec = hpa.object.spec as Record<string, unknown> | undefined;
      const target = spec?.scaleTargetRef as { kind?: unknown; name?: unknown } | undefined;
      if (!target || typeof target.kind !== 'string' || typeof target.name !== 'string') continue;
      out.set(`${hpa.ref.namespace ?? ''}/${target.kind}/${target.name}`, {
        hpa,
        min: numberOr(spec?.minReplicas, 1) as number,
        max: numberOr(spec?.maxReplicas, undefined),
      });
    }
    return out;
  });
}

/** The HPA in the set that scales this object, if any. */
export function hpaFor(index: ObjectIndex, object: KubeObject): HpaBounds | undefined {
  if (!index.hasKind('HorizontalPodAutoscaler')) return undefined;
  return hpaTargets(index).get(
    `${object.metadata?.namespace ?? ''}/${object.kind}/${object.metadata?.name ?? ''}`,
  );
}

/**
 * True when the object's controller (an ownerReference with controller: true) is itself in the set: a Pod of a
 * ReplicaSet of a Deployment is then reviewed once, through the Deployment, where the fix belongs. Objects whose
 * owner is not in the set (e.g. created by an operator) are reviewed themselves.
 */
export function reviewedThroughOwner(index: ObjectIndex, object: KubeObject): boolean {
  const owners = object.metadata?.ownerReferences;
  if (!Array.isArray(owners)) return false;
  return owners.some(
    (o) =>
      !!o &&
      typeof o === 'object' &&
      o.controller === true &&
      typeof o.kind === 'string' &&
      typeof o.name === 'string' &&
      index.get(o.kind, object.metadata?.namespace, o.name) !== undefined,
  );
}

/**
 * A metav1.LabelSelector read from any shape: undefined when it is not a map, or when matchExpressions is not a
 * list of maps (a schema error; the selector cannot be evaluated). Label values are stringified.
 */
export function asLabelSelector(value: unknown): LabelSelector | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const raw = value as { matchLabels?: unknown; matchExpressions?: unknown };
  const selector: LabelSelector = {};
  if (raw.matchLabels !== undefined && raw.matchLabels !== null) {
    if (typeof raw.matchLabels !== 'object' || Array.isArray(raw.matchLabels)) return undefined;
    selector.matchLabels = Object.fromEntries(
      Object.entries(raw.matchLabels as Record<string, unknown>).map(([k, v]) => [k, labelValue(v)]),
    );
  }
  if (raw.matchExpressions !== undefined && raw.matchExpressions !== null) {
    if (!Array.isArray(raw.matchExpressions)) return undefined;
    const expressions: LabelSelectorRequirement[] = [];
    for (const entry of raw.matchExpressions as unknown[]) {
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
      const { key, operator, values } = entry as { key?: unknown; operator?: unknown; values?: unknown };
      const requirement: LabelSelectorRequirement = {};
      if (typeof key === 'string') requirement.key = key;
      if (typeof operator === 'string') requirement.operator = operator;
      if (Array.isArray(values)) requirement.values = values.map(labelValue);
      expressions.push(requirement);
    }
    selector.matchExpressions = expressions;
  }
  return selector;
}
