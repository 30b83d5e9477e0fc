import { type LinearRegExp, linearRegExp } from '../../core/linear-regexp.ts';

// Shared parsing for labels-required-missing and annotations-required-missing (not a check itself).

export interface KeyRule {
  /** As written in the parameter: "key" or "key=<regex>". */
  text: string;
  key: string;
  value?: LinearRegExp;
  /** The regex as written. */
  pattern?: string;
}

const parsed = new WeakMap<readonly unknown[], KeyRule[]>();

/**
 * "key" requires the key; "key=<regex>" also requires the whole value to match the regex (RE2 syntax, linear time:
 * the values come from manifests). Bad regexes are skipped. Parsed once per parameter list, not once per object.
 */
export function parseKeyRules(rules: unknown): KeyRule[] {
  if (!Array.isArray(rules)) return [];
  const known = parsed.get(rules);
  if (known) return known;
  const out: KeyRule[] = [];
  parsed.set(rules, out);
  for (const text of rules) {
    if (typeof text !== 'string' || text === '') continue;
    const eq = text.indexOf('=');
    if (eq === -1) {
      out.push({ text, key: text });
      continue;
    }
    try {
      const pattern = text.slice(eq + 1);
      out.push({ text, key: text.slice(0, eq), value: linearRegExp(`^(?:${pattern})$`), pattern });
    } catch {
      // An invalid pattern in the configuration is reported by config validation, not per object.
    }
  }
  return out;
}

/** The rules a metadata map does not satisfy. */
export function unmet(rules: readonly KeyRule[], map: unknown): KeyRule[] {
  const values =
    map && typeof map === 'object' && !Array.isArray(map) ? (map as Record<string, unknown>) : {};
  return rules.filter((rule) => {
    if (!Object.hasOwn(values, rule.key)) return true;
    return rule.value !== undefined && !rule.value.test(String(values[rule.key]));
  });
}

/** Kinds whose metadata the label/annotation policies look at. */
export const APP_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
  'DeploymentConfig',
  'Service',
  'Ingress',
];
