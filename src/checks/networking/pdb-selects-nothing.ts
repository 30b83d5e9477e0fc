// https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget
import { defineCheck } from '../../core/check.ts';
import { getAt } from '../../core/path.ts';
import { asLabelSelector, pdbIndex } from '../../k8s/disruption.ts';
import { formatSelector, isEmptySelector } from '../../k8s/labels.ts';
import { selectPods, selectsNothing } from '../../k8s/pod-sets.ts';

export const pdbSelectsNothing = defineCheck({
  id: 'pdb-selects-nothing',
  title: 'PodDisruptionBudget selects no workload',
  severity: 'medium',
  category: 'reliability',
  indexes: ['pdb-index', 'pod-creators', 'pod-sets-effective'],
  description:
    'A PodDisruptionBudget protects the pods its selector matches in its namespace. When no workload in the ' +
    'set has those labels (or the selector is missing, which in policy/v1 selects no pods), the budget ' +
    'protects nothing and node drains can evict every replica of the application it was written for at once.',
  remediation: 'Make spec.selector match the pod template labels of the workload the budget is for.',
  docs: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget'],
  appliesTo: ['PodDisruptionBudget'],
  *check(loaded, { index }) {
    const raw = getAt(loaded.object, ['spec', 'selector']);
    const selector = asLabelSelector(raw);
    if (raw === undefined || raw === null) {
      yield {
        path: ['spec'],
        message: `PodDisruptionBudget "${loaded.ref.name}" has no selector, so it selects no pods`,
      };
      return;
    }
    if (!selector || isEmptySelector(selector)) return;
    if ((pdbIndex(index).byPdb.get(loaded) ?? []).length > 0) return;
    const found = selectPods(index, loaded, loaded.ref.namespace ?? '', selector, 'effective');
    yield {
      path: ['spec', 'selector'],
      ...selectsNothing(
        `PodDisruptionBudget "${loaded.ref.name}" selects pods with ${formatSelector(selector)} but no workload in ${
          index.partial ? 'the input' : 'the cluster'
        } has those labels`,
        found,
      ),
    };
  },
});
