// https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions
import { defineCheck } from '../../core/check.ts';
import { allowedDisruptions, formatBudget, pdbIndex, pdbInfo, replicaFloor } from '../../k8s/disruption.ts';
import { controlledInSet } from '../../k8s/references.ts';
import { CONTROLLER_KINDS } from '../../k8s/workloads.ts';

export const pdbBlocksEvictionSingleReplica = defineCheck({
  id: 'pdb-blocks-eviction-single-replica',
  title: 'Single-replica workload with a PodDisruptionBudget that allows no eviction',
  severity: 'high',
  category: 'reliability',
  indexes: ['hpa-by-target', 'pdb-index'],
  description:
    'A workload that runs one replica (or that an HPA can scale down to one) and a PodDisruptionBudget that ' +
    'keeps that one pod up (minAvailable 1 or any percentage, maxUnavailable 0) can never be evicted: ' +
    'kubectl drain and node upgrades wait forever on its node.',
  remediation:
    'Run at least two replicas, or change the budget to maxUnavailable: 1 so a single pod may be moved ' +
    '(accepting a short outage), or remove the budget.',
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions',
  ],
  appliesTo: CONTROLLER_KINDS,
  example: {
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1.4.2}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
`,
    good: `spec:
  replicas: 2          # or keep 1 replica and use maxUnavailable: 1 in the budget
`,
  },
  *check(loaded, { index }) {
    if (controlledInSet(index, loaded)) return; // reported on its owner
    const floor = replicaFloor(index, loaded);
    if (floor?.replicas !== 1) return;
    for (const pdb of pdbIndex(index).byWorkload.get(loaded) ?? []) {
      const info = pdbInfo(pdb);
      if (allowedDisruptions(info, 1) !== 0) continue;
      const budget = info.minAvailable
        ? `minAvailable ${formatBudget(info.minAvailable)}`
        : `maxUnavailable ${formatBudget(info.maxUnavailable ?? { kind: 'int', value: 0 })}`;
      yield {
        path: floor.hpa ? [] : ['spec', 'replicas'],
        message: `${loaded.ref.kind} "${loaded.ref.name}" runs ${floor.hpa ? `as few as 1 replica (HPA "${floor.hpa.ref.name}")` : '1 replica'} and PodDisruptionBudget "${pdb.ref.name}" (${budget}) allows no eviction of it`,
      };
    }
  },
});
