import { DIAGNOSE_CHECKS } from '../../checks/diagnose-checks.ts';
import { kubeletVersionSkew } from '../../checks/upgrade/kubelet-version-skew.ts';
import { append } from '../../core/append.ts';
import type { AnyCheck, RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks, sortFindings } from '../../core/engine.ts';
import type { Finding } from '../../core/finding.ts';
import { ObjectIndex } from '../../core/index.ts';
import { buildReport, exitCodeFor, type Report } from '../../core/report.ts';
import { groupCauses } from '../../diagnose/causes.ts';
import { unexplainedEvents } from '../../diagnose/unexplained-events.ts';
import { causesMarkdown, causesText } from '../../reporters/causes.ts';
import { guardLines, printableReport } from '../../reporters/escape.ts';
import {
  addLogSteps,
  attachCauseLogs,
  DEFAULT_LOG_LINES,
  MAX_LOG_LINES,
} from '../../sources/cluster/logs.ts';
import { VERSION } from '../../version.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { loadClusterState } from '../cluster-options.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { log, render, useColor } from '../output.ts';
import { parseFailOn } from '../parse-flags.ts';
import { assertKnownSelection, ignoreAnnotationProblems } from '../selection.ts';

export interface DiagnoseFlags extends ClusterFlags {
  output: string;
  failOn?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  color?: boolean;
  logs?: boolean;
  logLines?: string;
}

export async function diagnose(flags: DiagnoseFlags): Promise<number> {
  const config = loadConfig(flags.config);
  assertKnownSelection(diagnoseChecks(), flags, 'diagnose');
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? 'high');
  const logLines = parseLogLines(flags.logLines);
  const state = await loadClusterState(flags);
  const settings: RunSettings = { now: state.capturedAt ?? new Date(), kindsRead: state.kindsRead };
  if (state.serverVersion) settings.serverVersion = state.serverVersion;
  const index = new ObjectIndex(state.objects, { partial: false, supporting: state.supporting ?? [] });
  const selected = selectChecks(diagnoseChecks(), config, settings, {
    include: flags.include ?? [],
    exclude: flags.exclude ?? [],
  });
  const result = runChecks(index, selected, settings);
  // Second pass: Warning events that none of the findings above explain.
  result.findings = sortFindings([
    ...result.findings,
    ...unexplainedEvents(index, selected, settings, result.findings),
  ]);
  if (state.namespaces)
    result.findings = result.findings.filter((f) => concernsNamespaces(index, f, state.namespaces!));
  const context = state.source.context;
  if (context && state.source.kind === 'cluster') {
    for (const finding of result.findings) {
      if (finding.cause?.nextSteps)
        finding.cause.nextSteps = finding.cause.nextSteps.map((s) => withContext(s, context));
    }
  }
  const report = buildReport({
    version: VERSION,
    command: 'diagnose',
    source: state.source,
    objects: state.objects.length,
    findings: result.findings,
    problems: [...state.problems, ...result.problems, ...ignoreAnnotationProblems(state.objects)],
  });
  report.causes = groupCauses(result.findings, index);
  if (flags.logs) await readLogs(flags, state, report, index, logLines);
  const color = useColor(process.stdout, flags.color);
  if (flags.output === 'text') process.stdout.write(guardLines(diagnoseText(printableReport(report), color)));
  else if (flags.output === 'markdown')
    process.stdout.write(
      guardLines(diagnoseMarkdown(printableReport(report), render(report, 'markdown', { color: false }))),
    );
  else process.stdout.write(render(report, flags.output, { color }));
  return exitCodeFor(report, failOn);
}

function parseLogLines(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LOG_LINES;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_LOG_LINES)
    throw new UsageError(`--log-lines must be a whole number from 1 to ${MAX_LOG_LINES}, got "${value}"`);
  return n;
}

/** `--logs`: the log tail behind the top causes, through the same connection; counted in --stats. */
async function readLogs(
  flags: DiagnoseFlags,
  state: Awaited<ReturnType<typeof loadClusterState>>,
  report: Report,
  index: ObjectIndex,
  tailLines: number,
): Promise<void> {
  const client = state.client;
  if (!client) {
    const what = state.source.kind === 'describe' ? 'pasted describe text' : 'a snapshot';
    log(`note: --logs needs a live cluster; ${what} holds no container logs, so none are shown`);
    return;
  }
  const before = { ...client.stats };
  const started = performance.now();
  const read = await attachCauseLogs(client, report, index, { tailLines });
  addLogSteps(report.causes ?? [], (step) => withContext(step, client.context));
  if (flags.stats) {
    const s = client.stats;
    log(
      `stats: logs: ${read} container log${read === 1 ? '' : 's'}, ${s.requests - before.requests} requests ` +
        `(${s.retries - before.retries} retries), ${((s.bytes - before.bytes) / 1024).toFixed(1)} KiB, ` +
        `${Math.round(performance.now() - started)} ms wall; ${s.requests} requests in all`,
    );
  }
}

/**
 * The diagnose analyzers (the registry's DIAGNOSE_CHECKS), plus the upgrade command's kubelet skew check against the
 * running control plane. From checks/diagnose-checks.ts, not the registry, so diagnose does not load every check
 * (≈ 0.2 s CPU).
 */
export function diagnoseChecks(): AnyCheck[] {
  return [...DIAGNOSE_CHECKS, kubeletVersionSkew];
}

/** With -n, a cluster-scoped finding (a NotReady node) matters only if pods of those namespaces run there. */
function concernsNamespaces(index: ObjectIndex, finding: Finding, namespaces: readonly string[]): boolean {
  if (finding.object.namespace) return namespaces.includes(finding.object.namespace);
  if (finding.object.kind !== 'Node') return false;
  return index
    .ofKind('Pod')
    .some(
      (p) =>
        (p.object.spec as { nodeName?: string } | undefined)?.nodeName === finding.object.name &&
        namespaces.includes(p.ref.namespace ?? ''),
    );
}

/** Next commands must hit the same cluster the diagnosis read. */
function withContext(step: string, context: string): string {
  return step.startsWith('kubectl ') && !step.includes('--context')
    ? `kubectl --context ${context} ${step.slice(8)}`
    : step;
}

const PAINT: Record<string, string> = {
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  critical: '\u001b[1;35m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};

/** Causes first (root cause, impact, evidence, next commands), then what could not be read, then a summary. */
export function diagnoseText(report: Report, color: boolean): string {
  const paint = (style: 'bold' | 'dim' | 'severity', text: string, severity?: string) => {
    const code = PAINT[style === 'severity' ? (severity ?? 'info') : style];
    return color && code ? `${code}${text}\u001b[0m` : text;
  };
  const lines: string[] = [];
  const causes = report.causes ?? [];
  const notes = report.errors.filter((e) => e.level === 'warning');
  const errors = report.errors.filter((e) => e.level !== 'warning');
  // "No problems found." above an error would read as a clean bill of health for what could not be read.
  if (causes.length === 0) {
    if (errors.length > 0 && report.summary.objects === 0)
      lines.push('Nothing was diagnosed: no objects could be read (see the errors below).', '');
    else if (errors.length > 0 || notes.length > 0)
      lines.push('No problems found in what could be read (see below for what could not).', '');
    else lines.push('No problems found.', '');
  } else append(lines, causesText(report, paint));
  if (notes.length > 0) {
    lines.push(paint('bold', 'could not be known or read'));
    for (const n of notes) lines.push(`  - ${n.file ? `${n.file}: ` : ''}${n.message}`);
    lines.push('');
  }
  if (errors.length > 0) {
    lines.push(paint('bold', 'errors'));
    for (const e of errors) lines.push(`  - ${e.file ? `${e.file}: ` : ''}${e.message}`);
    lines.push('');
  }
  const bySeverity = Object.entries(report.summary.bySeverity)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  // A partial read says so in the summary too: the exit code alone (0 under --fail-on none) would not.
  const partial = [
    errors.length > 0 ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : '',
    notes.length > 0 ? `${notes.length} not read or not known` : '',
  ].filter(Boolean);
  lines.push(
    `${causes.length} cause${causes.length === 1 ? '' : 's'} · ${report.summary.findings} finding${report.summary.findings === 1 ? '' : 's'}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''} · ${report.summary.objects} objects${partial.length ? ` · partial: ${partial.join(', ')}` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The findings report with the causes first: ready to paste into a ticket. */
export function diagnoseMarkdown(report: Report, findings: string): string {
  const causes = causesMarkdown(report);
  if (causes.length === 0) return findings;
  const [headline, ...rest] = findings.split('\n');
  return [headline, '', '## Root causes', '', ...causes, '## Findings', ...rest].join('\n');
}
