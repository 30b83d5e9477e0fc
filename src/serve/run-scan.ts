// One scan of one cluster for the history: the same read and checks as `shipshape scan` (diagnose + hygiene +
// certs, + upgrade with a target), plus what the history needs to judge absence: the checks that ran, the kinds
// and namespaces read, and every object present with its generation.

import { allChecks } from '../cli/all-checks.ts';
import type { Config } from '../core/config.ts';
import type { LoadedObject } from '../core/object.ts';
import type { Report } from '../core/report.ts';
import type { NamespaceForbidden } from '../sources/cluster/load-cluster.ts';
import { type Coverage, objectKey } from '../store/coverage.ts';
import type { NamespaceFact, Observation, ScanFacts } from '../store/lifecycle.ts';
import type { ClusterTarget } from './config.ts';
import { certificateExpiries } from './metrics/from-report.ts';
import { rolloutFacts } from './rollouts.ts';

export interface ScanOutcome {
  report: Report;
  observation: Observation;
  objects: number;
  problems: string[];
}

/** Optional add-ons (as `shipshape scan` treats them): not having them is not worth a warning. */
const OPTIONAL_KINDS = new Set(['Certificate', 'Schedule', 'Backup']);

export async function scanTarget(
  target: ClusterTarget,
  checks: Config,
  at: Date,
  options: { teamLabel?: string } = {},
): Promise<ScanOutcome> {
  const [{ loadClusterState }, { scanCluster, SCAN_RESOURCES }] = await Promise.all([
    import('../cli/cluster-options.ts'),
    import('../cli/commands/scan.ts'),
  ]);
  const flags = {
    ...(target.kubeconfig ? { kubeconfig: target.kubeconfig } : {}),
    ...(target.context ? { context: target.context } : {}),
    ...(target.namespaces ? { namespaces: target.namespaces } : {}),
    ...(target.inCluster ? { inCluster: true } : {}),
    progress: false,
    partialByNamespace: true,
  };
  const state = await loadClusterState(flags, SCAN_RESOURCES);
  state.problems = state.problems.filter((p) => !(p.object && OPTIONAL_KINDS.has(p.object)));
  const scanned = await scanCluster(
    state,
    checks,
    {
      ...flags,
      include: target.include,
      exclude: target.exclude,
      ...(target.profile ? { profile: target.profile } : {}),
    },
    target.upgradeTarget,
    at,
  );
  const coverage: Coverage = {
    namespaces: target.namespaces ?? 'all',
    kindsRead: scanned.kindsRead,
    kindsMissing: state.kindsMissing,
    namespacesForbidden: blindChecks(state.namespacesForbidden ?? [], scanned.ran),
    checksRan: scanned.ran.sort(),
  };
  return {
    report: scanned.report,
    observation: {
      at: at.getTime(),
      coverage,
      findings: judged(scanned.report.findings, coverage),
      objects: versions(scanned.objects),
      facts: scanFacts(scanned.objects, target.namespaces, options.teamLabel),
    },
    objects: scanned.objects.length,
    problems: scanned.report.errors.map((e) => e.message),
  };
}

/**
 * For each namespace that refused some kinds: the checks that ran but need one of them (a check's `requires`).
 * Read elsewhere, the kind counts as read, so such a check ran; in that namespace its answer would be a guess
 * (every ConfigMap "unused" where Pods could not be read).
 */
export function blindChecks(
  forbidden: readonly NamespaceForbidden[],
  ran: readonly string[],
): Coverage['namespacesForbidden'] {
  const needs = new Map(allChecks().map((c) => [c.id, c.requires ?? []]));
  return forbidden.map((f) => {
    if (f.kinds.includes('*')) return { ...f };
    const checks = ran.filter((id) => (needs.get(id) ?? []).some((kind) => f.kinds.includes(kind)));
    return checks.length > 0 ? { ...f, checks: checks.sort() } : { ...f };
  });
}

/** The findings the scan could judge: none of a check in a namespace where it could only guess. */
export function judged<F extends { check: string; object: { namespace?: string } }>(
  findings: readonly F[],
  coverage: Coverage,
): F[] {
  const blind = new Map(coverage.namespacesForbidden.map((f) => [f.namespace, new Set(f.checks ?? [])]));
  if (blind.size === 0) return [...findings];
  return findings.filter((f) => !blind.get(f.object.namespace ?? '')?.has(f.check));
}

/** Object key → generation (spec changes), or resourceVersion for kinds without one (any change). */
export function versions(objects: readonly LoadedObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { object, ref } of objects) {
    const m = object.metadata as { generation?: unknown; resourceVersion?: unknown } | undefined;
    const version = m?.generation ?? m?.resourceVersion;
    out.set(objectKey(ref), version === undefined ? '' : String(version));
  }
  return out;
}

/**
 * The namespaces in scope with their labels and team, every certificate field's expiry (never its value), and
 * the revisions of workloads and Helm releases.
 */
export function scanFacts(
  objects: readonly LoadedObject[],
  scope: readonly string[] | undefined,
  teamLabel: string | undefined,
): ScanFacts {
  const namespaces: NamespaceFact[] = [];
  for (const { object, ref } of objects) {
    if (ref.kind !== 'Namespace' || (scope && !scope.includes(ref.name))) continue;
    const raw = (object.metadata as { labels?: unknown } | undefined)?.labels;
    const labels: Record<string, string> = {};
    if (raw && typeof raw === 'object')
      for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') labels[key] = value;
    namespaces.push({ namespace: ref.name, labels, team: (teamLabel && labels[teamLabel]) || null });
  }
  const certificates = certificateExpiries(objects).map((c) => ({ ...c, notAfter: c.notAfter * 1000 }));
  return { namespaces, certificates, rollouts: rolloutFacts(objects) };
}
