import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { ruleRateRangeTooShort } from './rule-rate-range-too-short.ts';

const record = (expr: string) => prometheusRule(`- record: r:x\n  expr: '${expr}'`);

testCheck(ruleRateRangeTooShort, {
  valid: [
    { name: '5m rate', yaml: record('sum(rate(x_total[5m]))') },
    { name: 'exactly 4 intervals', yaml: record('increase(x_total[4m])') },
    { name: 'over_time functions are not rate-like', yaml: record('max_over_time(x[1m])') },
    { name: 'subquery step is not a range', yaml: record('max_over_time(rate(x[5m])[1h:30s])') },
    { name: 'short range with a 15s scrape', yaml: record('rate(x[1m])'), params: { scrapeInterval: '15s' } },
    { name: 'a range inside a string', yaml: record('rate(x{path="[1m]"}[5m])') },
  ],
  invalid: [
    {
      name: '2m rate with a 1m scrape',
      yaml: record('sum by (job) (rate(x_total[2m]))'),
      findings: [
        {
          message:
            'recording rule "r:x" in group "g": rate(…[2m]) covers less than 4 scrape intervals of 1m (at least 4m)',
          path: 'spec.groups[0].rules[0].expr',
          line: 11,
        },
      ],
    },
    {
      name: 'irate inside a subquery, 30s scrape',
      yaml: record('max_over_time(irate(x[1m])[10m:])'),
      params: { scrapeInterval: '30s' },
      findings: [{ message: /irate\(…\[1m\]\) covers less than 4 scrape intervals of 30s \(at least 2m\)/ }],
    },
  ],
});
