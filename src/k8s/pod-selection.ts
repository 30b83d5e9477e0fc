// The pods a selector selects in a namespace, through one label index per run (a selector looks at the pods
// carrying its rarest pair, never at the whole namespace).
import { LabelIndex, type ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { type LabelSelector, matchesSelector, requiredPairs } from './labels.ts';

/** Every pod by namespace and label pair, finished ones included (callers decide). */
export function podsByLabel(index: ObjectIndex): LabelIndex<LoadedObject> {
  return index.memo('pods-by-label', (idx) => {
    const out = new LabelIndex<LoadedObject>();
    for (const pod of idx.ofKind('Pod')) {
      const labels = pod.object.metadata.labels;
      out.add(pod.ref.namespace ?? '', labels && typeof labels === 'object' ? labels : {}, pod);
    }
    return out;
  });
}

/** Pods of the namespace a metav1.LabelSelector selects (a Service's map is `{ matchLabels: map }`). */
export function selectedPods(index: ObjectIndex, namespace: string, selector: LabelSelector): LoadedObject[] {
  return podsByLabel(index)
    .candidates(namespace, requiredPairs(selector))
    .filter((p) => matchesSelector(selector, p.object.metadata.labels ?? {}));
}
