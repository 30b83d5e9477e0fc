// https://pkg.go.dev/text/template, https://prometheus.io/docs/prometheus/latest/configuration/template_reference/
import { readTemplate } from '../../alerting/go-template.ts';
import { ruleName, rulesOf, stringMap } from '../../alerting/rules.ts';
import { defineCheck } from '../../core/check.ts';

export const alertTemplateInvalid = defineCheck({
  id: 'alert-template-invalid',
  title: 'Alert annotation or label template that does not parse',
  severity: 'high',
  category: 'alerting',
  description:
    'Annotations and labels of alerting rules are Go templates, parsed when Prometheus loads the rules. An ' +
    'unclosed `{{`, an `{{ if }}` without `{{ end }}`, a misspelt variable (`$lables`) or an unknown function ' +
    'makes promtool reject the file, and at run time the alert is sent with an error text instead of its ' +
    'summary.',
  remediation:
    'Fix the template: close every action with `}}`, end every if/range/with with `{{ end }}`, use the ' +
    'variables Prometheus defines ($labels, $value, $externalLabels, $externalURL) and its template functions ' +
    "(humanize, humanizeDuration, printf, …). Functions added by your own fork can be listed in the check's " +
    '`extraFunctions` parameter.',
  docs: ['https://prometheus.io/docs/prometheus/latest/configuration/template_reference/'],
  appliesTo: ['PrometheusRule'],
  params: { extraFunctions: [] as string[] },
  *check({ object }, { params }) {
    for (const at of rulesOf(object)) {
      if (at.alert === undefined) continue;
      for (const key of ['annotations', 'labels'] as const) {
        for (const [name, text] of stringMap(at.rule[key])) {
          const { errors } = readTemplate(text, params.extraFunctions);
          for (const error of errors)
            yield { message: `${ruleName(at)}: ${key}.${name}: ${error}`, path: [...at.path, key, name] };
        }
      }
    }
  },
});
