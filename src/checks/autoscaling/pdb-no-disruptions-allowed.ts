// https://kubernetes.io/docs/tasks/run-application/configure-pdb/
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';

export const pdbNoDisruptionsAllowed = defineCheck({
  id: 'pdb-no-disruptions-allowed',
  title: 'PodDisruptionBudget currently allows no disruption',
  severity: 'medium',
  category: 'reliability',
  description:
    'With disruptionsAllowed 0 every eviction of the covered pods is refused: node drains, cluster upgrades and ' +
    'autoscaler scale-downs hang on these pods. Either the budget is as strict as the replica count ' +
    '(minAvailable = replicas, maxUnavailable 0) or pods are already unhealthy and the budget is used up.',
  remediation:
    'Run more replicas than minAvailable, loosen the budget (maxUnavailable 1), or fix the unhealthy pods; set ' +
    'unhealthyPodEvictionPolicy: AlwaysAllow so broken pods do not block drains.',
  docs: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/'],
  appliesTo: ['PodDisruptionBudget'],
  peers: { k8sgpt: ['PodDisruptionBudget'], popeye: ['POP-900'] },
  *check(pdb) {
    const status = (pdb.object.status ?? {}) as {
      disruptionsAllowed?: number;
      expectedPods?: number;
      currentHealthy?: number;
      desiredHealthy?: number;
    };
    if (status.disruptionsAllowed !== 0 || !status.expectedPods) return;
    const ns = pdb.ref.namespace;
    yield {
      path: ['status', 'disruptionsAllowed'],
      message: `PodDisruptionBudget "${pdb.ref.name}" allows no disruption: ${status.currentHealthy ?? '?'} healthy of ${status.expectedPods} expected, ${status.desiredHealthy ?? '?'} required`,
      cause: {
        key: `pdb/${ns}/${pdb.ref.name}`,
        summary: `PodDisruptionBudget ${ns}/${pdb.ref.name} blocks every eviction: node drains will hang`,
        workload: `PodDisruptionBudget ${ns}/${pdb.ref.name}`,
        nextSteps: [kubectl(ns, `describe pdb ${pdb.ref.name}`)],
      },
    };
  },
});
