// https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
import { defineCheck } from '../../core/check.ts';
import { isOwnedByController } from '../../k8s/replicas.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podPriorityClassMissing = defineCheck<{ acceptedPriorityClassNames: string[] }>({
  id: 'pod-priority-class-missing',
  title: 'Pod has no priority class (or one outside the accepted list)',
  severity: 'low',
  category: 'reliability',
  description:
    'Without priorityClassName a pod gets the cluster’s global default priority (0 unless a PriorityClass sets ' +
    'globalDefault). When the cluster is full, the scheduler may preempt it for any higher-priority pod, and it ' +
    'cannot preempt lower-value pods itself. With the acceptedPriorityClassNames parameter set, a class outside ' +
    'that list is reported too (kube-linter’s priority-class-name). Off by default: whether every workload ' +
    'needs a class is a cluster policy.',
  remediation:
    'Set spec.template.spec.priorityClassName to a PriorityClass that reflects how important the workload is.',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass',
  ],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  params: { acceptedPriorityClassNames: [] },
  peers: { polaris: ['priorityClassNotSet'], 'kube-linter': ['priority-class-name'] },
  *check({ object }, { params }) {
    if (isOwnedByController(object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const name = pod.spec.priorityClassName;
    if (typeof name !== 'string' || name === '') {
      yield { path: pod.path, message: 'pod has no priorityClassName' };
      return;
    }
    const accepted = params.acceptedPriorityClassNames;
    if (accepted.length > 0 && !accepted.includes(name))
      yield {
        path: [...pod.path, 'priorityClassName'],
        message: `priorityClassName "${name}" is not one of the accepted classes: ${accepted.join(', ')}`,
      };
  },
});
