// https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/
import { defineCheck } from '../../core/check.ts';
import { kubectl, warningEvidence, workloadOf } from '../../diagnose/pod-context.ts';
import { containerStatuses, isTerminating } from '../../k8s/pod-status.ts';

const WAITING = new Set([
  'RunContainerError',
  'CreateContainerError',
  'StartError',
  'ContainerCannotRun',
  'PreStartHookError',
  'PostStartHookError',
]);

export const podRunError = defineCheck({
  id: 'pod-run-error',
  title: 'Container runtime cannot start the container',
  severity: 'high',
  category: 'reliability',
  description:
    'The image was pulled but the runtime failed to create or start the container: the command or entrypoint does ' +
    'not exist in the image, a volume mount or subPath is invalid, a lifecycle hook failed, or the security ' +
    'context cannot be applied.',
  remediation:
    "Read the runtime's message in the container status: fix the command/args, the mount paths, or the hook; " +
    'check the image actually contains the binary (exec format errors mean a wrong CPU architecture).',
  docs: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/'],
  appliesTo: ['Pod'],
  peers: { k8sgpt: ['Pod'] },
  *check(pod, { index, settings }) {
    if (isTerminating(pod.object)) return;
    for (const at of containerStatuses(pod.object)) {
      const waiting = at.status.state?.waiting;
      const terminated = at.status.state?.terminated ?? at.status.lastState?.terminated;
      const reason = waiting?.reason && WAITING.has(waiting.reason) ? waiting.reason : undefined;
      const cannotRun = terminated?.reason && WAITING.has(terminated.reason) ? terminated.reason : undefined;
      const found = reason ?? (waiting?.reason === 'CrashLoopBackOff' ? undefined : cannotRun);
      if (!found) continue;
      const message = (reason ? waiting?.message : terminated?.message) ?? '';
      const workload = workloadOf(index, pod);
      const init = at.kind === 'initContainers' ? 'init ' : '';
      yield {
        path: ['status', at.kind === 'containers' ? 'containerStatuses' : 'initContainerStatuses', at.index],
        message: `${init}container "${at.status.name}" cannot start (${found})${message ? `: ${message.slice(0, 200)}` : ''}`,
        evidence: [
          `container "${at.status.name}": ${found}: ${message}`,
          ...warningEvidence(index, pod, settings.now, ['Failed']),
        ],
        cause: {
          key: `run-error/${workload}/${at.status.name}/${found}`,
          summary: `${workload}: ${init}container "${at.status.name}" cannot start (${found})`,
          workload,
          pods: 1,
          nextSteps: [kubectl(pod.ref.namespace, `describe pod ${pod.ref.name}`)],
        },
      };
    }
  },
});
