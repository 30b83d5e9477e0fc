// Markdown for pull-request comments: a summary table, then findings grouped by file, then how to fix each check.
import { describeRef } from '../core/object.ts';
import { SEVERITIES, type Severity } from '../core/severity.ts';
import { runbookUrl } from '../docs/links.ts';
import { buildsText, plural, type ReportedFinding, type Reporter } from './reporter.ts';

export const SEVERITY_BADGE: Record<Severity, string> = {
  critical: '🟣 critical',
  high: '🔴 high',
  medium: '🟠 medium',
  low: '🔵 low',
  info: '⚪ info',
};

/** GitHub caps a comment at 65,536 characters; past this many findings the rest are counted, not listed. */
export const MARKDOWN_MAX_FINDINGS = 200;

/** Text safe inside a table cell: no pipes, no line breaks, no HTML or Markdown markup taking effect. */
export function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[|*_`[\]<>#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ');
  const fence = clean.includes('`') ? '`` ' : '`';
  return `${fence}${clean}${fence === '`' ? '`' : ' ``'}`;
}

export const markdownReporter: Reporter = (report, options) => {
  const out: string[] = [];
  const active = report.findings.filter((f) => !f.suppressed);
  const headline =
    active.length === 0
      ? `### ✅ shipshape ${report.command}: no findings`
      : `### shipshape ${report.command}: ${plural(active.length, 'finding')}`;
  out.push(headline, '');
  out.push('| severity | findings |', '|---|---:|');
  for (const s of SEVERITIES) out.push(`| ${SEVERITY_BADGE[s]} | ${report.summary.bySeverity[s]} |`);
  out.push('');
  const facts = [`${plural(report.summary.objects, 'object')} checked`];
  if (report.summary.suppressed > 0) facts.push(`${report.summary.suppressed} suppressed`);
  if (report.errors.length > 0) facts.push(plural(report.errors.length, 'input error'));
  out.push(facts.join(' · '), '');

  const listed = active.slice(0, MARKDOWN_MAX_FINDINGS);
  const groups = new Map<string, ReportedFinding[]>();
  for (const f of listed) {
    const key = f.file ?? describeRef(f.object);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  for (const [group, findings] of groups) {
    out.push(`#### ${code(group)}`, '');
    out.push('| severity | line | object | finding | check |', '|---|---:|---|---|---|');
    for (const f of findings) {
      out.push(
        `| ${SEVERITY_BADGE[f.severity]} | ${f.line ?? ''} | ${cell(describeRef(f.object))} | ${cell(f.message)}${
          f.path ? ` <br>${code(f.path)}` : ''
        }${buildsText(f) ? ` <br>${cell(buildsText(f)!)}` : ''} | [${f.check}](${runbookUrl(f.check)}) |`,
      );
    }
    out.push('');
  }
  if (active.length > listed.length) {
    out.push(
      `_${active.length - listed.length} more findings not listed; run shipshape locally for all._`,
      '',
    );
  }

  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push('<details><summary>Suppressed findings</summary>', '');
    out.push('| check | object | reason |', '|---|---|---|');
    for (const f of suppressed)
      out.push(`| ${f.check} | ${cell(describeRef(f.object))} | ${cell(f.suppressed?.reason ?? '')} |`);
    out.push('', '</details>', '');
  }

  if (report.errors.length > 0) {
    out.push('#### Input errors', '');
    for (const e of report.errors) {
      const where = e.file ? `${code(`${e.file}${e.line ? `:${e.line}` : ''}`)}: ` : '';
      out.push(`- ${where}${cell(e.message)}`);
    }
    out.push('');
  }

  const skipped = report.skipped ?? [];
  if (skipped.length > 0) {
    out.push(`<details><summary>Skipped files (${skipped.length})</summary>`, '');
    for (const s of skipped.slice(0, MARKDOWN_MAX_FINDINGS)) out.push(`- ${code(s.file)}: ${cell(s.reason)}`);
    if (skipped.length > MARKDOWN_MAX_FINDINGS)
      out.push(`- _${skipped.length - MARKDOWN_MAX_FINDINGS} more not listed_`);
    out.push('', '</details>', '');
  }

  const checks = [...new Set(listed.map((f) => f.check))].sort();
  if (checks.length > 0) {
    const rules = new Map((options.rules ?? []).map((r) => [r.id, r]));
    out.push('<details><summary>How to fix</summary>', '');
    for (const id of checks) {
      const remediation = rules.get(id)?.remediation ?? listed.find((f) => f.check === id)!.remediation;
      const title = rules.get(id)?.title;
      out.push(`- **[${id}](${runbookUrl(id)})**${title ? ` (${cell(title)})` : ''}: ${cell(remediation)}`);
    }
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}\n`;
};
