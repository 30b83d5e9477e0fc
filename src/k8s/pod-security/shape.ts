// Shape-tolerant readers for pod specs of unknown quality. A field of the wrong type is treated as absent,
// the way a typed decoder that rejected it would leave nothing to evaluate.

export type Rec = Readonly<Record<string, unknown>>;

/** The value as a mapping, or undefined for null, scalars and arrays. */
export function rec(value: unknown): Rec | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Rec) : undefined;
}

/** The value as a list, or an empty list for anything else. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `"a", "b"` as the pod-security-admission library quotes lists. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Sorted unique values (Go's sets.String.List()). */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
