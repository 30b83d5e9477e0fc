// https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/#defining-alerting-rules
import { parseDuration } from '../../alerting/duration.ts';
import { tokenize } from '../../alerting/promql.ts';
import { ruleName, rulesOf } from '../../alerting/rules.ts';
import { defineCheck } from '../../core/check.ts';

export const alertForMissing = defineCheck({
  id: 'alert-for-missing',
  title: 'Alert fires on a single evaluation (no "for")',
  severity: 'medium',
  category: 'alerting',
  description:
    'Without `for`, an alert fires the first time its expression returns a result: one slow scrape, a restart ' +
    'or a counter reset pages someone, and the alert resolves a minute later. Such flapping alerts teach people ' +
    'to ignore pages. Constant expressions (a Watchdog `vector(1)`) are left alone.',
  remediation:
    'Add `for:` with how long the condition must hold before it is worth attention, usually a few evaluation ' +
    'intervals (e.g. `for: 5m`; 15m for slow-burn capacity alerts). Use `keep_firing_for` to stop flapping on ' +
    'recovery.',
  docs: ['https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/'],
  appliesTo: ['PrometheusRule'],
  example: {
    bad: 'alert: HighErrorRate\nexpr: job:errors:ratio5m > 0.05\n',
    good: 'alert: HighErrorRate\nexpr: job:errors:ratio5m > 0.05\nfor: 10m\n',
  },
  *check({ object }) {
    for (const at of rulesOf(object)) {
      if (at.alert === undefined || at.expr === undefined) continue;
      const forValue = at.rule.for;
      if (
        forValue !== undefined &&
        !(typeof forValue === 'string' && parseDuration(forValue) === 0) &&
        forValue !== 0
      )
        continue;
      if (isConstant(at.expr)) continue;
      yield {
        message: `${ruleName(at)} has no "for": it fires on the first evaluation that matches`,
        path: forValue === undefined ? at.path : [...at.path, 'for'],
      };
    }
  },
});

/** vector(1), 1, time() > 0: an always-firing heartbeat, where `for` has no meaning. */
function isConstant(expr: string): boolean {
  const tokens = tokenize(expr);
  if (!tokens) return false;
  return tokens.every(
    (t) =>
      t.type === 'number' ||
      t.type === 'punct' ||
      t.type === 'op' ||
      (t.type === 'ident' && t.text === 'vector'),
  );
}
