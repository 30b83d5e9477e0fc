import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { ruleLabelHighCardinality } from './rule-label-high-cardinality.ts';

testCheck(ruleLabelHighCardinality, {
  valid: [
    {
      name: 'bounded labels',
      yaml: prometheusRule('- record: job:x:sum\n  expr: sum by (job, namespace) (x)'),
    },
    {
      name: 'without drops it',
      yaml: prometheusRule('- record: job:x:sum\n  expr: sum without (request_id) (x)'),
    },
    {
      name: 'in a matcher, not kept',
      yaml: prometheusRule('- record: job:x:sum\n  expr: sum by (job) (x{user_id!=""})'),
    },
  ],
  invalid: [
    {
      name: 'recording rule by request_id',
      yaml: prometheusRule('- record: job:x:sum\n  expr: sum by (job, request_id) (rate(x[5m]))'),
      findings: [
        {
          message:
            'recording rule "job:x:sum" in group "g" aggregates by "request_id", a label with a value per request or user',
          line: 11,
        },
      ],
    },
    {
      name: 'alert by user_id',
      yaml: prometheusRule('- alert: A\n  expr: sum by (user_id) (x) > 1\n  for: 5m'),
      findings: [{ message: /alert "A" in group "g" aggregates by "user_id"/ }],
    },
  ],
});
