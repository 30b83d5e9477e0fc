// https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/#templating ; pint alerts/template
import { readTemplate } from '../../alerting/go-template.ts';
import { ruleName, rulesOf, stringMap } from '../../alerting/rules.ts';
import { defineCheck } from '../../core/check.ts';

export const alertLabelValueTemplated = defineCheck({
  id: 'alert-label-value-templated',
  title: 'Alert label built from the alert value',
  severity: 'medium',
  category: 'alerting',
  description:
    "Labels are an alert's identity. A label templated from `$value` changes with every evaluation, so each " +
    'evaluation makes a new alert: `for` starts over and the alert may never fire, the old one resolves, ' +
    'Alertmanager groups and silences stop matching and every change is a new page.',
  remediation:
    'Move the value into an annotation (`description: "{{ $value | humanize }} errors/s"`). Keep labels for ' +
    'what identifies and routes the alert (severity, team), with values that do not change while it fires.',
  docs: ['https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/#templating'],
  appliesTo: ['PrometheusRule'],
  *check({ object }) {
    for (const at of rulesOf(object)) {
      if (at.alert === undefined) continue;
      for (const [name, text] of stringMap(at.rule.labels)) {
        if (!readTemplate(text).usesValue) continue;
        yield {
          message: `${ruleName(at)}: label "${name}" is templated from $value, so every new value is a new alert`,
          path: [...at.path, 'labels', name],
        };
      }
    }
  },
});
