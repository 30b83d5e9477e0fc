// https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
import { defineCheck } from '../../core/check.ts';
import { formatSelector, isEmptySelector } from '../../k8s/labels.ts';
import { policyPeers } from '../../k8s/network-policy.ts';
import { selectPods, selectsNothing } from '../../k8s/pod-sets.ts';

export const networkpolicyPeerSelectsNothing = defineCheck({
  id: 'networkpolicy-peer-selects-nothing',
  title: 'NetworkPolicy rule peer podSelector matches no workload',
  severity: 'medium',
  category: 'networking',
  indexes: ['pod-sets-effective'],
  description:
    "A from/to peer with only a podSelector allows traffic from or to the matching pods of the policy's own " +
    'namespace. When no workload there has those labels, the rule allows nothing and the traffic it was ' +
    'written for is dropped. Peers with a namespaceSelector reach other namespaces and are not judged.',
  remediation:
    "Make the peer's podSelector match the pod template labels of the intended workloads, or add a namespaceSelector if they live in another namespace.",
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
  ],
  appliesTo: ['NetworkPolicy'],
  peers: { 'kube-linter': ['dangling-networkpolicypeer-podselector'] },
  *check(loaded, { index }) {
    for (const peer of policyPeers(loaded.object)) {
      if (peer.hasNamespaceSelector || !peer.podSelector || isEmptySelector(peer.podSelector)) continue;
      const found = selectPods(index, loaded, loaded.ref.namespace ?? '', peer.podSelector, 'effective', {
        first: true,
      });
      if (found.selected.length > 0) continue;
      yield {
        path: [...peer.path, 'podSelector'],
        ...selectsNothing(
          `${peer.direction.toLowerCase()} peer selects pods with ${formatSelector(peer.podSelector)} but no workload in ${
            index.partial ? 'the input' : 'the cluster'
          } has those labels`,
          found,
        ),
      };
    }
  },
});
