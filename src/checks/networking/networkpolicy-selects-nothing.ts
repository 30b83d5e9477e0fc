// https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
import { defineCheck } from '../../core/check.ts';
import { formatSelector, isEmptySelector } from '../../k8s/labels.ts';
import { networkPolicyIndex, policyPodSelector } from '../../k8s/network-policy.ts';
import { selectPods, selectsNothing } from '../../k8s/pod-sets.ts';

export const networkpolicySelectsNothing = defineCheck({
  id: 'networkpolicy-selects-nothing',
  title: 'NetworkPolicy podSelector matches no workload',
  severity: 'medium',
  category: 'networking',
  indexes: ['network-policy-index', 'pod-creators', 'pod-sets-effective'],
  description:
    'A NetworkPolicy applies to the pods its podSelector matches in its namespace. When no workload in the ' +
    'set has those labels, the policy protects nothing and the pods it was written for stay open. An empty ' +
    'podSelector (every pod of the namespace) is never reported.',
  remediation: 'Make spec.podSelector match the pod template labels of the workloads the policy is for.',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  appliesTo: ['NetworkPolicy'],
  example: {
    bad: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api}
spec:
  podSelector: {matchLabels: {app: api-server}}   # the pods are labelled app: api
  policyTypes: [Ingress]
`,
  },
  peers: { 'kube-linter': ['dangling-networkpolicy'] },
  *check(loaded, { index }) {
    const selector = policyPodSelector(loaded.object);
    if (!selector || isEmptySelector(selector)) return;
    if ((networkPolicyIndex(index).byPolicy.get(loaded) ?? []).length > 0) return;
    const found = selectPods(index, loaded, loaded.ref.namespace ?? '', selector, 'effective');
    yield {
      path: ['spec', 'podSelector'],
      ...selectsNothing(
        `NetworkPolicy "${loaded.ref.name}" selects pods with ${formatSelector(selector)} but no workload in ${
          index.partial ? 'the input' : 'the cluster'
        } has those labels`,
        found,
      ),
    };
  },
});
