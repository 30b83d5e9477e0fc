import { type Command, Option } from 'commander';
import { REVIEW_CHECKS } from '../../checks/registry.ts';
import type { PodSecurityLevel, RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { buildReport, exitCodeFor, type FailOn } from '../../core/report.ts';
import { isSeverity } from '../../core/severity.ts';
import { describeOutcome, runFix } from '../../fix/run-fix.ts';
import { type ClusterSchemas, kubeVersionNote, useClusterSchemas } from '../../schema/resolve.ts';
import { loadFiles } from '../../sources/files/load-files.ts';
import { VERSION } from '../../version.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { log, render, useColor } from '../output.ts';

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
  color?: boolean;
  showSuppressed?: boolean;
  kubeconfig?: string;
  context?: string;
  fix?: boolean;
  fixDiff?: boolean;
}

export function registerReview(program: Command): void {
  const command = program
    .command('review')
    .description(
      'review manifests (files, directories, Helm charts, Kustomize, "-" for stdin) before they merge',
    )
    .argument('<paths...>', 'files or directories to review')
    .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown', 'text')
    .option(
      '--fail-on <severity>',
      'exit 1 at or above: critical, high, medium, low, info, none (default: high)',
    )
    .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward from the cwd)')
    .option('--include <ids...>', 'run only these check ids or categories')
    .option('--exclude <ids...>', 'skip these check ids or categories')
    .option(
      '--kube-version <version>',
      'target Kubernetes version, e.g. 1.34 (schemas, deprecated APIs, PSS)',
    )
    .option('--pod-security-level <level>', 'also enforce Pod Security Standards: baseline or restricted')
    .option('-f, --values <files...>', 'Helm values files for charts')
    .option(
      '--crds <paths...>',
      'CustomResourceDefinitions to validate custom resources against (files or directories)',
    )
    .option('--max-file-size <mib>', 'skip files larger than this many MiB', '32')
    .option('--show-suppressed', 'list suppressed findings in text output')
    .option('--fix', 'apply safe fixes in place, then review again; --fix=diff prints a unified diff instead')
    .addOption(new Option('--fix-diff').hideHelp())
    .option(
      '--kubeconfig <file>',
      "validate against this cluster's own /openapi/v3 schemas (CRDs included) instead of the bundled ones",
    )
    .option('--context <name>', 'kubeconfig context for --kubeconfig (or $KUBECONFIG, ~/.kube/config)')
    .option('--no-color', 'no ANSI colours (also NO_COLOR)')
    .action((paths: string[], options: ReviewOptions) => {
      if (options.kubeconfig || options.context) {
        return fetchLiveSchemas(options).then((live) => {
          process.exitCode = review(paths, options, live);
        });
      }
      process.exitCode = review(paths, options);
    });
  acceptFixEqualsDiff(command);
}

/** `--fix=diff` is the diff mode of the --fix flag (a "--fix [mode]" option would swallow the path after it). */
function acceptFixEqualsDiff(command: Command): void {
  const parse = command.parseOptions.bind(command);
  command.parseOptions = (args: string[]) => parse(args.map((a) => (a === '--fix=diff' ? '--fix-diff' : a)));
}

export function review(paths: string[], options: ReviewOptions, live?: LiveSchemas): number {
  const config = loadConfig(options.config);
  const failOn = parseFailOn(options.failOn ?? config.failOn ?? 'high');
  const settings: RunSettings = { now: new Date() };
  if (options.kubeVersion) settings.kubeVersion = parseKubeVersion(options.kubeVersion);
  if (options.podSecurityLevel) settings.podSecurityLevel = parseLevel(options.podSecurityLevel);
  const note = live ? undefined : kubeVersionNote(settings.kubeVersion);
  if (note) process.stderr.write(`shipshape: ${note}\n`);
  const fixMode = options.fixDiff ? 'diff' : options.fix ? 'write' : undefined;
  const maxMiB = Number(options.maxFileSize ?? '32');
  if (!Number.isFinite(maxMiB) || maxMiB <= 0)
    throw new UsageError('--max-file-size must be a positive number of MiB');

  const loaded = loadFiles(paths, {
    excludePaths: config.excludePaths,
    values: options.values ?? [],
    maxFileBytes: maxMiB * 1024 * 1024,
  });
  const crds = loadFiles(options.crds ?? [], { maxFileBytes: maxMiB * 1024 * 1024 });
  const index = new ObjectIndex(loaded.objects, { partial: true, supporting: crds.objects });
  if (live) useClusterSchemas(index, live);
  const selected = selectChecks(REVIEW_CHECKS, config, settings, {
    include: options.include ?? [],
    exclude: options.exclude ?? [],
  });
  const result = runChecks(index, selected, settings);
  const report = buildReport({
    version: VERSION,
    command: 'review',
    source: { kind: 'files', paths, ...(live ? { context: live.context, server: live.server } : {}) },
    objects: loaded.objects.length,
    findings: result.findings,
    problems: [...loaded.problems, ...crds.problems, ...result.problems],
  });
  if (fixMode) {
    const outcome = runFix(fixMode, {
      findings: result.findings,
      objects: loaded.objects,
      supporting: crds.objects,
      selected,
      settings,
    });
    for (const line of describeOutcome(outcome)) log(line);
    if (fixMode === 'diff') {
      process.stdout.write(outcome.diff);
      return exitCodeFor(report, failOn);
    }
    // Report what is left after the fixes (stdin cannot be read twice: then the report is the one before).
    if (outcome.files.length > 0 && !paths.includes('-'))
      return review(paths, { ...options, fix: false }, live);
  }
  process.stdout.write(
    render(report, options.output, {
      color: useColor(process.stdout, options.color),
      showSuppressed: options.showSuppressed ?? false,
    }),
  );
  return exitCodeFor(report, failOn);
}

export function parseFailOn(value: string): FailOn {
  if (value === 'none' || isSeverity(value)) return value;
  throw new UsageError(`--fail-on must be one of critical, high, medium, low, info, none (got "${value}")`);
}

export function parseKubeVersion(value: string): string {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(value.trim());
  if (!match) throw new UsageError(`--kube-version must look like 1.34 (got "${value}")`);
  return `${match[1]}.${match[2]}`;
}

function parseLevel(value: string): PodSecurityLevel {
  if (value === 'baseline' || value === 'restricted') return value;
  throw new UsageError(`--pod-security-level must be baseline or restricted (got "${value}")`);
}

type LiveSchemas = ClusterSchemas & { context: string; server: string };

/** Live mode: the cluster's own schemas (client-node is loaded only here, so file review starts fast). */
async function fetchLiveSchemas(options: ReviewOptions): Promise<LiveSchemas> {
  const { fetchClusterSchemas } = await import('../../sources/cluster/openapi.ts');
  try {
    return await fetchClusterSchemas({
      ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
      ...(options.context ? { context: options.context } : {}),
    });
  } catch (error) {
    throw new UsageError(`cannot read the cluster's OpenAPI schemas: ${(error as Error).message}`);
  }
}
