// ADR 0065: memory request = limit = peak × 1.15; after an OOM kill at least max(limit × 1.2, limit + 100 MiB).
import { defineCheck } from '../../core/check.ts';
import { sizedContainers } from '../../rightsize/attach.ts';
import { memoryIssue, RIGHTSIZE_KINDS } from './_sizing.ts';

export const rightsizeMemoryUnderRequested = defineCheck({
  id: 'rightsize-memory-under-requested',
  title: 'Container requests less memory than it uses, or was OOM-killed',
  severity: 'medium',
  category: 'reliability',
  description:
    'A container whose working set goes above its memory request is among the first evicted when the node ' +
    'runs short, and one that reaches its memory limit is OOM-killed. The peak working set over the window ' +
    'plus 15% is above the request, or the container was OOM-killed (then the value is at least 20% and ' +
    '100 MiB above the limit it was killed at; high severity).',
  remediation:
    'Raise resources.requests.memory and resources.limits.memory to the recommended value (`shipshape ' +
    'rightsize --fix`). If OOM kills come back after a raise, look for a leak before raising again.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/#exceed-a-containers-memory-limit',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
  ],
  appliesTo: RIGHTSIZE_KINDS,
  fixes: { safe: 'sets resources.requests.memory and resources.limits.memory to the recommendation' },
  *check(loaded, ctx) {
    for (const sized of sizedContainers(ctx.index, loaded)) {
      const issue = memoryIssue(sized, 'under');
      if (issue) yield issue;
    }
  },
});
