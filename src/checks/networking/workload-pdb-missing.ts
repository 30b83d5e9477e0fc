// https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets
import { defineCheck } from '../../core/check.ts';
import { pdbIndex } from '../../k8s/disruption.ts';
import { controlledInSet } from '../../k8s/references.ts';

export const workloadPdbMissing = defineCheck({
  id: 'workload-pdb-missing',
  title: 'No PodDisruptionBudget covers the workload',
  severity: 'low',
  category: 'reliability',
  indexes: ['pdb-index'],
  description:
    'Without a PodDisruptionBudget, a node drain or cluster upgrade may evict all replicas of a Deployment or ' +
    'StatefulSet at the same time. Off by default: a budget only helps workloads with more than one replica, ' +
    'and it needs the budget in the same review.',
  remediation:
    'Add a PodDisruptionBudget in the same namespace whose selector matches the pod template labels, e.g. ' +
    'maxUnavailable: 1.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets',
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  ],
  appliesTo: ['Deployment', 'StatefulSet'],
  enabledByDefault: false,
  peers: { polaris: ['missingPodDisruptionBudget'] },
  *check(loaded, { index }) {
    if (controlledInSet(index, loaded)) return; // reported on its owner
    if ((pdbIndex(index).byWorkload.get(loaded) ?? []).length > 0) return;
    yield { message: `no PodDisruptionBudget selects the pods of ${loaded.ref.kind} "${loaded.ref.name}"` };
  },
});
