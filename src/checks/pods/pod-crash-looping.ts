// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts
// https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/
import { defineCheck } from '../../core/check.ts';
import { kubectl, kubectlName, warningEvidence, workloadOf } from '../../diagnose/pod-context.ts';
import { eventsFor } from '../../k8s/events.ts';
import { containerSpec, containerStatuses, isTerminating } from '../../k8s/pod-status.ts';

/** The fix for the way the container ended, by its termination reason and exit code. */
function crashRemedy(
  container: string,
  reason: string,
  exitCode: number | undefined,
  limit: string | undefined,
  liveness: boolean,
  logs: string,
): string {
  if (reason === 'OOMKilled')
    return limit
      ? `Container "${container}" needs more memory than its limit of ${limit}: raise resources.limits.memory (and the request with it), or find what makes it grow (a leak, a heap or cache sized above the limit).`
      : `Container "${container}" has no memory limit and was killed when the node ran out of memory: set resources.requests.memory to what it uses, so the scheduler places it where that fits, and a limit above it.`;
  if (liveness)
    return `The kubelet kills container "${container}" because its liveness probe fails: check the probe's path, port and timeouts against the app, and give slow starts a startupProbe instead of a long initialDelaySeconds.`;
  if (exitCode === 126 || exitCode === 127)
    return `Container "${container}" cannot run its command (exit ${exitCode}: ${exitCode === 127 ? 'not found' : 'not executable'}): fix command/args or the image's entrypoint.`;
  if (exitCode === 139)
    return `Container "${container}" crashes with a segmentation fault (exit 139): a bug in the program or a native library mismatch with the image; read its previous logs (${logs}).`;
  return `Container "${container}" exits ${exitCode !== undefined ? `with code ${exitCode}` : 'with an error'}: its previous log says why (${logs}); fix the configuration or code it points at.`;
}

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
      const liveness = eventsFor(index, pod.ref).some(
        (e) => e.reason === 'Unhealthy' && /^Liveness probe failed/.test(e.message),
      );
      yield {
        path: ['status', at.kind === 'containers' ? 'containerStatuses' : 'initContainerStatuses', at.index],
        remedy: crashRemedy(
          status.name ?? '',
          reason,
          exitCode,
          limit,
          liveness,
          kubectl(ns, `logs ${pod.ref.name} -c ${status.name} --previous`),
        ),
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
