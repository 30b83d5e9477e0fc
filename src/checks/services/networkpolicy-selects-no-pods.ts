// https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import { LabelIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { formatSelector, isEmptySelector, matchesSelector, requiredPairs } from '../../k8s/labels.ts';
import { policyPodSelector } from '../../k8s/network-policy.ts';
import { isFinished } from '../../k8s/pod-status.ts';

/** Live pods by namespace and label pair. */
function livePods(index: ObjectIndex): LabelIndex<LoadedObject> {
  return index.memo('diagnose-live-pods-by-label', (idx) => {
    const out = new LabelIndex<LoadedObject>();
    for (const pod of idx.ofKind('Pod')) {
      if (isFinished(pod.object)) continue;
      const labels = pod.object.metadata.labels;
      out.add(pod.ref.namespace ?? '', labels && typeof labels === 'object' ? labels : {}, pod);
    }
    return out;
  });
}

export const networkpolicySelectsNoPods = defineCheck({
  id: 'networkpolicy-selects-no-pods',
  title: 'NetworkPolicy selects no running pod',
  severity: 'low',
  category: 'networking',
  description:
    'A NetworkPolicy applies to the pods its spec.podSelector matches in its namespace. When no running pod ' +
    'matches, the policy protects nothing: usually the workload labels changed or the policy was written for a ' +
    'different namespace, and the pods it was meant to isolate are open.',
  remediation:
    "Compare the policy's podSelector with the pods' labels (kubectl get pods --show-labels) and fix one of them; " +
    'delete the policy if its workload is gone.',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource'],
  appliesTo: ['NetworkPolicy'],
  peers: { k8sgpt: ['NetworkPolicy'] },
  *check(policy, { index, settings }) {
    if (!kindRead(settings, 'Pod')) return;
    const selector = policyPodSelector(policy.object);
    // The empty selector selects every pod of the namespace, present or future.
    if (!selector || isEmptySelector(selector)) return;
    const ns = policy.ref.namespace ?? '';
    const candidates = livePods(index).candidates(ns, requiredPairs(selector));
    if (candidates.some((p) => matchesSelector(selector, p.object.metadata.labels ?? {}))) return;
    yield {
      path: ['spec', 'podSelector'],
      message: `NetworkPolicy "${policy.ref.name}" selects no running pod (${formatSelector(selector)})`,
      cause: {
        key: `netpol-empty/${ns}/${policy.ref.name}`,
        summary: `NetworkPolicy ${ns}/${policy.ref.name} protects nothing: no pod matches ${formatSelector(selector)}`,
        nextSteps: [
          kubectl(ns, 'get pods --show-labels'),
          kubectl(ns, `describe networkpolicy ${policy.ref.name}`),
        ],
      },
    };
  },
});
