// https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
import { defineCheck } from '../../core/check.ts';
import { type Direction, networkPolicyIndex, policyTypesOf } from '../../k8s/network-policy.ts';
import { controlledInSet } from '../../k8s/references.ts';
import { POD_OWNER_KINDS } from './workload-network-policy-missing.ts';

export const workloadNetworkIsolationIncomplete = defineCheck({
  id: 'workload-network-isolation-incomplete',
  title: "Workload's pods are not isolated for both ingress and egress",
  severity: 'low',
  category: 'networking',
  indexes: ['network-policy-index'],
  description:
    'A pod is isolated for ingress (or egress) only when some NetworkPolicy selecting it has that policy type; ' +
    'without policyTypes, a policy is Ingress-only unless it has egress rules. Pods not isolated in both ' +
    'directions accept or send any traffic in the open direction. A policy that lists a type with no rules ' +
    'isolates that direction completely (default deny) and counts. Off by default.',
  remediation:
    'Select the pods with NetworkPolicies that together list both Ingress and Egress in policyTypes, e.g. a ' +
    'namespace default-deny policy (podSelector: {}, policyTypes: [Ingress, Egress]) plus allow rules.',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
  ],
  appliesTo: POD_OWNER_KINDS,
  example: {
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api:2.0.1}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]   # Ingress only: egress stays open
`,
    good: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
  },
  enabledByDefault: false,
  peers: { polaris: ['missingNetworkPolicy'] },
  *check(loaded, { index }) {
    if (controlledInSet(index, loaded)) return; // judged through its owner
    const policies = networkPolicyIndex(index).byWorkload.get(loaded) ?? [];
    const covered = new Set<Direction>();
    for (const policy of policies) for (const t of policyTypesOf(policy.object)) covered.add(t);
    const open = (['Ingress', 'Egress'] as const).filter((d) => !covered.has(d));
    if (open.length === 0) return;
    yield {
      message:
        policies.length === 0
          ? `no NetworkPolicy selects the pods of ${loaded.ref.kind} "${loaded.ref.name}"`
          : `the pods of ${loaded.ref.kind} "${loaded.ref.name}" are not isolated for ${open.join(' and ').toLowerCase()} (selected by ${policies
              .map((p) => `"${p.ref.name}"`)
              .join(', ')})`,
    };
  },
});
