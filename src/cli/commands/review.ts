import { REVIEW_CHECKS } from '../../checks/review-checks.ts';
import type { PodSecurityLevel, RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { buildReport, exitCodeFor } from '../../core/report.ts';
import { usePodCreators } from '../../k8s/pod-creators.ts';
import { bundledSchemaSet, newestBundledVersion, resolveBundledVersion } from '../../schema/bundled.ts';
import { type ClusterSchemas, kubeVersionNote, useClusterSchemas } from '../../schema/resolve.ts';
import { servedApiVersions } from '../../schema/served-api-versions.ts';
import { loadFiles } from '../../sources/files/load-files.ts';
import { InputBudget } from '../../sources/read-input.ts';
import { VERSION } from '../../version.ts';
import { loadConfig } from '../config-file.ts';
import { errorReason, UsageError } from '../errors.ts';
import { boundHeapGrowth } from '../heap-growth.ts';
import { log, useColor, writeReport } from '../output.ts';
import { parseFailOn, parseKubeVersion, parseMiB } from '../parse-flags.ts';
import { assertKnownSelection, ignoreAnnotationProblems } from '../selection.ts';

export interface ReviewOptions {
  output: string;
  failOn?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  kubeVersion?: string;
  podSecurityLevel?: string;
  values?: string[];
  crds?: string[];
  maxFileSize?: string;
  maxInputSize?: string;
  color?: boolean;
  showSuppressed?: boolean;
  kubeconfig?: string;
  context?: string;
  requestTimeout?: string;
  fix?: boolean;
  fixDiff?: boolean;
  fixSuggested?: boolean;
}

/** The command: with --kubeconfig or --context, against the cluster's own schemas. */
export async function reviewCommand(paths: string[], options: ReviewOptions): Promise<number> {
  if (options.kubeconfig || options.context) return review(paths, options, await fetchLiveSchemas(options));
  return review(paths, options);
}

export async function review(paths: string[], options: ReviewOptions, live?: LiveSchemas): Promise<number> {
  const config = loadConfig(options.config);
  assertKnownSelection(REVIEW_CHECKS, options, 'review');
  const failOn = parseFailOn(options.failOn ?? config.failOn ?? 'high');
  const settings: RunSettings = { now: new Date() };
  if (options.kubeVersion) settings.kubeVersion = parseKubeVersion(options.kubeVersion);
  if (options.podSecurityLevel) settings.podSecurityLevel = parseLevel(options.podSecurityLevel);
  const note = live ? undefined : kubeVersionNote(settings.kubeVersion);
  if (note) process.stderr.write(`shipshape: ${note}\n`);
  const fixMode = options.fixDiff ? 'diff' : options.fix ? 'write' : undefined;
  const maxFileBytes = parseMiB(options.maxFileSize ?? '32', '--max-file-size');
  const budget = new InputBudget(parseMiB(options.maxInputSize ?? '512', '--max-input-size'));
  boundHeapGrowth();

  const loaded = loadFiles(paths, {
    excludePaths: config.excludePaths,
    values: options.values ?? [],
    maxFileBytes,
    budget,
    // Charts render for the version the review targets, and see what a connected cluster serves.
    helm: {
      kubeVersion: settings.kubeVersion ?? live?.version ?? newestBundledVersion(),
      // Charts choose API versions with .Capabilities.APIVersions.Has: what the cluster (or the target version's
      // built-in API) serves, read only when a chart is rendered.
      apiVersions: () =>
        servedApiVersions(live?.set ?? bundledSchemaSet(resolveBundledVersion(settings.kubeVersion).version)),
    },
  });
  const crds = loadFiles(options.crds ?? [], { maxFileBytes, budget });
  const index = new ObjectIndex(loaded.objects, { partial: true, supporting: crds.objects });
  if (live) useClusterSchemas(index, live);
  usePodCreators(index, config.podCreators);
  const selected = selectChecks(REVIEW_CHECKS, config, settings, {
    include: options.include ?? [],
    exclude: options.exclude ?? [],
  });
  // Fixes are kept only when --fix will apply them: a big review need not hold one per finding.
  const result = runChecks(index, selected, settings, { fixes: fixMode !== undefined });
  index.forget(); // no derived index is held while the report is built and written (decision 0046)
  const report = buildReport({
    version: VERSION,
    command: 'review',
    source: { kind: 'files', paths, ...(live ? { context: live.context, server: live.server } : {}) },
    objects: loaded.objects.length,
    findings: result.findings,
    problems: [
      ...loaded.problems,
      ...crds.problems,
      ...result.problems,
      ...ignoreAnnotationProblems(loaded.objects),
    ],
    skipped: loaded.skipped,
  });
  if (fixMode) {
    // Fixes (and the diff library) are loaded only with --fix.
    const { describeOutcome, runFix } = await import('../../fix/run-fix.ts');
    const outcome = runFix(fixMode, {
      findings: result.findings,
      objects: loaded.objects,
      supporting: crds.objects,
      selected,
      settings,
      roots: paths.filter((p) => p !== '-'),
      suggested: options.fixSuggested ?? false,
    });
    for (const line of describeOutcome(outcome)) log(line);
    if (fixMode === 'diff') {
      process.stdout.write(outcome.diff);
      return exitCodeFor(report, failOn);
    }
    // Report what is left after the fixes (stdin cannot be read twice: then the report is the one before).
    if (outcome.files.length > 0 && !paths.includes('-'))
      return review(paths, { ...options, fix: false, fixSuggested: false }, live);
  }
  await writeReport(process.stdout, report, options.output, {
    color: useColor(process.stdout, options.color),
    showSuppressed: options.showSuppressed ?? false,
  });
  return exitCodeFor(report, failOn);
}

function parseLevel(value: string): PodSecurityLevel {
  if (value === 'baseline' || value === 'restricted') return value;
  throw new UsageError(`--pod-security-level must be baseline or restricted (got "${value}")`);
}

type LiveSchemas = ClusterSchemas & { context: string; server: string };

/** Live mode: the cluster's own schemas (client-node is loaded only here, so file review starts fast). */
async function fetchLiveSchemas(options: ReviewOptions): Promise<LiveSchemas> {
  const { fetchClusterSchemas } = await import('../../sources/cluster/openapi.ts');
  const timeout = Number(options.requestTimeout ?? '30');
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError('--request-timeout must be a positive number');
  try {
    return await fetchClusterSchemas({
      ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
      ...(options.context ? { context: options.context } : {}),
      timeoutMs: timeout * 1000,
    });
  } catch (error) {
    throw new UsageError(`cannot read the cluster's OpenAPI schemas: ${errorReason(error)}`);
  }
}
