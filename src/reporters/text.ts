import type { Finding } from '../core/finding.ts';
import { describeRef } from '../core/object.ts';
import type { Report } from '../core/report.ts';
import { SEVERITIES, type Severity } from '../core/severity.ts';
import type { Reporter, ReporterOptions } from './reporter.ts';

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

/** Human output: findings grouped by file (or by object for cluster sources), then errors, then a summary. */
export const textReporter: Reporter = (report, options) => {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const visible = report.findings.filter((f) => options.showSuppressed || !f.suppressed);
  const groups = new Map<string, typeof visible>();
  for (const finding of visible) {
    const key = finding.file ?? describeRef(finding.object);
    const list = groups.get(key);
    if (list) list.push(finding);
    else groups.set(key, [finding]);
  }
  for (const [group, findings] of groups) {
    lines.push(paint(BOLD, group));
    for (const f of findings) lines.push(formatFinding(f, options, paint));
    lines.push('');
  }
  if (report.errors.length > 0) {
    lines.push(paint(BOLD, 'errors'));
    for (const e of report.errors) {
      const where = e.file
        ? `${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}`
        : (e.object ?? '');
      lines.push(`  ${paint(SEVERITY_COLOR.high, 'error')} ${where ? `${where}: ` : ''}${e.message}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
};

function formatFinding(
  f: Omit<Finding, 'fix'>,
  _options: ReporterOptions,
  paint: (c: string, t: string) => string,
): string {
  const where = f.line ? `${f.line}:${f.column ?? 1}` : '';
  const severity = paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(8));
  const object = f.file ? `${describeRef(f.object)}: ` : '';
  const suppressed = f.suppressed ? paint(DIM, ` (suppressed: ${f.suppressed.reason})`) : '';
  const head = `  ${where.padEnd(8)} ${severity} ${object}${f.message}${suppressed} ${paint(DIM, `[${f.check}]`)}`;
  const fix = `  ${' '.repeat(8)} ${' '.repeat(8)} ${paint(DIM, `fix: ${f.remediation}`)}`;
  return `${head}\n${fix}`;
}

export function summaryLine(report: Report): string {
  const counts = SEVERITIES.filter((s) => report.summary.bySeverity[s] > 0)
    .map((s) => `${report.summary.bySeverity[s]} ${s}`)
    .join(', ');
  const parts = [
    `${report.summary.findings} finding${report.summary.findings === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}`,
    `${report.summary.objects} object${report.summary.objects === 1 ? '' : 's'}`,
  ];
  if (report.summary.suppressed > 0) parts.push(`${report.summary.suppressed} suppressed`);
  if (report.errors.length > 0)
    parts.push(`${report.errors.length} error${report.errors.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
