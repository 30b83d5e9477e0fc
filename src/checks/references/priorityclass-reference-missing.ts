// https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingObjectReferences } from './shared.ts';

export const priorityclassReferenceMissing = defineCheck({
  id: 'priorityclass-reference-missing',
  title: 'Pod uses a PriorityClass that does not exist',
  severity: 'high',
  category: 'configuration',
  indexes: ['references'],
  description:
    'The Priority admission controller rejects a pod whose priorityClassName names a PriorityClass that does ' +
    'not exist, so the workload gets no pods. system-cluster-critical and system-node-critical are built in.',
  remediation: 'Create the PriorityClass (it is cluster-scoped) or fix priorityClassName.',
  docs: ['https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass'],
  appliesTo: WORKLOAD_KINDS,
  *check(loaded, ctx) {
    yield* missingObjectReferences(['PriorityClass'], loaded, ctx);
  },
});
