import { describeRef } from '../core/object.ts';
import type { Report } from '../core/report.ts';
import { SEVERITIES, type Severity } from '../core/severity.ts';
import {
  buildsText,
  type ChunkedReporter,
  joined,
  location,
  plural,
  type ReportedFinding,
  type Reporter,
} from './reporter.ts';
import { rightsizeLines } from './rightsize-text.ts';

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '\u001b[1;35m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const RED = '\u001b[31m';
/** Skipped files are listed up to this many; a repository root can hold hundreds of non-manifest files. */
const TEXT_MAX_SKIPPED = 20;

/**
 * Human output. Findings are grouped by file (by object when there is no file); each one starts with
 * file:line:col (clickable in editors and terminals), then the severity, the object, the message and the check
 * id. The remediation is shown once per check and file. Then input errors, then a one-line summary.
 */
export const textReporterChunks: ChunkedReporter = function* (report, options) {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const line = (text: string) => `${text}\n`;
  const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));
  // A finding that restates another's root cause is folded under it (the JSON keeps both, linked by relatedTo).
  const folded = new Map<string, ReportedFinding[]>();
  for (const f of report.findings) {
    const root = f.relatedTo && !f.suppressed ? byFingerprint.get(f.relatedTo) : undefined;
    if (!root || root.suppressed) continue;
    const list = folded.get(root.fingerprint);
    if (list) list.push(f);
    else folded.set(root.fingerprint, [f]);
  }
  const isFolded = (f: ReportedFinding) =>
    f.relatedTo !== undefined && (folded.get(f.relatedTo)?.includes(f) ?? false);
  const visible = report.findings.filter((f) => (options.showSuppressed || !f.suppressed) && !isFolded(f));
  const groups = new Map<string, ReportedFinding[]>();
  for (const finding of visible) {
    const key = finding.file ?? describeRef(finding.object);
    const list = groups.get(key);
    if (list) list.push(finding);
    else groups.set(key, [finding]);
  }
  const width = Math.max(...SEVERITIES.map((s) => s.length));
  for (const [group, findings] of groups) {
    yield line(paint(BOLD, group));
    const explained = new Set<string>();
    for (const f of findings) {
      const where = location(f) ?? describeRef(f.object);
      const severity = paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(width));
      const object = f.file ? `${describeRef(f.object)}: ` : '';
      const message = oneLine(f.message);
      const head = f.suppressed
        ? paint(DIM, `  ${where}  ${f.severity.padEnd(width)}  ${object}${message}`)
        : `  ${where}  ${severity}  ${object}${message}`;
      yield line(`${head}  ${paint(DIM, `[${f.check}]`)}`);
      const also = folded.get(f.fingerprint);
      if (also)
        yield line(`      ${paint(DIM, `which includes: ${also.map((r) => `[${r.check}]`).join(' ')}`)}`);
      const builds = buildsText(f);
      if (builds) yield line(`      ${paint(DIM, builds)}`);
      if (f.suppressed) {
        yield line(`      ${paint(DIM, `suppressed: ${oneLine(f.suppressed.reason)}`)}`);
      } else if (!explained.has(f.check)) {
        explained.add(f.check);
        yield line(`      ${paint(DIM, `fix: ${oneLine(f.remediation)}`)}`);
      }
    }
    yield line('');
  }
  if (report.errors.length > 0) {
    const hasErrors = report.errors.some((e) => e.level !== 'warning');
    yield line(paint(BOLD, hasErrors ? 'errors' : 'warnings'));
    for (const e of report.errors) {
      const where = location(e) ?? e.object;
      const label = e.level === 'warning' ? paint(DIM, 'warning') : paint(RED, 'error');
      yield line(`  ${where ? `${where}  ` : ''}${label}  ${oneLine(e.message)}`);
    }
    yield line('');
  }
  const skipped = report.skipped ?? [];
  if (skipped.length > 0) {
    yield line(paint(BOLD, 'skipped (not reviewed)'));
    for (const s of skipped.slice(0, TEXT_MAX_SKIPPED))
      yield line(`  ${s.file}  ${paint(DIM, oneLine(s.reason))}`);
    if (skipped.length > TEXT_MAX_SKIPPED)
      yield line(
        `  ${paint(DIM, `… and ${skipped.length - TEXT_MAX_SKIPPED} more (-o json lists every one)`)}`,
      );
    yield line('');
  }
  if (report.rightsize) {
    for (const text of rightsizeLines(report.rightsize)) yield line(text);
    yield line('');
  }
  if (report.upgrade) {
    const verdict = report.upgrade.verdict.replace(/-/g, ' ');
    yield line(paint(BOLD, `upgrade to ${report.upgrade.target}: ${verdict}`));
  }
  yield line(summaryLine(report, options.showSuppressed ?? false));
};

export const textReporter: Reporter = joined(textReporterChunks);

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ');
}

export function summaryLine(report: Report, suppressedShown = true): string {
  const counts = SEVERITIES.filter((s) => report.summary.bySeverity[s] > 0)
    .map((s) => `${report.summary.bySeverity[s]} ${s}`)
    .join(', ');
  const parts = [
    report.summary.findings === 0
      ? 'no findings'
      : `${plural(report.summary.findings, 'finding')}${counts ? ` (${counts})` : ''}`,
    `${plural(report.summary.objects, 'object')} checked`,
  ];
  if (report.summary.suppressed > 0)
    parts.push(
      `${report.summary.suppressed} suppressed${suppressedShown ? '' : ' (list them with --show-suppressed)'}`,
    );
  const warnings = report.errors.filter((e) => e.level === 'warning').length;
  const errors = report.errors.length - warnings;
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  if (report.skipped && report.skipped.length > 0) parts.push(`${report.skipped.length} skipped`);
  return parts.join(' · ');
}
