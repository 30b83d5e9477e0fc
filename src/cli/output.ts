import { once } from 'node:events';
import { editDistance } from '../core/edit-distance.ts';
import type { Report } from '../core/report.ts';
import { guardLines, guardLinesOf, printableReport, showInvisible } from '../reporters/escape.ts';
import { CHUNKED_REPORTERS, REPORTERS } from '../reporters/index.ts';
import { batched } from '../reporters/json-chunks.ts';
import type { Reporter, ReporterOptions, RuleInfo } from '../reporters/reporter.ts';
import { allChecks } from './all-checks.ts';
import { UsageError } from './errors.ts';

export const OUTPUT_FORMATS = Object.keys(REPORTERS);

/** Colour only for a terminal, never when NO_COLOR is set (https://no-color.org) or --no-color is given. */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Check metadata for reporters that describe rules (SARIF, Markdown). */
export function ruleInfo(): RuleInfo[] {
  return allChecks().map((c) => ({
    id: c.id,
    title: c.title,
    description: c.description,
    remediation: c.remediation,
    severity: c.severity,
    category: c.category,
    ...(c.docs ? { docs: c.docs } : {}),
  }));
}

export function render(
  report: Report,
  format: string,
  options: { color: boolean; showSuppressed?: boolean },
): string {
  const out = reporterOf(format)(shown(report, format), reporterOptions(options));
  return guarded(format) ? guardLines(out) : out;
}

// JSON and SARIF carry the data as it is (JSON.stringify escapes control characters); the formats people read
// show control characters as escapes, and no line of theirs can be a GitHub workflow command (escape.ts). The
// github format writes only its own commands, each on one line.
const shown = (report: Report, format: string): Report =>
  format === 'json' || format === 'sarif' ? report : printableReport(report);
const guarded = (format: string): boolean => format !== 'json' && format !== 'sarif' && format !== 'github';

/**
 * Writes the report to `stream`. Formats that can be written piece by piece are, in batches of about 64 KiB with
 * the stream's backpressure respected, so a report with hundreds of thousands of findings is never one string
 * (decision 0047); the bytes are those `render` returns.
 */
export async function writeReport(
  stream: NodeJS.WritableStream,
  report: Report,
  format: string,
  options: { color: boolean; showSuppressed?: boolean },
): Promise<void> {
  reporterOf(format);
  const chunked = CHUNKED_REPORTERS[format];
  if (!chunked) {
    stream.write(render(report, format, options));
    return;
  }
  const pieces = batched(chunked(shown(report, format), reporterOptions(options)));
  for (const piece of guarded(format) ? guardLinesOf(pieces) : pieces) {
    if (!stream.write(piece)) await once(stream, 'drain');
  }
}

function reporterOf(format: string): Reporter {
  const reporter = REPORTERS[format];
  if (!reporter) {
    throw new UsageError(`unknown output format "${format}"; use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  return reporter;
}

function reporterOptions(options: { color: boolean; showSuppressed?: boolean }): ReporterOptions {
  // Only the reporters that describe rules read them: the others never load every check.
  let rules: RuleInfo[] | undefined;
  return {
    ...options,
    get rules() {
      rules ??= ruleInfo();
      return rules;
    },
  };
}

/**
 * Text a command prints without a reporter (rbac tables, markdown reviews): what came from the cluster or a file
 * shows control and invisible characters as escapes, and no line can be a GitHub workflow command (escape.ts).
 */
export function printText(text: string): void {
  process.stdout.write(guardLines(showInvisible(text)));
}

/**
 * Messages for humans go to stderr so stdout stays machine-readable. They name files and objects, and CI runners
 * read stderr for workflow commands too: the same escapes and guard as printed text.
 */
export function log(message: string): void {
  process.stderr.write(`${guardLines(showInvisible(message))}\n`);
}

/** Ids within a small edit distance, or sharing the typed text, closest first. */
export function suggest(input: string, ids: readonly string[], max = 3): string[] {
  const typed = input.trim().toLowerCase();
  const scored = ids
    .map((id) => {
      const distance = editDistance(typed, id);
      const contains = typed.length >= 3 && (id.includes(typed) || typed.includes(id));
      return { id, distance, score: contains ? Math.min(distance, 1) : distance };
    })
    .filter(({ id, score }) => score <= Math.max(2, Math.floor(id.length / 4)))
    // Among equals, the nearer spelling first ("namespace": namespaces before name).
    .sort((a, b) => a.score - b.score || a.distance - b.distance || a.id.localeCompare(b.id));
  return scored.slice(0, max).map((s) => s.id);
}
