// https://www.robustperception.io/what-range-should-i-use-with-rate/ ; pint promql/range_query, promql/rate
import { formatDuration, parseDuration } from '../../alerting/duration.ts';
import { rangeUses, tokenize } from '../../alerting/promql.ts';
import { ruleName, rulesOf } from '../../alerting/rules.ts';
import { defineCheck } from '../../core/check.ts';

/** Functions that need several samples inside their range to say anything. */
const RATE_LIKE = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear']);

export const ruleRateRangeTooShort = defineCheck({
  id: 'rule-rate-range-too-short',
  title: 'rate() range shorter than four scrape intervals',
  severity: 'medium',
  category: 'alerting',
  description:
    'rate(), increase() and their kin need at least two samples inside the range, and a missed or late scrape ' +
    'removes one. With a range under four scrape intervals the result has gaps, so an alert that depends on it ' +
    'flaps or never fires, and a recording rule is full of holes.',
  remediation:
    'Use a range of at least four times the scrape interval of the series (with the default 1m scrape: [4m] or ' +
    'more; [5m] is common). Tell the check your scrape interval with `--scrape-interval` or the ' +
    '`scrapeInterval` parameter.',
  docs: ['https://prometheus.io/docs/prometheus/latest/querying/functions/#rate'],
  appliesTo: ['PrometheusRule'],
  params: { scrapeInterval: '1m', factor: 4 },
  *check({ object }, { params }) {
    const scrape = parseDuration(params.scrapeInterval) ?? 60;
    const minimum = scrape * params.factor;
    for (const at of rulesOf(object)) {
      if (at.expr === undefined) continue;
      const tokens = tokenize(at.expr);
      if (!tokens) continue;
      for (const use of rangeUses(tokens)) {
        if (use.subquery || !use.fn || !RATE_LIKE.has(use.fn) || use.seconds >= minimum) continue;
        yield {
          message: `${ruleName(at)}: ${use.fn}(…${use.text}) covers less than ${params.factor} scrape intervals of ${formatDuration(scrape)} (at least ${formatDuration(minimum)})`,
          path: [...at.path, 'expr'],
        };
      }
    }
  },
});
