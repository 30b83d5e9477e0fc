// https://kubernetes.io/docs/tasks/run-application/configure-pdb/
import { defineCheck } from '../../core/check.ts';
import { describeRef } from '../../core/object.ts';
import {
  formatBudget,
  hpaMinReplicas,
  hpasFor,
  pdbIndex,
  pdbInfo,
  resolveBudget,
} from '../../k8s/disruption.ts';

export const pdbMinAvailableExceedsHpaMin = defineCheck({
  id: 'pdb-min-available-exceeds-hpa-min',
  title: "PodDisruptionBudget minAvailable is above the HPA's minReplicas",
  severity: 'medium',
  category: 'reliability',
  indexes: ['hpa-by-target', 'pdb-index'],
  description:
    'An HPA may scale the workload down to minReplicas (default 1). A budget whose minAvailable is above that ' +
    '(a percentage is rounded up against minReplicas) then allows no eviction, and node drains and upgrades ' +
    'hang whenever load is low.',
  remediation:
    "Raise the HPA's minReplicas above minAvailable, or lower minAvailable (or use maxUnavailable).",
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
  ],
  appliesTo: ['PodDisruptionBudget'],
  peers: { polaris: ['pdbMinAvailableGreaterThanHPAMinReplicas'] },
  *check(loaded, { index }) {
    const info = pdbInfo(loaded);
    if (!info.minAvailable) return;
    for (const { owner } of pdbIndex(index).byPdb.get(loaded) ?? []) {
      for (const hpa of hpasFor(index, owner)) {
        const min = hpaMinReplicas(hpa.object);
        const required = resolveBudget(info.minAvailable, min);
        if (required <= min) continue;
        yield {
          path: ['spec', 'minAvailable'],
          message: `minAvailable ${formatBudget(info.minAvailable)} (${required} pods) is above minReplicas ${min} of HPA "${hpa.ref.name}" for ${describeRef(
            owner.ref,
          )}`,
        };
      }
    }
  },
});
