// https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/
// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-garbage-collection
import { defineCheck } from '../../core/check.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { podStatus } from '../../k8s/pod-status.ts';

export const podEvicted = defineCheck({
  id: 'pod-evicted',
  title: 'Pod was evicted by the kubelet (node pressure) and left behind',
  severity: 'low',
  category: 'hygiene',
  description:
    'The kubelet evicts pods when its node runs short of memory, disk or PIDs; the pod object stays in phase ' +
    'Failed with reason Evicted until someone deletes it (the pod garbage collector only removes terminated pods ' +
    'past --terminated-pod-gc-threshold, 12,500 by default). Its controller has already replaced it, so this is ' +
    'clutter, but many evictions from one node say that node is under pressure.',
  remediation:
    'Read the eviction message (which resource ran out) and fix the cause: memory requests below real use, logs ' +
    'or emptyDir filling the disk. Then delete the evicted pods: kubectl delete pod --field-selector ' +
    'status.phase=Failed -n <namespace>.',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-garbage-collection',
  ],
  appliesTo: ['Pod'],
  *check(pod, { index }) {
    const status = podStatus(pod.object);
    if (status.phase !== 'Failed' || status.reason !== 'Evicted') return;
    const node = (pod.object.spec as { nodeName?: unknown } | undefined)?.nodeName;
    const workload = workloadOf(index, pod);
    const resource =
      /low on resource: (\S+?)[.,:]/i.exec(status.message ?? '')?.[1] ??
      /resource (\S+)/i.exec(status.message ?? '')?.[1];
    yield {
      path: ['status', 'reason'],
      message: `pod was evicted${typeof node === 'string' ? ` from node "${node}"` : ''}${status.message ? `: ${status.message.slice(0, 200)}` : ''}`,
      cause: {
        key: `evicted/${typeof node === 'string' ? node : '?'}/${resource ?? ''}`,
        summary: `pods were evicted${typeof node === 'string' ? ` from node ${node}` : ''}${resource ? ` (node low on ${resource})` : ''}`,
        workload,
        nextSteps: [
          ...(typeof node === 'string' ? [`kubectl describe node ${node}`] : []),
          kubectl(pod.ref.namespace, 'delete pod --field-selector status.phase=Failed'),
        ],
      },
    };
  },
});
