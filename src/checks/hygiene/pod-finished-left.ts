// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-garbage-collection
import { defineCheck } from '../../core/check.ts';
import { controllerRef } from '../../k8s/owners.ts';
import { podStatus } from '../../k8s/pod-status.ts';
import { excluded, HYGIENE_DEFAULTS, type HygieneParams } from './shared.ts';

export const podFinishedLeft = defineCheck<HygieneParams>({
  id: 'pod-finished-left',
  title: 'Evicted, Failed or Succeeded pod left behind',
  severity: 'low',
  category: 'hygiene',
  description:
    'A pod in phase Failed (evicted pods included) or Succeeded keeps its object, and its IP is free but its entry clutters every listing, until someone deletes it: the pod garbage collector only removes terminated pods above --terminated-pod-gc-threshold (12500 by default). Pods of a Job are not judged (they go with their Job, see job-finished-left).',
  remediation:
    'Delete them (`kubectl delete pod --field-selector=status.phase==Failed -n <ns>` after review, or through a reviewed plan); find out why pods were evicted (node pressure).',
  docs: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-garbage-collection'],
  appliesTo: ['Pod'],
  params: HYGIENE_DEFAULTS,
  peers: { kor: ['pod'], popeye: ['POP-206'] },
  *check(pod, { index, params }) {
    if (index.partial || excluded(pod.ref, params)) return;
    const status = podStatus(pod.object);
    if (status.phase !== 'Failed' && status.phase !== 'Succeeded') return;
    const owner = controllerRef(pod);
    if (owner?.kind === 'Job') return;
    const reason = typeof status.reason === 'string' && status.reason ? ` (${status.reason})` : '';
    yield {
      path: ['status', 'phase'],
      message: `Pod "${pod.ref.name}" is ${status.phase}${reason} and still present${owner ? ` (owner ${owner.kind} "${owner.name}")` : ''}`,
    };
  },
});
