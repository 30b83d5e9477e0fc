// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts
// https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/
import { defineCheck } from '../../core/check.ts';
import { kubectl, kubectlName, warningEvidence, workloadOf } from '../../diagnose/pod-context.ts';
import { containerSpec, containerStatuses, isTerminating } from '../../k8s/pod-status.ts';

export const podCrashLooping = defineCheck({
  id: 'pod-crash-looping',
  title: 'Container keeps crashing (CrashLoopBackOff)',
  severity: 'high',
  category: 'reliability',
  description:
    'The container starts and exits again and again; the kubelet waits longer between restarts each time ' +
    '(up to five minutes). The last termination reason and exit code say why: OOMKilled means the memory limit ' +
    'was hit, exit code 1 or 2 an application error (read its logs), 126/127 a bad command, 137 a SIGKILL ' +
    '(OOM or failed liveness probe), 139 a segfault, 143 a SIGTERM it did not handle.',
  remediation:
    'Read the previous container logs (kubectl logs --previous). For OOMKilled raise the memory limit or fix the ' +
    'leak; for application errors fix the config or code the logs point at; for a failing liveness probe fix the ' +
    'probe or give the app time to start (startupProbe).',
  docs: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/'],
  appliesTo: ['Pod'],
  peers: { k8sgpt: ['Pod'], popeye: ['POP-203'] },
  *check(pod, { index, settings }) {
    if (isTerminating(pod.object)) return;
    for (const at of containerStatuses(pod.object)) {
      const { status } = at;
      if (status.state?.waiting?.reason !== 'CrashLoopBackOff') continue;
      const last = status.lastState?.terminated;
      const reason = last?.reason ?? 'unknown';
      const exitCode = last?.exitCode;
      const container = containerSpec(pod.object, at);
      const limit = (container?.resources as { limits?: { memory?: string } } | undefined)?.limits?.memory;
      const evidence = [
        `container "${status.name}": waiting CrashLoopBackOff, ${status.restartCount ?? 0} restarts`,
        ...(last
          ? [
              `last terminated: ${reason}${exitCode !== undefined ? `, exit code ${exitCode}` : ''}${last.finishedAt ? ` at ${last.finishedAt}` : ''}`,
            ]
          : []),
        ...(last?.message ? [`termination message: ${last.message.trim().slice(0, 300)}`] : []),
        ...(reason === 'OOMKilled'
          ? [`memory limit: ${limit ?? 'none set (node memory pressure or namespace LimitRange)'}`]
          : []),
        ...warningEvidence(index, pod, settings.now, ['BackOff', 'Unhealthy', 'Killing']),
      ];
      const workload = workloadOf(index, pod);
      const why =
        reason === 'OOMKilled'
          ? `runs out of memory${limit ? ` (limit ${limit})` : ''}`
          : `exits with ${exitCode !== undefined ? `code ${exitCode}` : 'an error'}${reason !== 'unknown' && reason !== 'Error' ? ` (${reason})` : ''}`;
      const ns = pod.ref.namespace;
      yield {
        path: ['status', at.kind === 'containers' ? 'containerStatuses' : 'initContainerStatuses', at.index],
        message: `container "${status.name}" is crash-looping: last exit ${reason}${exitCode !== undefined ? ` (exit code ${exitCode})` : ''}, ${status.restartCount ?? 0} restarts`,
        evidence,
        cause: {
          key: `crash-looping/${workload}/${status.name}/${reason}`,
          summary: `${workload}: container "${status.name}" ${why} and is restarted in a loop`,
          workload,
          pods: 1,
          nextSteps: [
            kubectl(ns, `logs ${pod.ref.name} -c ${status.name} --previous --tail=50`),
            kubectl(ns, `describe pod ${pod.ref.name}`),
            ...(workload.startsWith('Pod ') ? [] : [kubectl(ns, `rollout history ${kubectlName(workload)}`)]),
          ],
        },
      };
    }
  },
});
