import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { alertAbsentLabelLost } from './alert-absent-label-lost.ts';

const rule = (expr: string, summary: string, labels = '') =>
  prometheusRule(
    `- alert: Gone\n  expr: '${expr}'\n  for: 5m${labels}\n  annotations:\n    summary: '${summary}'`,
  );

testCheck(alertAbsentLabelLost, {
  valid: [
    {
      name: 'reads an equality-matched label',
      yaml: rule('absent(up{job="api"})', '{{ $labels.job }} has no targets'),
    },
    { name: 'reads no labels', yaml: rule('absent(sum(up))', 'no targets at all') },
    { name: 'not absent()', yaml: rule('up == 0', '{{ $labels.instance }} down') },
    {
      name: 'absent() is one branch of or',
      yaml: rule('up == 0 or absent(up{job="x"})', '{{ $labels.instance }}'),
    },
    { name: 'labels come from the left of and', yaml: rule('x > 0 and absent(y)', '{{ $labels.instance }}') },
    {
      name: 'the label is a static rule label',
      yaml: rule('absent(up{job="api"})', '{{ $labels.team }}', '\n  labels:\n    team: core'),
    },
  ],
  invalid: [
    {
      name: 'instance is not in the selector',
      yaml: rule('absent(up{job="api"})', '{{ $labels.instance }} gone'),
      findings: [
        {
          message:
            'alert "Gone" in group "g": annotations.summary reads $labels.instance, but the absent() result has only "job"',
          line: 14,
        },
      ],
    },
    {
      name: 'a regex matcher does not carry its label',
      yaml: rule('absent_over_time(up{job=~"api.*"}[5m])', '{{ $labels.job }}'),
      findings: [{ message: /absent_over_time\(\) result has no labels/ }],
    },
    {
      name: 'absent of an aggregation has no labels',
      yaml: rule('absent(sum by (job) (up))', '{{ $labels.job }}'),
      findings: [{ message: /has no labels/ }],
    },
  ],
});
