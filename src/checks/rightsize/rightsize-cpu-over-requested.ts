// ADR 0065: CPU request = the p95 of steady usage (start-up and throttled steps left out) × 1.1.
import { defineCheck } from '../../core/check.ts';
import { sizedContainers } from '../../rightsize/attach.ts';
import { cpuIssue, RIGHTSIZE_KINDS } from './_sizing.ts';

export const rightsizeCpuOverRequested = defineCheck({
  id: 'rightsize-cpu-over-requested',
  title: 'Container requests more CPU than its usage history supports',
  severity: 'low',
  category: 'efficiency',
  description:
    'The scheduler reserves a CPU request on a node whether or not the container uses it. Measured over the ' +
    "history window (14 days by default), this container's steady CPU use (the 95th percentile of 5-minute " +
    'averages across all its pods, start-up minutes and throttled steps left out) plus a 10% margin is ' +
    'clearly below its request: the difference is reserved and idle. Cuts are held back on thin data (less ' +
    'than 7 days: at most 30%; less than a day: none) and never made where the container was throttled.',
  remediation:
    'Lower resources.requests.cpu to the recommended value (`shipshape rightsize --fix` writes it into the ' +
    'manifest). CPU is compressible: a container above its request is slowed only when the node is busy, ' +
    'never killed. Removing CPU limits at the same time lets it use idle CPU for bursts.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
  ],
  appliesTo: RIGHTSIZE_KINDS,
  fixes: { safe: 'sets resources.requests.cpu to the recommendation; a CPU limit below it is removed' },
  *check(loaded, ctx) {
    for (const sized of sizedContainers(ctx.index, loaded)) {
      const issue = cpuIssue(sized, 'over');
      if (issue) yield issue;
    }
  },
});
