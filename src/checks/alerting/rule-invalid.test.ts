import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { ruleInvalid } from './rule-invalid.ts';

testCheck(ruleInvalid, {
  valid: [
    {
      name: 'alert and recording rule',
      yaml: prometheusRule(
        '- alert: Down\n  expr: up == 0\n  for: 5m\n  keep_firing_for: 1m\n  labels:\n    severity: page\n  annotations:\n    summary: x\n- record: job:up:sum\n  expr: sum by (job) (up)\n  labels:\n    team: a',
      ),
    },
    { name: 'a numeric expr', yaml: prometheusRule('- alert: Always\n  expr: 1') },
  ],
  invalid: [
    {
      name: 'both alert and record',
      yaml: prometheusRule('- alert: A\n  record: b\n  expr: up'),
      findings: [{ message: 'alert "A": has both "alert" and "record"', line: 10 }],
    },
    {
      name: 'no expr',
      yaml: prometheusRule('- alert: A\n  for: 5m'),
      findings: [{ message: 'alert "A": no "expr"' }],
    },
    {
      name: 'bad duration and for on a recording rule',
      yaml: prometheusRule('- alert: A\n  expr: up\n  for: 5 minutes\n- record: r:x\n  expr: up\n  for: 5m'),
      findings: [
        { message: 'alert "A": for "5 minutes" is not a duration', line: 12 },
        { message: 'recording rule "r:x": "for" is only allowed on alerting rules', line: 15 },
      ],
    },
    {
      name: 'unknown field (a typo of annotations)',
      yaml: prometheusRule('- alert: A\n  expr: up\n  anotations:\n    summary: x'),
      findings: [{ message: 'alert "A": unknown field "anotations"', line: 12 }],
    },
    {
      name: 'unbalanced expression',
      yaml: prometheusRule("- record: r:x\n  expr: 'sum(rate(x[5m])'"),
      findings: [{ message: /unclosed string, bracket, brace or parenthesis/ }],
    },
    {
      name: 'invalid record name and label name',
      yaml: prometheusRule('- record: r-x\n  expr: up\n  labels:\n    team-name: a'),
      findings: [
        { message: 'recording rule "r-x": "r-x" is not a valid metric name' },
        { message: 'recording rule "r-x": "team-name" is not a valid label name' },
      ],
    },
    {
      name: 'repeated group name',
      yaml: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: a\n      rules: []\n    - name: a\n      rules: []\n',
      findings: [{ message: 'group name "a" is repeated', line: 9 }],
    },
  ],
});
