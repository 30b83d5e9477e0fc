import { LabelIndex, type ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { type LabelSelector, matchesMap, matchesSelector, requiredPairs } from './labels.ts';
import { podTemplateLabels, WORKLOAD_KINDS } from './workloads.ts';

export interface PodTemplateEntry {
  owner: LoadedObject;
  namespace: string;
  labels: Readonly<Record<string, string>>;
}

/** Every workload's pod labels, indexed by namespace and label pair. */
export function podTemplates(index: ObjectIndex): LabelIndex<PodTemplateEntry> {
  return index.memo('pod-templates', (idx) => {
    const labels = new LabelIndex<PodTemplateEntry>();
    for (const kind of WORKLOAD_KINDS) {
      if (kind === 'PodTemplate') continue;
      for (const owner of idx.ofKind(kind)) {
        // Pods owned by a workload in the set are that workload's; count them once, through the owner.
        if (kind === 'Pod' && owner.object.metadata.ownerReferences?.length) continue;
        const podLabels = podTemplateLabels(owner.object);
        if (!podLabels) continue;
        const namespace = owner.ref.namespace ?? '';
        labels.add(namespace, podLabels, { owner, namespace, labels: podLabels });
      }
    }
    return labels;
  });
}

/** Workloads whose pods a Service-style map selector selects. */
export function workloadsSelectedByMap(
  index: ObjectIndex,
  namespace: string,
  selector: Readonly<Record<string, string>>,
): PodTemplateEntry[] {
  const pairs = Object.entries(selector).map(([k, v]): [string, string] => [k, String(v)]);
  return podTemplates(index)
    .candidates(namespace, pairs)
    .filter((entry) => matchesMap(selector, entry.labels));
}

/** Workloads whose pods a metav1.LabelSelector selects. */
export function workloadsSelectedBy(
  index: ObjectIndex,
  namespace: string,
  selector: LabelSelector,
): PodTemplateEntry[] {
  return podTemplates(index)
    .candidates(namespace, requiredPairs(selector))
    .filter((entry) => matchesSelector(selector, entry.labels));
}
