import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { alertForMissing } from './alert-for-missing.ts';

testCheck(alertForMissing, {
  valid: [
    { name: 'alert with for', yaml: prometheusRule('- alert: Down\n  expr: up == 0\n  for: 5m') },
    { name: 'recording rule', yaml: prometheusRule('- record: job:up:sum\n  expr: sum by (job) (up)') },
    { name: 'Watchdog heartbeat vector(1)', yaml: prometheusRule('- alert: Watchdog\n  expr: vector(1)') },
  ],
  invalid: [
    {
      name: 'no for',
      yaml: prometheusRule('- alert: Down\n  expr: up == 0'),
      findings: [
        {
          message: 'alert "Down" in group "g" has no "for": it fires on the first evaluation that matches',
          line: 10,
          path: 'spec.groups[0].rules[0]',
        },
      ],
    },
    {
      name: 'for: 0s',
      yaml: prometheusRule('- alert: Down\n  expr: up == 0\n  for: 0s'),
      findings: [{ path: 'spec.groups[0].rules[0].for', line: 12 }],
    },
  ],
});
