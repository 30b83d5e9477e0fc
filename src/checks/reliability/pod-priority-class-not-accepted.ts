// https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podPriorityClassNotAccepted = defineCheck<{ acceptedPriorityClassNames: string[] }>({
  id: 'pod-priority-class-not-accepted',
  title: 'Pod uses a priority class outside the accepted list',
  severity: 'low',
  category: 'reliability',
  description:
    'A high priority class lets a pod preempt (evict) others when the cluster is full, so platforms restrict ' +
    'which classes workloads may use. The acceptedPriorityClassNames parameter lists them; the default is ' +
    'kube-linter’s (system-cluster-critical, system-node-critical), meant to be replaced by your own list. An ' +
    'unset class is not reported here (see pod-priority-class-missing). Off by default.',
  remediation: 'Use one of the accepted PriorityClasses, or add the class to the accepted list.',
  docs: ['https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass'],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  params: { acceptedPriorityClassNames: ['system-cluster-critical', 'system-node-critical'] },
  peers: { 'kube-linter': ['priority-class-name'] },
  *check({ object }, { index, params }) {
    if (reviewedThroughOwner(index, object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const name = pod.spec.priorityClassName;
    if (typeof name !== 'string' || name === '') return;
    const accepted = params.acceptedPriorityClassNames;
    if (accepted.includes(name)) return;
    yield {
      path: [...pod.path, 'priorityClassName'],
      message: `priorityClassName "${name}" is not one of the accepted classes: ${accepted.join(', ')}`,
    };
  },
});
