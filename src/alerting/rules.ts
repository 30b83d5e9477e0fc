// Rules of a PrometheusRule object (or a plain rule file wrapped as one, sources/rules): where each rule is, and
// what it is, without trusting the shape. https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/
import type { KubeObject } from '../core/object.ts';
import type { Path } from '../core/path.ts';

export interface RuleAt {
  /** The rule's mapping as written (fields narrowed where they are read). */
  rule: Record<string, unknown>;
  /** Path of the rule inside the object: ['spec', 'groups', g, 'rules', r]. */
  path: Path;
  group: string;
  /** The alert name, or undefined for a recording rule. */
  alert?: string;
  record?: string;
  expr?: string;
}

/** Every rule of every group, in file order. Malformed groups and rules are skipped (rule-invalid reports them). */
export function* rulesOf(object: KubeObject): Generator<RuleAt> {
  const spec = object.spec as { groups?: unknown } | undefined;
  if (!spec || !Array.isArray(spec.groups)) return;
  for (const [g, group] of spec.groups.entries()) {
    if (!isMapping(group) || !Array.isArray(group.rules)) continue;
    const name = typeof group.name === 'string' ? group.name : '';
    for (const [r, rule] of group.rules.entries()) {
      if (!isMapping(rule)) continue;
      const at: RuleAt = { rule, path: ['spec', 'groups', g, 'rules', r], group: name };
      if (typeof rule.alert === 'string') at.alert = rule.alert;
      if (typeof rule.record === 'string') at.record = rule.record;
      const expr = exprText(rule.expr);
      if (expr !== undefined) at.expr = expr;
      yield at;
    }
  }
}

/** An expr may be written as a number (`expr: 1`); Prometheus reads it as text. */
export function exprText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** String values of a labels/annotations mapping, by key. */
export function stringMap(value: unknown): [string, string][] {
  if (!isMapping(value)) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'string' ? [[k, v] as [string, string]] : [],
  );
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** "alert \"X\" (group \"g\")" or "recording rule \"r\"": how messages name a rule. */
export function ruleName(at: RuleAt): string {
  const group = at.group ? ` in group "${at.group}"` : '';
  if (at.alert !== undefined) return `alert "${at.alert}"${group}`;
  if (at.record !== undefined) return `recording rule "${at.record}"${group}`;
  return `rule${group}`;
}
