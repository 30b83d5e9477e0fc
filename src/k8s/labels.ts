// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
export interface LabelSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

type Labels = Readonly<Record<string, string>>;

/** A Service-style selector: a plain map. An empty map selects nothing for Services (callers decide). */
export function matchesMap(selector: Labels, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector)) {
    if (labels[key] !== String(value)) return false;
  }
  return true;
}

/** metav1.LabelSelector semantics: an empty selector matches everything. */
export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  if (
    selector.matchLabels &&
    typeof selector.matchLabels === 'object' &&
    !matchesMap(selector.matchLabels, labels)
  ) {
    return false;
  }
  // Malformed selectors (a map where a list belongs, nulls) select nothing rather than throw.
  const expressions = selector.matchExpressions;
  if (expressions !== undefined && !Array.isArray(expressions)) return false;
  for (const req of expressions ?? []) {
    if (!req || typeof req.key !== 'string' || !req.key) return false;
    const has = Object.hasOwn(labels, req.key);
    const value = labels[req.key];
    const values = (Array.isArray(req.values) ? req.values : []).map(String);
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    !selector ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)
  );
}

/** key=value pairs a selector requires outright; used to look candidates up in a label index. */
export function requiredPairs(selector: LabelSelector): [string, string][] {
  const pairs: [string, string][] = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [
    k,
    String(v),
  ]);
  for (const req of selector.matchExpressions ?? []) {
    if (req.operator === 'In' && req.key && req.values?.length === 1)
      pairs.push([req.key, String(req.values[0])]);
  }
  return pairs;
}

/** A label value as written: strings as they are, anything else (a template left in a manifest) as JSON. */
export function labelValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

export function formatSelector(selector: LabelSelector | Labels): string {
  // Input can have any shape (a string where a map belongs): describe it rather than throw.
  if (selector === null || typeof selector !== 'object') return String(selector);
  const s = selector as LabelSelector;
  if (!('matchLabels' in s) && !('matchExpressions' in s)) {
    return Object.entries(selector as Labels)
      .map(([k, v]) => `${k}=${labelValue(v)}`)
      .join(',');
  }
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${labelValue(v)}`);
  for (const req of s.matchExpressions ?? []) {
    if (req.operator === 'Exists') parts.push(`${req.key}`);
    else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`);
    else
      parts.push(
        `${req.key} ${req.operator?.toLowerCase()} (${(req.values ?? []).map(labelValue).join(',')})`,
      );
  }
  return parts.join(',');
}
