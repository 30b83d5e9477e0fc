import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { alertSummaryMissing } from './alert-summary-missing.ts';

testCheck(alertSummaryMissing, {
  valid: [
    {
      name: 'summary',
      yaml: prometheusRule(
        '- alert: Down\n  expr: up == 0\n  annotations:\n    summary: "{{ $labels.job }} down"',
      ),
    },
    {
      name: 'description only',
      yaml: prometheusRule('- alert: Down\n  expr: up == 0\n  annotations:\n    description: down'),
    },
    { name: 'recording rules need none', yaml: prometheusRule('- record: a:b\n  expr: up') },
  ],
  invalid: [
    {
      name: 'no annotations',
      yaml: prometheusRule('- alert: Down\n  expr: up == 0'),
      findings: [
        { message: 'alert "Down" in group "g" has no "summary" or "description" or "message" annotation' },
      ],
    },
    {
      name: 'only a runbook, and an empty summary',
      yaml: prometheusRule(
        '- alert: Down\n  expr: up == 0\n  annotations:\n    summary: ""\n    runbook_url: https://x',
      ),
      findings: [{ path: 'spec.groups[0].rules[0].annotations', line: 12 }],
    },
  ],
});
