// https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy
import { defineCheck } from '../../core/check.ts';

export const pdbUnhealthyPodEvictionPolicyUnset = defineCheck({
  id: 'pdb-unhealthy-pod-eviction-policy-unset',
  title: 'PodDisruptionBudget does not set unhealthyPodEvictionPolicy',
  severity: 'low',
  category: 'reliability',
  description:
    'Unset, unhealthyPodEvictionPolicy behaves as IfHealthyBudget: a pod that is Running but not Ready (e.g. ' +
    'crash-looping) can be evicted only while the budget is healthy. A workload whose pods are all unhealthy ' +
    'then blocks every node drain, although evicting broken pods cannot hurt availability. AlwaysAllow lets ' +
    'drains evict not-ready pods (stable since Kubernetes 1.31).',
  remediation:
    'Set spec.unhealthyPodEvictionPolicy: AlwaysAllow (recommended by the Kubernetes docs for most workloads), ' +
    'or IfHealthyBudget explicitly when the application needs it.',
  docs: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy'],
  appliesTo: ['PodDisruptionBudget'],
  peers: { 'kube-linter': ['pdb-unhealthy-pod-eviction-policy'] },
  *check({ object, ref }) {
    const spec = object.spec;
    if (!spec || typeof spec !== 'object') return;
    const policy = (spec as Record<string, unknown>).unhealthyPodEvictionPolicy;
    if (typeof policy === 'string' && policy !== '') return;
    yield {
      path: ['spec'],
      message: `PodDisruptionBudget "${ref.name}" does not set unhealthyPodEvictionPolicy (defaults to IfHealthyBudget)`,
    };
  },
});
