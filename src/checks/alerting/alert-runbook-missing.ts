// https://monitoring.mixins.dev/ (runbook_url on every alert of the Kubernetes mixins)
import { ruleName, rulesOf, stringMap } from '../../alerting/rules.ts';
import { defineCheck } from '../../core/check.ts';

export const alertRunbookMissing = defineCheck({
  id: 'alert-runbook-missing',
  title: 'Alert without a runbook link',
  severity: 'low',
  category: 'alerting',
  description:
    'Whoever is paged at night needs to know what to check and what to do. A `runbook_url` annotation links ' +
    'the alert to those steps; the Kubernetes monitoring mixins put one on every alert, and Alertmanager ' +
    'templates and Grafana show it as a link.',
  remediation:
    'Add `annotations.runbook_url` pointing at a page that says what the alert means, how to confirm it and how ' +
    'to fix or escalate it.',
  docs: ['https://monitoring.mixins.dev/'],
  appliesTo: ['PrometheusRule'],
  params: { annotation: 'runbook_url' },
  *check({ object }, { params }) {
    for (const at of rulesOf(object)) {
      if (at.alert === undefined) continue;
      const runbook = stringMap(at.rule.annotations).find(([k]) => k === params.annotation);
      if (runbook && runbook[1].trim() !== '') continue;
      yield {
        message: `${ruleName(at)} has no "${params.annotation}" annotation`,
        path: at.rule.annotations === undefined ? at.path : [...at.path, 'annotations'],
      };
    }
  },
});
