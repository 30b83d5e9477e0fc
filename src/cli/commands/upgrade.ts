import { webhookBackendUnavailable } from '../../checks/admission/webhook-backend-unavailable.ts';
import { pdbNoDisruptionsAllowed } from '../../checks/autoscaling/pdb-no-disruptions-allowed.ts';
import { apiVersionDeprecated } from '../../checks/schema/api-version-deprecated.ts';
import { apiVersionRemoved } from '../../checks/schema/api-version-removed.ts';
import { upgradeChecks } from '../../checks/upgrade/index.ts';
import type { AnyCheck, RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import type { Finding } from '../../core/finding.ts';
import { ObjectIndex } from '../../core/index.ts';
import { deepFreeze, type LoadedObject, refOf } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { buildReport, exitCodeFor, type Report, type SourceInfo } from '../../core/report.ts';
import { atOrAbove } from '../../core/severity.ts';
import { ClusterClient } from '../../sources/cluster/client.ts';
import { parseDeprecatedApiMetrics } from '../../sources/cluster/deprecated-api-metrics.ts';
import { loadFiles } from '../../sources/files/load-files.ts';
import { VERSION } from '../../version.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { loadClusterState } from '../cluster-options.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { render, useColor } from '../output.ts';
import { parseFailOn, parseKubeVersion } from '../parse-flags.ts';

export interface UpgradeFlags extends ClusterFlags {
  to?: string;
  output: string;
  failOn?: string;
  config?: string;
  color?: boolean;
}

/** What an upgrade needs checked in a cluster, beyond the upgrade folder. */
export const CLUSTER_UPGRADE_CHECKS: readonly AnyCheck[] = [
  ...upgradeChecks,
  pdbNoDisruptionsAllowed,
  webhookBackendUnavailable,
];
/** For manifests: the deprecation checks of review, evaluated at the target version. */
export const FILE_UPGRADE_CHECKS: readonly AnyCheck[] = [apiVersionRemoved, apiVersionDeprecated];

export async function upgrade(paths: string[], flags: UpgradeFlags): Promise<number> {
  const target = parseKubeVersion(flags.to ?? '');
  const config = loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? 'high');
  const settings: RunSettings = { now: new Date(), kubeVersion: target };
  let objects: LoadedObject[];
  let problems: Problem[];
  let source: SourceInfo;
  let checks: readonly AnyCheck[];
  let partial: boolean;
  if (paths.length > 0) {
    if (flags.snapshot) throw new UsageError('give either manifest paths or --snapshot, not both');
    const loaded = loadFiles(paths, { excludePaths: config.excludePaths });
    ({ objects, problems } = loaded);
    source = { kind: 'files', paths };
    checks = FILE_UPGRADE_CHECKS;
    partial = true;
  } else {
    const state = await loadClusterState(flags);
    objects = [...state.objects];
    problems = state.problems;
    source = state.source;
    settings.kindsRead = state.kindsRead;
    if (state.serverVersion) settings.serverVersion = state.serverVersion;
    if (state.source.kind === 'cluster') await addDeprecatedApiRequests(flags, objects, problems);
    checks = CLUSTER_UPGRADE_CHECKS;
    partial = false;
  }
  const index = new ObjectIndex(objects, { partial });
  const result = runChecks(index, selectChecks(checks, config, settings), settings);
  const report = buildReport({
    version: VERSION,
    command: 'upgrade',
    source,
    objects: objects.length,
    findings: result.findings,
    problems: [...problems, ...result.problems],
  });
  report.upgrade = { target, verdict: verdict(result.findings) };
  process.stdout.write(render(report, flags.output, { color: useColor(process.stdout, flags.color) }));
  return exitCodeFor(report, failOn);
}

/** blocked: something breaks at the upgrade; ready with warnings: disruption or deprecations to plan for. */
export function verdict(findings: readonly Finding[]): NonNullable<Report['upgrade']>['verdict'] {
  const open = findings.filter((f) => !f.suppressed);
  if (open.some((f) => atOrAbove(f.severity, 'critical'))) return 'blocked';
  return open.length > 0 ? 'ready-with-warnings' : 'ready';
}

/** The metric is readable only with permission on /metrics; without it, say so and go on. */
export async function addDeprecatedApiRequests(
  flags: ClusterFlags,
  objects: LoadedObject[],
  problems: Problem[],
): Promise<void> {
  try {
    const client = await ClusterClient.connect({
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
    });
    for (const object of parseDeprecatedApiMetrics(await client.getText('/metrics'))) {
      objects.push({ object: deepFreeze(object), ref: refOf(object) });
    }
  } catch (error) {
    problems.push({
      kind: 'source',
      level: 'warning',
      message: `cannot read /metrics (apiserver_requested_deprecated_apis): ${(error as Error).message}; clients calling deprecated APIs were not checked`,
    });
  }
}
