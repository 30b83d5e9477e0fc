// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts
import { defineCheck } from '../../core/check.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { containerStatuses, isFinished, isTerminating } from '../../k8s/pod-status.ts';

export const podRestarting = defineCheck<{ threshold: number }>({
  id: 'pod-restarting',
  title: 'Container restarts often',
  severity: 'medium',
  category: 'reliability',
  description:
    'A container that restarted many times is unstable even if it is up right now: each restart drops in-flight ' +
    'requests and can hide a leak, a failing liveness probe or a dependency that times out.',
  remediation:
    'Read the previous logs and last termination reason (kubectl logs --previous, kubectl describe pod); fix the cause rather than the symptom.',
  docs: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/'],
  appliesTo: ['Pod'],
  params: { threshold: 10 },
  peers: { popeye: ['POP-205'] },
  *check(pod, { index, params }) {
    if (isTerminating(pod.object) || isFinished(pod.object)) return;
    for (const at of containerStatuses(pod.object)) {
      const { status } = at;
      // Crash loops and OOM kills have their own analyzers.
      if (
        status.state?.waiting?.reason === 'CrashLoopBackOff' ||
        status.lastState?.terminated?.reason === 'OOMKilled'
      )
        continue;
      const restarts = status.restartCount ?? 0;
      if (restarts < params.threshold) continue;
      const last = status.lastState?.terminated;
      const workload = workloadOf(index, pod);
      yield {
        path: ['status', at.kind === 'containers' ? 'containerStatuses' : 'initContainerStatuses', at.index],
        message: `container "${status.name}" restarted ${restarts} times${status.ready === false ? ' and is not ready' : ''}${last?.reason ? ` (last: ${last.reason}, exit code ${last.exitCode})` : ''}`,
        cause: {
          key: `restarting/${workload}/${status.name}`,
          summary: `${workload}: container "${status.name}" keeps restarting`,
          workload,
          pods: status.ready === false ? 1 : 0,
          nextSteps: [
            kubectl(pod.ref.namespace, `logs ${pod.ref.name} -c ${status.name} --previous --tail=50`),
          ],
        },
      };
    }
  },
});
