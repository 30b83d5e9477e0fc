// What a scan looked at. A finding may change state only when the scan covered it: its check ran, its object's
// kind was read completely, and its namespace was in scope and readable (decision 0057). A namespace or kind the
// scan could not read keeps every finding in it as it was.
import type { ObjectRef } from '../core/object.ts';

export interface Coverage {
  /** The namespaces the scan was asked to read: 'all', or a list. */
  namespaces: 'all' | string[];
  /** Kinds read completely for that scope. */
  kindsRead: string[];
  /** Kinds not read at all, with the reason (forbidden by RBAC, not served, an error). */
  kindsMissing: { kind: string; reason: string }[];
  /**
   * Namespaces where some kinds could not be read ('*' = every kind), with the reason, and the checks that ran but
   * need one of those kinds to judge anything there (their findings in that namespace are not the scan's to judge).
   */
  namespacesForbidden: { namespace: string; kinds: string[]; reason: string; checks?: string[] }[];
  /** Checks that ran (selected, and every kind they need was read). */
  checksRan: string[];
}

export function emptyCoverage(): Coverage {
  return { namespaces: [], kindsRead: [], kindsMissing: [], namespacesForbidden: [], checksRan: [] };
}

/** The fields of a finding that decide whether a scan covered it. */
export interface CoverageSubject {
  check_id: string;
  kind: string;
  namespace: string;
}

/** Answers "did this scan cover that finding?" many times over one scan, with sets built once. */
export function coverageTest(coverage: Coverage): (subject: CoverageSubject) => boolean {
  const checks = new Set(coverage.checksRan);
  const kinds = new Set(coverage.kindsRead);
  const scope = coverage.namespaces === 'all' ? undefined : new Set(coverage.namespaces);
  const forbidden = new Map<string, Set<string>>();
  const blind = new Map<string, Set<string>>();
  for (const f of coverage.namespacesForbidden) {
    const set = forbidden.get(f.namespace) ?? new Set<string>();
    for (const kind of f.kinds) set.add(kind);
    forbidden.set(f.namespace, set);
    const checksThere = blind.get(f.namespace) ?? new Set<string>();
    for (const check of f.checks ?? []) checksThere.add(check);
    blind.set(f.namespace, checksThere);
  }
  return (subject) => {
    if (!checks.has(subject.check_id) || !kinds.has(subject.kind)) return false;
    if (subject.namespace === '') return true;
    if (scope && !scope.has(subject.namespace)) return false;
    const denied = forbidden.get(subject.namespace);
    if (blind.get(subject.namespace)?.has(subject.check_id)) return false;
    return !denied || !(denied.has('*') || denied.has(subject.kind));
  };
}

/** The identity of an object in a scan (API group, kind, namespace, name), as the fingerprint sees it. */
export function objectKey(
  ref: Pick<ObjectRef, 'apiVersion' | 'kind' | 'name'> & { namespace?: string },
): string {
  return `${ref.apiVersion.split('/')[0]}\u0000${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`;
}
