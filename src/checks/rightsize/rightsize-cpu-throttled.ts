// ADR 0065: a throttled step hides demand; with the default no-limit policy the limit goes.
import { defineCheck } from '../../core/check.ts';
import { policyOf, type SizedContainer, sizedContainers } from '../../rightsize/attach.ts';
import { formatCpu, humanCpu } from '../../rightsize/stats.ts';
import { label, RIGHTSIZE_KINDS } from './_sizing.ts';

export const rightsizeCpuThrottled = defineCheck({
  id: 'rightsize-cpu-throttled',
  title: 'Container is throttled by its CPU limit',
  severity: 'medium',
  category: 'efficiency',
  description:
    "In at least 1% of the history's steps more than 5% of the container's CFS periods were throttled: it " +
    'wanted more CPU than its limit allowed, even when the node had idle CPU. Throttling shows as latency ' +
    'while average CPU looks low, and it hides the real demand, so rightsize never cuts the CPU request of a ' +
    'throttled container.',
  remediation:
    'Remove resources.limits.cpu (the default policy: requests protect neighbours, limits only waste idle ' +
    'CPU), or, where your policy requires limits (`--cpu-limit required`), raise it above the burst peak.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
    'https://github.com/kubernetes/kubernetes/issues/67577',
  ],
  appliesTo: RIGHTSIZE_KINDS,
  fixes: { safe: 'removes resources.limits.cpu (policy none) or raises it (policy required)' },
  *check(loaded, ctx) {
    const policy = policyOf(ctx.index);
    for (const sized of sizedContainers(ctx.index, loaded)) {
      const share = sized.recommendation.throttled;
      if (share === undefined || share < 0.01 || sized.current.cpuLimit === undefined) continue;
      if (policy.cpuLimit === 'keep') continue;
      yield {
        message: `${label(sized)} is throttled at its CPU limit of ${humanCpu(sized.current.cpuLimit)} in ${(share * 100).toFixed(1)}% of steps`,
        path: [...sized.at.path, 'resources', 'limits', 'cpu'],
        evidence: sized.recommendation.cpu.evidence,
        fix: limitFix(sized),
      };
    }
  },
});

function limitFix(sized: SizedContainer) {
  const path = [...sized.at.path, 'resources', 'limits', 'cpu'];
  const limit = sized.recommendation.cpu.limit;
  if (typeof limit === 'number')
    return {
      description: `raise the CPU limit of ${label(sized)} to ${formatCpu(limit)}`,
      edits: [{ op: 'set' as const, path, value: formatCpu(limit) }],
      safety: 'safe' as const,
    };
  return {
    description: `remove the CPU limit of ${label(sized)}`,
    edits: [{ op: 'remove' as const, path }],
    safety: 'safe' as const,
  };
}
