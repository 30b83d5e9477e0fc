// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
import { describeRef } from '../core/object.ts';
import type { Severity } from '../core/severity.ts';
import { codeLocation } from './code-location.ts';
import { buildsText, type Reporter } from './reporter.ts';
import { summaryLine } from './text.ts';

/** The message part: %, CR and LF are escaped (as the Actions runner's own toolkit does). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape ":" and "," which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotationLevel(severity: Severity): 'error' | 'warning' | 'notice' {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'notice';
}

function command(
  level: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${level}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** Suppressed findings are not annotated; input errors are. The last line is the plain summary. */
export const githubReporter: Reporter = (report) => {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.suppressed) continue;
    lines.push(
      command(
        annotationLevel(f.severity),
        (({ file, line, column }) => ({ file, line, col: column, title: `${f.severity}: ${f.check}` }))(
          codeLocation(f),
        ),
        `${describeRef(f.object)}: ${f.message}${buildsText(f) ? `\n${buildsText(f)}` : ''}\nFix: ${f.remediation}`,
      ),
    );
  }
  for (const e of report.errors) {
    lines.push(
      command(
        'error',
        { file: e.file, line: e.line, col: e.column, title: 'shipshape: input error' },
        e.message,
      ),
    );
  }
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
};
