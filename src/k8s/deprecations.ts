// Which built-in API versions a Kubernetes minor deprecates or no longer serves: the lifecycle Kubernetes itself
// declares for every group/version/kind (api-lifecycle.ts, generated from k8s.io/api by scripts/build-schemas.ts;
// decision 0054) — the same facts the API server's deprecation warnings and removals come from. Hand-written
// notes only where upstream says nothing, marked as such.
import { API_LIFECYCLE } from './api-lifecycle.ts';

export interface ApiDeprecation {
  /** The old group/version, e.g. "extensions/v1beta1". */
  apiVersion: string;
  kind: string;
  /** Minor version that deprecated it, when known. */
  deprecatedIn?: string;
  /** First minor version that no longer serves it; absent when no removal is planned (v1 Endpoints). */
  removedIn?: string;
  /** The apiVersion to migrate to; absent when there is no replacement API. */
  replacement?: string;
  /** The replacement's kind when it is not the same kind. */
  replacementKind?: string;
  /** Minor version from which the replacement is served. */
  replacementAvailableIn?: string;
  /** Where the facts come from: the Go module whose lifecycle declares them, or "openapi". */
  source: string;
  /** Hand-written, where upstream's data is silent. */
  note?: string;
}

/** Notes where the upstream lifecycle is silent (written by hand, and said to be in the output). */
const HAND_WRITTEN_NOTES: Record<string, string> = {
  'policy/v1beta1:PodSecurityPolicy':
    'Pod Security Admission (namespace labels pod-security.kubernetes.io/*) takes its place',
};

export const API_DEPRECATIONS: readonly ApiDeprecation[] = API_LIFECYCLE.filter(
  (row) => row.deprecated || row.removed,
).map((row) => {
  const d: ApiDeprecation = { apiVersion: row.apiVersion, kind: row.kind, source: row.source };
  if (row.deprecated) d.deprecatedIn = row.deprecated;
  if (row.removed) d.removedIn = row.removed;
  if (row.replacement) d.replacement = row.replacement;
  if (row.replacementKind) d.replacementKind = row.replacementKind;
  if (row.replacementSince) d.replacementAvailableIn = row.replacementSince;
  const note = HAND_WRITTEN_NOTES[`${row.apiVersion}:${row.kind}`];
  if (note) d.note = note;
  return d;
});

const byKey = new Map(API_DEPRECATIONS.map((d) => [`${d.apiVersion}:${d.kind}`, d]));

export function deprecationOf(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return byKey.get(`${apiVersion}:${kind}`);
}

/** "networking.k8s.io/v1", or "discovery.k8s.io/v1 EndpointSlice" when the kind changes too. */
export function replacementOf(deprecation: ApiDeprecation): string | undefined {
  if (!deprecation.replacement) return undefined;
  return deprecation.replacementKind
    ? `${deprecation.replacement} ${deprecation.replacementKind}`
    : deprecation.replacement;
}

/**
 * What to do instead, for a message: "; use networking.k8s.io/v1 (served since 1.19)", or "; it has no replacement
 * API" with the note when there is one. `since` adds when the replacement became available.
 */
export function insteadOf(deprecation: ApiDeprecation, since: 'since' | 'from' | false = 'since'): string {
  const replacement = replacementOf(deprecation);
  if (!replacement) return `; it has no replacement API${deprecation.note ? `: ${deprecation.note}` : ''}`;
  const when =
    since && deprecation.replacementAvailableIn
      ? ` (served ${since} ${deprecation.replacementAvailableIn})`
      : '';
  return `; use ${replacement}${when}`;
}

/** Compares "1.25" style minor versions (a leading "v" and a patch are ignored). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => v.replace(/^v/, '').split('.').map(Number);
  const [aMajor = 0, aMinor = 0] = parse(a);
  const [bMajor = 0, bMinor = 0] = parse(b);
  return aMajor - bMajor || aMinor - bMinor;
}

export type ApiStatus = 'served' | 'deprecated' | 'removed';

/** Whether the apiVersion/kind is served, deprecated or removed in the target minor version. */
export function apiStatus(deprecation: ApiDeprecation, target: string): ApiStatus {
  if (deprecation.removedIn && compareVersions(target, deprecation.removedIn) >= 0) return 'removed';
  if (deprecation.deprecatedIn && compareVersions(target, deprecation.deprecatedIn) >= 0) return 'deprecated';
  return 'served';
}
