// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-phase
import { defineCheck } from '../../core/check.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { podStatus } from '../../k8s/pod-status.ts';

const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

export const podUnhealthyPhase = defineCheck({
  id: 'pod-unhealthy-phase',
  title: 'Pod failed, is Unknown, or reports a phase Kubernetes does not define',
  severity: 'medium',
  category: 'reliability',
  description:
    'Failed means every container terminated and at least one failed, and the pod will not be restarted ' +
    '(restartPolicy Never/OnFailure exhausted, or the node rejected it). Unknown means the node stopped reporting ' +
    'the pod. A phase outside Pending/Running/Succeeded/Failed/Unknown comes from a tool or a hand-edited status ' +
    'and means the data cannot be trusted as healthy. Evicted pods and pods of Jobs are left to their own checks.',
  remediation:
    "Read the pod's status.reason/message and its containers' last termination; delete Failed bare pods once " +
    'understood (controllers replace theirs); for Unknown check the node.',
  docs: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-phase'],
  appliesTo: ['Pod'],
  peers: { popeye: ['POP-207'] },
  *check(pod, { index }) {
    const status = podStatus(pod.object);
    const phase = status.phase;
    if (phase === undefined || phase === 'Pending' || phase === 'Running' || phase === 'Succeeded') return;
    if (
      phase === 'Failed' &&
      (status.reason === 'Evicted' || pod.object.metadata.ownerReferences?.some((o) => o?.kind === 'Job'))
    )
      return;
    const known = PHASES.has(phase);
    const workload = workloadOf(index, pod);
    yield {
      path: ['status', 'phase'],
      message: known
        ? `pod is ${phase}${status.reason ? ` (${status.reason})` : ''}${status.message ? `: ${status.message.slice(0, 200)}` : ''}`
        : `pod reports phase "${phase}", which is not a Kubernetes pod phase`,
      cause: {
        key: `phase/${workload}/${phase}`,
        summary: `${workload}: pods ${known ? `are ${phase}` : `report phase "${phase}"`}`,
        workload,
        pods: 1,
        nextSteps: [kubectl(pod.ref.namespace, `describe pod ${pod.ref.name}`)],
      },
    };
  },
});
