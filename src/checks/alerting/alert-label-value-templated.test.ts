import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { alertLabelValueTemplated } from './alert-label-value-templated.ts';

testCheck(alertLabelValueTemplated, {
  valid: [
    {
      name: 'static labels, value in an annotation',
      yaml: prometheusRule(
        '- alert: A\n  expr: x > 1\n  labels:\n    severity: page\n  annotations:\n    description: "{{ $value }}"',
      ),
    },
    {
      name: 'a label from another label',
      yaml: prometheusRule('- alert: A\n  expr: x > 1\n  labels:\n    owner: "{{ $labels.team }}"'),
    },
  ],
  invalid: [
    {
      name: 'label from $value',
      yaml: prometheusRule('- alert: A\n  expr: x > 1\n  labels:\n    current: "{{ $value | humanize }}"'),
      findings: [
        {
          message:
            'alert "A" in group "g": label "current" is templated from $value, so every new value is a new alert',
          line: 13,
        },
      ],
    },
    {
      name: '.Value',
      yaml: prometheusRule('- alert: A\n  expr: x > 1\n  labels:\n    v: "{{ .Value }}"'),
      findings: [{ path: 'spec.groups[0].rules[0].labels.v' }],
    },
  ],
});
