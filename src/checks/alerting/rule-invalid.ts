// https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/#rule
// https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/
import { parseDuration } from '../../alerting/duration.ts';
import { tokenize } from '../../alerting/promql.ts';
import { exprText, isMapping } from '../../alerting/rules.ts';
import type { Issue } from '../../core/check.ts';
import { defineCheck } from '../../core/check.ts';
import type { Path } from '../../core/path.ts';

const RULE_KEYS = new Set(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const ruleInvalid = defineCheck({
  id: 'rule-invalid',
  title: 'Prometheus rule file that Prometheus refuses to load',
  severity: 'high',
  category: 'alerting',
  description:
    'Prometheus loads a rule file whole or not at all: one rule with a missing expr, an alert that is also a ' +
    'recording rule, an unknown field, a bad duration or an unbalanced expression makes the reload fail, and ' +
    'every alert in the file keeps its old version or never starts. The failure shows only in the logs and in ' +
    'prometheus_config_last_reload_successful.',
  remediation:
    'Fix the field the finding names: every rule has exactly one of `alert` or `record` and an `expr`; `for` and ' +
    '`annotations` belong to alerting rules only; durations are written like 5m or 1h30m; label names match ' +
    '[a-zA-Z_][a-zA-Z0-9_]*. Check with `promtool check rules FILE` before deploying.',
  docs: [
    'https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/',
    'https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/',
  ],
  appliesTo: ['PrometheusRule'],
  *check({ object }) {
    const spec = object.spec;
    if (!isMapping(spec) || !Array.isArray(spec.groups)) {
      yield { message: 'no "groups" list', path: ['spec'] };
      return;
    }
    const names = new Set<string>();
    for (const [g, group] of spec.groups.entries()) {
      const at: Path = ['spec', 'groups', g];
      if (!isMapping(group)) {
        yield { message: `groups[${g}] is not a mapping`, path: at };
        continue;
      }
      const name = typeof group.name === 'string' ? group.name : '';
      if (name === '') yield { message: `groups[${g}] has no name`, path: at };
      else if (names.has(name)) yield { message: `group name "${name}" is repeated`, path: [...at, 'name'] };
      names.add(name);
      if (group.interval !== undefined && !validDuration(group.interval))
        yield {
          message: `group "${name}": interval "${String(group.interval)}" is not a duration`,
          path: [...at, 'interval'],
        };
      if (!Array.isArray(group.rules)) {
        if (group.rules !== undefined && group.rules !== null)
          yield { message: `group "${name}": "rules" is not a list`, path: [...at, 'rules'] };
        continue;
      }
      for (const [r, rule] of group.rules.entries()) yield* ruleProblems(rule, [...at, 'rules', r], name, r);
    }
  },
});

function* ruleProblems(rule: unknown, at: Path, group: string, index: number): Generator<Issue> {
  const where = `group "${group}" rule ${index + 1}`;
  if (!isMapping(rule)) {
    yield { message: `${where} is not a mapping`, path: at };
    return;
  }
  const isAlert = rule.alert !== undefined;
  const isRecord = rule.record !== undefined;
  const name =
    typeof rule.alert === 'string' ? rule.alert : typeof rule.record === 'string' ? rule.record : '';
  const label = name ? `${isAlert ? 'alert' : 'recording rule'} "${name}"` : where;
  for (const key of Object.keys(rule))
    if (!RULE_KEYS.has(key)) yield { message: `${label}: unknown field "${key}"`, path: [...at, key] };
  if (isAlert && isRecord) yield { message: `${label}: has both "alert" and "record"`, path: at };
  else if (!isAlert && !isRecord) yield { message: `${where}: has neither "alert" nor "record"`, path: at };
  if (isRecord && (typeof rule.record !== 'string' || !METRIC_NAME.test(rule.record)))
    yield {
      message: `${label}: "${String(rule.record)}" is not a valid metric name`,
      path: [...at, 'record'],
    };
  if (isAlert && (typeof rule.alert !== 'string' || rule.alert.trim() === ''))
    yield { message: `${where}: the alert name is empty`, path: [...at, 'alert'] };
  const expr = exprText(rule.expr);
  if (expr === undefined || expr.trim() === '') yield { message: `${label}: no "expr"`, path: at };
  else if (tokenize(expr) === undefined)
    yield {
      message: `${label}: expr has an unclosed string, bracket, brace or parenthesis`,
      path: [...at, 'expr'],
    };
  for (const key of ['for', 'keep_firing_for'] as const) {
    if (rule[key] === undefined) continue;
    if (isRecord && !isAlert)
      yield { message: `${label}: "${key}" is only allowed on alerting rules`, path: [...at, key] };
    else if (!validDuration(rule[key]))
      yield { message: `${label}: ${key} "${String(rule[key])}" is not a duration`, path: [...at, key] };
  }
  if (isRecord && !isAlert && rule.annotations !== undefined)
    yield {
      message: `${label}: "annotations" are only allowed on alerting rules`,
      path: [...at, 'annotations'],
    };
  for (const key of ['labels', 'annotations'] as const) {
    const map = rule[key];
    if (map === undefined || map === null) continue;
    if (!isMapping(map)) {
      yield { message: `${label}: "${key}" is not a mapping`, path: [...at, key] };
      continue;
    }
    for (const [name, value] of Object.entries(map)) {
      if (!LABEL_NAME.test(name))
        yield {
          message: `${label}: "${name}" is not a valid ${key === 'labels' ? 'label' : 'annotation'} name`,
          path: [...at, key, name],
        };
      if (typeof value === 'object' && value !== null)
        yield { message: `${label}: ${key}.${name} is not a string`, path: [...at, key, name] };
    }
  }
}

function validDuration(value: unknown): boolean {
  return typeof value === 'string' ? parseDuration(value) !== undefined : value === 0;
}
