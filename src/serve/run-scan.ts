// One scan of one cluster for the history: the same read and checks as `shipshape scan` (diagnose + hygiene +
// certs, + upgrade with a target), plus what the history needs to judge absence: the checks that ran, the kinds
// and namespaces read, and every object present with its generation.

import type { Config } from '../core/config.ts';
import type { LoadedObject } from '../core/object.ts';
import type { Report } from '../core/report.ts';
import { type Coverage, objectKey } from '../store/coverage.ts';
import type { Observation } from '../store/lifecycle.ts';
import type { ClusterTarget } from './config.ts';

export interface ScanOutcome {
  report: Report;
  observation: Observation;
  objects: number;
  problems: string[];
}

/** Optional add-ons (as `shipshape scan` treats them): not having them is not worth a warning. */
const OPTIONAL_KINDS = new Set(['Certificate', 'Schedule', 'Backup']);

export async function scanTarget(target: ClusterTarget, checks: Config, at: Date): Promise<ScanOutcome> {
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
    namespacesForbidden: [],
    checksRan: scanned.ran.sort(),
  };
  return {
    report: scanned.report,
    observation: {
      at: at.getTime(),
      coverage,
      findings: scanned.report.findings,
      objects: versions(scanned.objects),
    },
    objects: scanned.objects.length,
    problems: scanned.report.errors.map((e) => e.message),
  };
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
