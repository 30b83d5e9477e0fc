import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { alertRunbookMissing } from './alert-runbook-missing.ts';

testCheck(alertRunbookMissing, {
  valid: [
    {
      name: 'runbook_url',
      yaml: prometheusRule(
        '- alert: Down\n  expr: up == 0\n  annotations:\n    runbook_url: https://runbooks/down',
      ),
    },
    { name: 'recording rule', yaml: prometheusRule('- record: a:b\n  expr: up') },
    {
      name: 'own annotation name',
      yaml: prometheusRule('- alert: Down\n  expr: up == 0\n  annotations:\n    playbook: https://x'),
      params: { annotation: 'playbook' },
    },
  ],
  invalid: [
    {
      name: 'summary but no runbook',
      yaml: prometheusRule('- alert: Down\n  expr: up == 0\n  annotations:\n    summary: down'),
      findings: [{ message: 'alert "Down" in group "g" has no "runbook_url" annotation', line: 12 }],
    },
  ],
});
