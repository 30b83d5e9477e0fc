// https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/#exceed-a-container-s-memory-limit
import { defineCheck } from '../../core/check.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { containerSpec, containerStatuses, isTerminating } from '../../k8s/pod-status.ts';

/** An OOM kill older than this, on a container that has run fine since, is history. */
const RECENT_MS = 60 * 60_000;

export const podOomKilled = defineCheck({
  id: 'pod-oom-killed',
  title: 'Container was killed for exceeding its memory (OOMKilled)',
  severity: 'high',
  category: 'efficiency',
  description:
    'The kernel killed the container because it used more memory than its limit (or the node ran out). Job pods ' +
    'fail outright; long-running containers restart and lose in-flight work. Crash loops caused by OOM are ' +
    'reported by pod-crash-looping; this covers the rest.',
  remediation:
    'Raise the memory limit to the observed peak plus headroom (see kubectl top pod / your metrics), or reduce the ' +
    "app's memory use (heap settings such as -Xmx or GOMEMLIMIT below the limit).",
  docs: ['https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/'],
  appliesTo: ['Pod'],
  peers: { k8sgpt: ['Pod'] },
  *check(pod, { index, settings }) {
    if (isTerminating(pod.object)) return;
    for (const at of containerStatuses(pod.object)) {
      const { status } = at;
      if (status.state?.waiting?.reason === 'CrashLoopBackOff') continue;
      const current = status.state?.terminated;
      const last = status.lastState?.terminated;
      const oom = current?.reason === 'OOMKilled' ? current : last?.reason === 'OOMKilled' ? last : undefined;
      if (!oom) continue;
      if (oom === last && status.state?.running) {
        const finished = Date.parse(last.finishedAt ?? '');
        if (!Number.isNaN(finished) && settings.now.getTime() - finished > RECENT_MS) continue;
      }
      const limit = (containerSpec(pod.object, at)?.resources as { limits?: { memory?: string } } | undefined)
        ?.limits?.memory;
      const workload = workloadOf(index, pod);
      yield {
        path: ['status', at.kind === 'containers' ? 'containerStatuses' : 'initContainerStatuses', at.index],
        message: `container "${status.name}" was OOMKilled (exit code ${oom.exitCode ?? 137})${limit ? ` with a ${limit} memory limit` : ' without a memory limit'}`,
        evidence: [
          `terminated OOMKilled${oom.finishedAt ? ` at ${oom.finishedAt}` : ''}`,
          `memory limit: ${limit ?? 'none'}`,
        ],
        cause: {
          key: `oom/${workload}/${status.name}`,
          summary: `${workload}: container "${status.name}" runs out of memory${limit ? ` (limit ${limit})` : ''}`,
          workload,
          pods: 1,
          nextSteps: [
            kubectl(pod.ref.namespace, `describe pod ${pod.ref.name}`),
            kubectl(pod.ref.namespace, `top pod ${pod.ref.name} --containers`),
          ],
        },
      };
    }
  },
});
