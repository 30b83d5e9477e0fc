// https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/#templating
import { ruleName, rulesOf, stringMap } from '../../alerting/rules.ts';
import { defineCheck } from '../../core/check.ts';

export const alertSummaryMissing = defineCheck({
  id: 'alert-summary-missing',
  title: 'Alert without a summary or description annotation',
  severity: 'low',
  category: 'alerting',
  description:
    'The alert name alone does not tell the person paged what is wrong, where, and how bad. Alertmanager ' +
    'receivers (Slack, PagerDuty, e-mail) show the `summary`/`description` annotations; without them the ' +
    'notification is a bare label set.',
  remediation:
    'Add `annotations.summary` (one line, with the affected object: `{{ $labels.namespace }}/{{ $labels.pod }}`) ' +
    'and, where it helps, `annotations.description` with the measured value (`{{ $value | humanize }}`).',
  docs: ['https://prometheus.io/docs/prometheus/latest/configuration/template_examples/'],
  appliesTo: ['PrometheusRule'],
  params: { annotations: ['summary', 'description', 'message'] },
  *check({ object }, { params }) {
    for (const at of rulesOf(object)) {
      if (at.alert === undefined) continue;
      const present = stringMap(at.rule.annotations).filter(([, v]) => v.trim() !== '');
      if (present.some(([k]) => params.annotations.includes(k))) continue;
      yield {
        message: `${ruleName(at)} has no ${params.annotations.map((a) => `"${a}"`).join(' or ')} annotation`,
        path: at.rule.annotations === undefined ? at.path : [...at.path, 'annotations'],
      };
    }
  },
});
