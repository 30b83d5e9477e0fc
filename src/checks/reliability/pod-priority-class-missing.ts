// https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podPriorityClassMissing = defineCheck({
  id: 'pod-priority-class-missing',
  title: 'Pod has no priority class',
  severity: 'low',
  category: 'reliability',
  description:
    'Without priorityClassName a pod gets the cluster’s global default priority (0 unless a PriorityClass sets ' +
    'globalDefault). When the cluster is full, the scheduler may preempt it for any higher-priority pod, and it ' +
    'cannot preempt lower-value pods itself. Off by default: whether every workload needs a class is a cluster ' +
    'policy. pod-priority-class-not-accepted restricts which classes may be used.',
  remediation:
    'Set spec.template.spec.priorityClassName to a PriorityClass that reflects how important the workload is.',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass',
  ],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  peers: { polaris: ['priorityClassNotSet'] },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const name = pod.spec.priorityClassName;
    if (typeof name !== 'string' || name === '')
      yield { path: pod.path, message: 'pod has no priorityClassName' };
  },
});
