// Builds the lifecycle table of every built-in group/version/kind from the API packages of each release (newest
// release wins: it is upstream's latest word) and the kinds each release's OpenAPI lists. Where upstream declares
// nothing, two facts come from the OpenAPI documents and are marked: a removal (the kind stops being listed) and
// a replacement (the same kind in the group's stable version). Disagreements between the two sources are
// returned as warnings for whoever regenerates.
import type { ApiLifecycle } from '../../src/k8s/api-lifecycle-types.ts';
import type { LifecycleEntry } from './lifecycle.ts';

export type LifecycleRow = ApiLifecycle;

/** Payload formats of webhooks and discovery, not resources anyone applies: their lifecycle is not ours to report. */
const NOT_RESOURCES = new Set([
  'admission.k8s.io',
  'apidiscovery.k8s.io',
  'apiextensions.k8s.io:ConversionReview',
]);
/** Shared option and status types every group lists in its OpenAPI. */
const META_KINDS = new Set([
  'DeleteOptions',
  'WatchEvent',
  'Status',
  'APIGroup',
  'APIGroupList',
  'APIResourceList',
  'APIVersions',
]);
/**
 * Bodies of subresources (pods/eviction, …/scale): a group's OpenAPI lists only the version its subresource
 * documents, so their disappearance from it says nothing about what is served.
 */
const SUBRESOURCE_BODIES = new Set([
  'Binding',
  'DeploymentRollback',
  'EphemeralContainers',
  'Eviction',
  'Scale',
  'TokenRequest',
]);

const apiVersionOf = (group: string, version: string) => (group ? `${group}/${version}` : version);
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');
const isStable = (apiVersion: string) => /^v\d+$/.test(apiVersion.split('/').at(-1)!);

function compareMinors(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

function skip(group: string, kind: string): boolean {
  return (
    kind.endsWith('List') ||
    NOT_RESOURCES.has(group) ||
    NOT_RESOURCES.has(`${group}:${kind}`) ||
    META_KINDS.has(kind)
  );
}

export function buildTable(
  lifecycle: readonly { minor: string; source: string; entries: readonly LifecycleEntry[] }[],
  releases: readonly { minor: string; kinds: Readonly<Record<string, string>> }[],
): { rows: LifecycleRow[]; warnings: string[] } {
  const warnings: string[] = [];
  const rows = new Map<string, LifecycleRow>();
  // Oldest release first, so the newest that carries a kind has the last word.
  const ordered = [...lifecycle].sort((a, b) => compareMinors(a.minor, b.minor));
  for (const { source, entries } of ordered) {
    for (const e of entries) {
      if (skip(e.group, e.kind)) continue;
      const apiVersion = apiVersionOf(e.group, e.version);
      const row: LifecycleRow = { apiVersion, kind: e.kind, source };
      if (e.package) row.package = e.package;
      if (e.introduced) row.introduced = e.introduced;
      if (e.deprecated) row.deprecated = e.deprecated;
      if (e.removed) row.removed = e.removed;
      if (e.replacement) {
        row.replacement = apiVersionOf(e.replacement.group, e.replacement.version);
        // (networking.k8s.io/v1beta1 IngressClass names "IngressClassList": the list of the same kind is meant)
        const kind = e.replacement.kind.replace(/List$/, e.kind.endsWith('List') ? 'List' : '');
        if (kind !== e.kind) row.replacementKind = kind;
      }
      rows.set(`${apiVersion}:${e.kind}`, row);
    }
  }

  // What the OpenAPI of consecutive releases shows: kinds that stop being listed.
  const served = (i: number, key: string) => Object.hasOwn(releases[i]!.kinds, key);
  for (let i = 1; i < releases.length; i++) {
    const minor = releases[i]!.minor;
    for (const key of Object.keys(releases[i - 1]!.kinds)) {
      const at = key.lastIndexOf(':');
      const apiVersion = key.slice(0, at);
      const kind = key.slice(at + 1);
      if (served(i, key) || skip(groupOf(apiVersion), kind) || SUBRESOURCE_BODIES.has(kind)) continue;
      const row = rows.get(key);
      if (row?.removed && compareMinors(row.removed, minor) <= 0) continue;
      // Not listed by a release generated with every API enabled: no server of that release serves it, whatever
      // the lifecycle planned (alpha versions are often dropped before their planned removal).
      if (row?.removed)
        warnings.push(
          `${key}: ${row.source} plans its removal in ${row.removed}; the OpenAPI of ${minor} no longer lists it (taken)`,
        );
      rows.set(key, {
        ...(row ?? { apiVersion, kind, source: 'openapi' }),
        removed: minor,
        removedFrom: 'openapi',
      });
    }
  }
  for (const row of rows.values()) {
    if (!row.removed) continue;
    const key = `${row.apiVersion}:${row.kind}`;
    releases.forEach((release, i) => {
      if (compareMinors(release.minor, row.removed!) >= 0 && served(i, key))
        warnings.push(
          `${key}: removed in ${row.removed} (${row.source}) but the OpenAPI of ${release.minor} lists it`,
        );
    });
  }

  // Replacements upstream does not name: the same kind in the group's stable version, newest first.
  const newest = releases.at(-1)!;
  for (const row of rows.values()) {
    if (row.replacement || !(row.deprecated || row.removed) || isStable(row.apiVersion)) continue;
    const stable = Object.keys(newest.kinds)
      .filter((key) => key.endsWith(`:${row.kind}`))
      .map((key) => key.slice(0, key.lastIndexOf(':')))
      .filter((apiVersion) => groupOf(apiVersion) === groupOf(row.apiVersion) && isStable(apiVersion))
      .sort()
      .at(-1);
    if (stable) {
      row.replacement = stable;
      row.replacementFrom = 'inferred';
    }
  }
  for (const row of rows.values()) {
    // A deprecation planned for after the removal that actually happened never took effect.
    if (row.deprecated && row.removed && compareMinors(row.deprecated, row.removed) >= 0)
      delete row.deprecated;
    // Since when the replacement is served: its own lifecycle, else the first release whose OpenAPI lists it.
    if (!row.replacement) continue;
    const key = `${row.replacement}:${row.replacementKind ?? row.kind}`;
    const target = rows.get(key);
    const listed = releases.find((r) => Object.hasOwn(r.kinds, key));
    const since = target?.introduced ?? (listed && listed !== releases[0] ? listed.minor : undefined);
    if (since) row.replacementSince = since;
  }

  const sorted = [...rows.values()].sort((a, b) =>
    a.apiVersion < b.apiVersion ? -1 : a.apiVersion > b.apiVersion ? 1 : a.kind < b.kind ? -1 : 1,
  );
  // Stable key order in the generated file.
  const order: (keyof LifecycleRow)[] = [
    'apiVersion',
    'kind',
    'introduced',
    'deprecated',
    'removed',
    'removedFrom',
    'replacement',
    'replacementKind',
    'replacementFrom',
    'replacementSince',
    'source',
    'package',
  ];
  return {
    rows: sorted.map(
      (row) =>
        Object.fromEntries(
          order.filter((k) => row[k] !== undefined).map((k) => [k, row[k]]),
        ) as unknown as LifecycleRow,
    ),
    warnings,
  };
}
