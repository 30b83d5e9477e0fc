// https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { formatSelector, isEmptySelector } from '../../k8s/labels.ts';
import { policyPodSelector } from '../../k8s/network-policy.ts';
import { selectedPods } from '../../k8s/pod-selection.ts';
import { isFinished } from '../../k8s/pod-status.ts';

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
    if (selectedPods(index, ns, selector).some((p) => !isFinished(p.object))) return;
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
