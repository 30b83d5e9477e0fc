// https://prometheus.io/docs/prometheus/latest/querying/functions/#absent
import { readTemplate } from '../../alerting/go-template.ts';
import { absentCalls, tokenize } from '../../alerting/promql.ts';
import { ruleName, rulesOf, stringMap } from '../../alerting/rules.ts';
import { defineCheck } from '../../core/check.ts';

export const alertAbsentLabelLost = defineCheck({
  id: 'alert-absent-label-lost',
  title: 'Alert on absent() reads a label the result cannot have',
  severity: 'medium',
  category: 'alerting',
  description:
    'absent() returns one series whose labels are only the equality matchers of a plain selector: ' +
    '`absent(up{job="api"})` has `job`, but not `instance`, and `absent(sum(up))` has no labels at all. An ' +
    'annotation or label reading `$labels.instance` then renders empty, and routing on a missing label sends ' +
    'the page to the wrong receiver (or none).',
  remediation:
    'Read only the labels the absent() result has (the `=` matchers of its selector), or add them as static ' +
    'labels on the rule. To keep a label such as `cluster`, put it as an equality matcher in the selector.',
  docs: ['https://prometheus.io/docs/prometheus/latest/querying/functions/#absent'],
  appliesTo: ['PrometheusRule'],
  *check({ object }) {
    for (const at of rulesOf(object)) {
      if (at.alert === undefined || at.expr === undefined) continue;
      const tokens = tokenize(at.expr);
      if (!tokens) continue;
      const calls = absentCalls(tokens);
      // Only when absent() is the whole story: `up == 0 or absent(up{job="x"})` has other series with labels.
      if (calls.length !== 1 || !absentIsTheExpression(tokens)) continue;
      const { labels, fn } = calls[0]!;
      const staticLabels = new Set(stringMap(at.rule.labels).map(([k]) => k));
      for (const key of ['annotations', 'labels'] as const) {
        for (const [name, text] of stringMap(at.rule[key])) {
          const missing = [...new Set(readTemplate(text).labelRefs)].filter(
            (label) => !labels.has(label) && !staticLabels.has(label),
          );
          for (const label of missing)
            yield {
              message: `${ruleName(at)}: ${key}.${name} reads $labels.${label}, but the ${fn}() result has ${labels.size === 0 ? 'no labels' : `only ${[...labels].map((l) => `"${l}"`).join(', ')}`}`,
              path: [...at.path, key, name],
            };
        }
      }
    }
  },
});

/**
 * The expression is `absent(…)` itself (optionally compared): with `x and absent(y)` the labels come from x, and
 * with `or`/`unless` other series carry their own.
 */
function absentIsTheExpression(tokens: ReturnType<typeof tokenize> & object): boolean {
  const first = tokens[0];
  if (first?.type !== 'ident' || (first.text !== 'absent' && first.text !== 'absent_over_time')) return false;
  return !tokens.some(
    (t) => t.type === 'ident' && (t.text === 'or' || t.text === 'unless' || t.text === 'and'),
  );
}
