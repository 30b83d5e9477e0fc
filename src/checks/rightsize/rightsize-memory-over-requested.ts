// ADR 0065: memory request = limit = the highest working set seen in any step × 1.15 (and OOM bumps).
import { defineCheck } from '../../core/check.ts';
import { sizedContainers } from '../../rightsize/attach.ts';
import { memoryIssue, RIGHTSIZE_KINDS } from './_sizing.ts';

export const rightsizeMemoryOverRequested = defineCheck({
  id: 'rightsize-memory-over-requested',
  title: 'Container requests more memory than its peak use',
  severity: 'low',
  category: 'efficiency',
  description:
    "The container's highest working set over the history window (every sample, not a percentile: memory " +
    'cannot be reclaimed, so the peak is what it needs) plus a 15% margin is clearly below its request. The ' +
    'difference is reserved on the node and never used. No cut is made with less than a day of data, and at ' +
    'most 30% with less than 7 days.',
  remediation:
    'Set resources.requests.memory and resources.limits.memory to the recommended value (`shipshape rightsize ' +
    '--fix`). The limit equals the request so the scheduler reserves what the container may use.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
  ],
  appliesTo: RIGHTSIZE_KINDS,
  fixes: { safe: 'sets resources.requests.memory and resources.limits.memory to the recommendation' },
  *check(loaded, ctx) {
    for (const sized of sizedContainers(ctx.index, loaded)) {
      const issue = memoryIssue(sized, 'over');
      if (issue) yield issue;
    }
  },
});
