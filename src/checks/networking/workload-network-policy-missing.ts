// https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
import { defineCheck } from '../../core/check.ts';
import { networkPolicyIndex } from '../../k8s/network-policy.ts';
import { controlledInSet } from '../../k8s/references.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const POD_OWNER_KINDS = WORKLOAD_KINDS.filter((k) => k !== 'PodTemplate');

export const workloadNetworkPolicyMissing = defineCheck({
  id: 'workload-network-policy-missing',
  title: "No NetworkPolicy selects the workload's pods",
  severity: 'low',
  category: 'networking',
  indexes: ['network-policy-index'],
  description:
    'Pods that no NetworkPolicy selects are non-isolated: they accept traffic from, and send traffic to, ' +
    'anything in the cluster. Off by default (it needs the policies in the same review).',
  remediation:
    "Add a NetworkPolicy in the workload's namespace whose podSelector matches its pod labels (a default-deny " +
    'policy with an empty podSelector plus policies that allow the needed traffic).',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
  ],
  appliesTo: POD_OWNER_KINDS,
  enabledByDefault: false,
  peers: { 'kube-linter': ['non-isolated-pod'] },
  *check(loaded, { index }) {
    if (controlledInSet(index, loaded)) return; // judged through its owner
    if ((networkPolicyIndex(index).byWorkload.get(loaded) ?? []).length > 0) return;
    yield { message: `no NetworkPolicy selects the pods of ${loaded.ref.kind} "${loaded.ref.name}"` };
  },
});
