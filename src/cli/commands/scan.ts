// `shipshape scan`: everything at once. For files: review. For a cluster or a snapshot: diagnose + hygiene +
// certs (+ upgrade with --to), from ONE read of the cluster, in one report (the same JSON contract; every finding
// keeps its check id and category; diagnose's causes and upgrade's verdict are added as those commands add them).
import { certificateChecks } from '../../checks/certificates/index.ts';
import { append } from '../../core/append.ts';
import type { AnyCheck, RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks, sortFindings } from '../../core/engine.ts';
import type { Finding } from '../../core/finding.ts';
import { ObjectIndex } from '../../core/index.ts';
import { deepFreeze, type LoadedObject, refOf } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { buildReport, exitCodeFor, type Report } from '../../core/report.ts';
import { groupCauses } from '../../diagnose/causes.ts';
import { unexplainedEvents } from '../../diagnose/unexplained-events.ts';
import { kubeconfigCertificates } from '../../sources/cluster/certificates.ts';
import { BUILTIN_RESOURCES, type ResourceType } from '../../sources/cluster/resources.ts';
import { VERSION } from '../../version.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { type ClusterState, loadClusterState } from '../cluster-options.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { render, useColor } from '../output.ts';
import { parseFailOn, parseKubeVersion } from '../parse-flags.ts';
import { CERT_MANAGER } from './certs.ts';
import { diagnoseChecks } from './diagnose.ts';
import { runHygiene, VELERO_RESOURCES } from './hygiene.ts';

export interface ScanFlags extends ClusterFlags {
  to?: string;
  output: string;
  failOn?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  profile?: string;
  color?: boolean;
}

/** Every kind any part of the scan reads, once. */
export const SCAN_RESOURCES: readonly ResourceType[] = [
  ...BUILTIN_RESOURCES,
  ...VELERO_RESOURCES,
  CERT_MANAGER,
];
/** Optional add-ons: not having them is not worth a warning. */
const OPTIONAL_KINDS = new Set(['Certificate', 'Schedule', 'Backup']);

export async function scan(paths: string[], flags: ScanFlags): Promise<number> {
  if (paths.length > 0) {
    if (flags.snapshot) throw new UsageError('give either manifest paths or --snapshot, not both');
    const { review } = await import('./review.ts');
    return review(paths, {
      output: flags.output,
      ...(flags.failOn ? { failOn: flags.failOn } : {}),
      ...(flags.config ? { config: flags.config } : {}),
      ...(flags.include ? { include: flags.include } : {}),
      ...(flags.exclude ? { exclude: flags.exclude } : {}),
      ...(flags.to ? { kubeVersion: flags.to } : {}),
      ...(flags.color === false ? { color: false } : {}),
    });
  }
  const config = loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? 'high');
  const target = flags.to ? parseKubeVersion(flags.to) : undefined;
  const state = await loadClusterState(flags, SCAN_RESOURCES);
  state.problems = state.problems.filter((p) => !(p.object && OPTIONAL_KINDS.has(p.object)));
  const { report } = await scanCluster(state, config, flags, target, new Date());
  process.stdout.write(render(report, flags.output, { color: useColor(process.stdout, flags.color) }));
  return exitCodeFor(report, failOn);
}

/** The cluster half of scan, without I/O beyond the optional live extras (kubeconfig certificates, /metrics). */
export async function scanCluster(
  state: ClusterState,
  config: ReturnType<typeof loadConfig>,
  flags: Pick<ScanFlags, 'include' | 'exclude' | 'profile' | 'kubeconfig' | 'context'>,
  target: string | undefined,
  now: Date,
): Promise<{
  report: Report;
  /** Ids of the checks that ran: what the scan covered (serve's history resolves findings only within it). */
  ran: string[];
  /** Every object the checks saw, the synthetic ones (certificates outside Kubernetes, API requests) included. */
  objects: LoadedObject[];
  /** Kinds read completely, the synthetic ones whose source answered included. */
  kindsRead: string[];
}> {
  const cli = { include: flags.include ?? [], exclude: flags.exclude ?? [] };
  const problems: Problem[] = [...state.problems];
  const findings: Finding[] = [];
  const ran: string[] = [];
  const live = state.source.kind === 'cluster';
  const base: RunSettings = { now: state.capturedAt ?? now, kindsRead: state.kindsRead };
  if (state.serverVersion) base.serverVersion = state.serverVersion;

  // diagnose (with its second pass over unexplained Warning events)
  const index = new ObjectIndex(state.objects, { partial: false, supporting: state.supporting ?? [] });
  const diag = selectChecks(diagnoseChecks(), config, base, cli);
  const diagResult = runChecks(index, diag, base);
  append(findings, diagResult.findings, unexplainedEvents(index, diag, base, diagResult.findings));
  append(problems, diagResult.problems);
  append(ran, diagResult.ran);

  // hygiene
  const hyg = await runHygiene(flags, config, state, base.now);
  append(findings, hyg.result.findings);
  append(problems, hyg.result.problems);
  append(ran, hyg.result.ran);

  // certs: cluster objects plus, live, the kubeconfig's client certificate and the API server's
  const certObjects: LoadedObject[] = [...state.objects];
  const kindsRead = new Set(state.kindsRead);
  if (live) {
    const extra = await kubeconfigCertificates({
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
    });
    for (const o of extra.objects) {
      certObjects.push({ object: deepFreeze(o), ref: refOf(o) });
      kindsRead.add(o.kind);
    }
    for (const message of extra.warnings) problems.push({ kind: 'source', level: 'warning', message });
  }
  const certResult = runChecks(
    new ObjectIndex(certObjects, { partial: false }),
    selectChecks(certificateChecks, config, base, cli),
    base,
  );
  append(findings, certResult.findings);
  append(problems, certResult.problems);
  append(ran, certResult.ran);
  const checked: LoadedObject[] = certObjects;

  // upgrade (only with a target)
  let upgrade: Report['upgrade'];
  if (target) {
    // Upgrade's checks (with the schema validator they share with review) are loaded only with --to.
    const { addDeprecatedApiRequests, CLUSTER_UPGRADE_CHECKS, verdict } = await import('./upgrade.ts');
    const upgradeObjects = [...state.objects];
    if (live) {
      const warnings = problems.length;
      await addDeprecatedApiRequests(flags, upgradeObjects, problems);
      if (problems.length === warnings) kindsRead.add('DeprecatedAPIRequest');
    }
    const settings: RunSettings = { ...base, kubeVersion: target };
    const result = runChecks(
      new ObjectIndex(upgradeObjects, { partial: false }),
      selectChecks(CLUSTER_UPGRADE_CHECKS as AnyCheck[], config, settings, cli),
      settings,
    );
    upgrade = { target, verdict: verdict(result.findings) };
    append(findings, result.findings);
    append(problems, result.problems);
    append(ran, result.ran);
    append(checked, upgradeObjects.slice(state.objects.length));
  }

  // One finding per fingerprint (hygiene and upgrade reuse some diagnose analyzers), one warning per message.
  const seen = new Set<string>();
  const unique = sortFindings(
    findings.filter((f) => {
      if (seen.has(f.fingerprint)) return false;
      seen.add(f.fingerprint);
      return true;
    }),
  );
  const messages = new Set<string>();
  const report = buildReport({
    version: VERSION,
    command: 'scan',
    source: state.source,
    objects: state.objects.length,
    findings: unique,
    problems: problems.filter((p) => {
      if (messages.has(p.message)) return false;
      messages.add(p.message);
      return true;
    }),
  });
  // Indexes into the report's findings: the causes cover the findings that carry a cause hint.
  const causes = groupCauses(unique, index, (f) => f.cause !== undefined);
  if (causes.length > 0) report.causes = causes;
  if (upgrade) report.upgrade = upgrade;
  return { report, ran: [...new Set(ran)], objects: checked, kindsRead: [...kindsRead].sort() };
}
