// ADR 0065: under 3 hours or 30 samples of history, no recommendation is made.
import { defineCheck } from '../../core/check.ts';
import { sizedContainers } from '../../rightsize/attach.ts';
import { label, RIGHTSIZE_KINDS } from './_sizing.ts';

export const rightsizeInsufficientHistory = defineCheck({
  id: 'rightsize-insufficient-history',
  title: 'Too little usage history to size the container',
  severity: 'info',
  category: 'efficiency',
  description:
    "Prometheus holds less than 3 hours (or fewer than 30 samples) of this container's usage in the window. " +
    'A request sized from that would miss daily and weekly peaks, so no value is recommended.',
  remediation:
    'Run rightsize again once the workload has run for a day or more (7 days for full confidence), or check ' +
    'that Prometheus scrapes cAdvisor metrics for this namespace.',
  docs: ['https://github.com/google/cadvisor/blob/master/docs/storage/prometheus.md'],
  appliesTo: RIGHTSIZE_KINDS,
  *check(loaded, ctx) {
    for (const sized of sizedContainers(ctx.index, loaded)) {
      if (sized.recommendation.confidence !== 'none') continue;
      yield {
        message: `${label(sized)} has ${(sized.recommendation.days * 24).toFixed(1)} hour(s) of usage history: too little to size it`,
        path: sized.at.path,
        evidence: sized.recommendation.cpu.evidence,
      };
    }
  },
});
