// `shipshape report REPORT.json -o html`: a saved JSON report (any command's `-o json`) rendered again in another
// format, e.g. the single-file offline HTML of one scan. Nothing is re-checked: the report is the input.
import type { Report } from '../../core/report.ts';
import { InputLimitError, readBoundedText } from '../../sources/read-input.ts';
import { writeFileSafely } from '../../write/safe-write.ts';
import { errorReason, UsageError } from '../errors.ts';
import { log, render, useColor } from '../output.ts';
import { parseMiB } from '../parse-flags.ts';

export interface ReportOptions {
  output: string;
  out?: string;
  maxFileSize?: string;
  color?: boolean;
}

export function reportCommand(file: string, options: ReportOptions): number {
  const report = readReport(file, parseMiB(options.maxFileSize ?? '256', '--max-file-size'));
  const text = render(report, options.output, {
    color: options.out ? false : useColor(process.stdout, options.color),
  });
  if (!options.out) {
    process.stdout.write(text);
    return 0;
  }
  const written = writeFileSafely(options.out, text);
  for (const note of written.notes) log(`shipshape: ${note}`);
  log(`shipshape: wrote ${options.out}`);
  return 0;
}

function readReport(file: string, maxBytes: number): Report {
  const what = file === '-' ? 'stdin' : `"${file}"`;
  let text: string;
  try {
    text = readBoundedText(file, { maxBytes, maxBytesFlag: '--max-file-size' });
  } catch (error) {
    if (error instanceof InputLimitError) throw new UsageError(error.message);
    throw new UsageError(`cannot read ${what}: ${errorReason(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} is not JSON: ${(error as Error).message}`);
  }
  const problem = notAReport(value);
  if (problem)
    throw new UsageError(`${what} is not a shipshape JSON report (${problem}); write one with -o json`);
  return value as Report;
}

/** The fields every reporter reads, checked before any of them runs (the rest is optional in the contract). */
function notAReport(value: unknown): string | undefined {
  const r = value as Partial<Report> | null;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return 'not an object';
  if (r.tool?.name !== 'shipshape') return 'no tool.name "shipshape"';
  if (typeof r.command !== 'string') return 'no "command"';
  if (!r.source || typeof r.source !== 'object') return 'no "source"';
  if (!r.summary || typeof r.summary !== 'object' || !r.summary.bySeverity) return 'no "summary"';
  if (!Array.isArray(r.findings)) return 'no "findings" list';
  if (!Array.isArray(r.errors)) return 'no "errors" list';
  for (const [i, f] of r.findings.entries()) {
    if (
      !f ||
      typeof f !== 'object' ||
      typeof f.check !== 'string' ||
      typeof f.message !== 'string' ||
      !f.object
    )
      return `findings[${i}] is not a finding`;
  }
  return undefined;
}
