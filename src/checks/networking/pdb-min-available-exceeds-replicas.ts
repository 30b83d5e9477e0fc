// https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions
import { defineCheck } from '../../core/check.ts';
import { describeRef } from '../../core/object.ts';
import { formatBudget, pdbIndex, pdbInfo, replicaFloor, resolveBudget } from '../../k8s/disruption.ts';

export const pdbMinAvailableExceedsReplicas = defineCheck({
  id: 'pdb-min-available-exceeds-replicas',
  title: "PodDisruptionBudget minAvailable is at or above the workload's replicas",
  severity: 'high',
  category: 'reliability',
  indexes: ['hpa-by-target', 'pdb-index'],
  description:
    'When minAvailable (a percentage is rounded up against the replica count) is equal to or greater than ' +
    'the number of pods the selected workload runs, the budget allows no voluntary eviction: kubectl drain, ' +
    "cluster upgrades and the autoscaler's scale-down hang on those pods. With an HPA the replica count is " +
    'its minReplicas; minAvailable above it is reported by pdb-min-available-exceeds-hpa-min instead.',
  remediation:
    'Lower minAvailable below the replica count, use maxUnavailable: 1 instead, or run more replicas.',
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions',
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages',
  ],
  appliesTo: ['PodDisruptionBudget'],
  example: {
    bad: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 3
  selector: {matchLabels: {app: web}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1.4.2}]}
`,
    good: `spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
`,
  },
  peers: { 'kube-linter': ['pdb-min-available'] },
  *check(loaded, { index }) {
    const info = pdbInfo(loaded);
    if (!info.minAvailable) return;
    for (const { owner } of pdbIndex(index).byPdb.get(loaded) ?? []) {
      const floor = replicaFloor(index, owner);
      if (!floor || floor.replicas === 0) continue;
      const required = resolveBudget(info.minAvailable, floor.replicas);
      if (required < floor.replicas) continue;
      if (floor.hpa && required > floor.replicas) continue; // pdb-min-available-exceeds-hpa-min
      const budget = `minAvailable ${formatBudget(info.minAvailable)}`;
      yield {
        path: ['spec', 'minAvailable'],
        message: floor.hpa
          ? `${budget} requires ${required} pods of ${describeRef(owner.ref)} to stay up and HPA "${floor.hpa.ref.name}" can scale it down to ${floor.replicas}, so then no pod can be evicted`
          : `${budget} requires ${required} of the ${floor.replicas} replicas of ${describeRef(owner.ref)} to stay up, so no pod can be evicted`,
      };
    }
  },
});
