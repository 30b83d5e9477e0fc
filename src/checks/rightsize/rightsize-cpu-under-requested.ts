// ADR 0065: CPU request = the p95 of steady usage × 1.1; with an HPA, the request that keeps its target.
import { defineCheck } from '../../core/check.ts';
import { sizedContainers } from '../../rightsize/attach.ts';
import { cpuIssue, RIGHTSIZE_KINDS } from './_sizing.ts';

export const rightsizeCpuUnderRequested = defineCheck({
  id: 'rightsize-cpu-under-requested',
  title: 'Container requests less CPU than it uses',
  severity: 'medium',
  category: 'efficiency',
  description:
    'A container that uses more CPU than it requests relies on idle CPU on its node. When the node gets busy ' +
    'it is held to its request and slows down, and the scheduler keeps placing pods as if the CPU were free. ' +
    'With an HPA on CPU utilization, a request too small makes the HPA sit at maxReplicas with pods above ' +
    'its target.',
  remediation:
    'Raise resources.requests.cpu to the recommended value (`shipshape rightsize --fix`). For HPA-managed ' +
    'workloads the value is the one that lets the HPA hold its target at 99% of the replayed history.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details',
  ],
  appliesTo: RIGHTSIZE_KINDS,
  fixes: { safe: 'sets resources.requests.cpu to the recommendation; a CPU limit below it is removed' },
  *check(loaded, ctx) {
    for (const sized of sizedContainers(ctx.index, loaded)) {
      const issue = cpuIssue(sized, 'under');
      if (issue) yield issue;
    }
  },
});
