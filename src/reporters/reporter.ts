import type { CheckMeta } from '../core/check.ts';
import type { Report } from '../core/report.ts';

/** What a reporter may know about a check beyond the report (SARIF rules, Markdown "how to fix"). */
export type RuleInfo = Pick<
  CheckMeta,
  'id' | 'title' | 'description' | 'remediation' | 'severity' | 'category'
> & {
  docs?: readonly string[];
};

export interface ReporterOptions {
  color: boolean;
  /** Show suppressed findings in human-oriented formats. */
  showSuppressed?: boolean;
  /** Metadata of the checks that may appear in the report; reporters fall back to the findings without it. */
  rules?: readonly RuleInfo[];
}

export type Reporter = (report: Report, options: ReporterOptions) => string;

/**
 * A reporter that writes in pieces, so the output of a big report is never held as one string (decision 0047);
 * the pieces joined are its whole output.
 */
export type ChunkedReporter = (report: Report, options: ReporterOptions) => Iterable<string>;

/** The whole output of a chunked reporter as one string (small reports, tests, other commands). */
export function joined(chunks: ChunkedReporter): Reporter {
  return (report, options) => {
    let out = '';
    for (const chunk of chunks(report, options)) out += chunk;
    return out;
  };
}

export type ReportedFinding = Report['findings'][number];

/** "file:line:col", "file:line", "file", or undefined when the finding has no file. */
export function location(item: { file?: string; line?: number; column?: number }): string | undefined {
  if (!item.file) return undefined;
  if (!item.line) return item.file;
  return item.column ? `${item.file}:${item.line}:${item.column}` : `${item.file}:${item.line}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "in 4 builds: k8s/base (web), k8s/overlays/dev (dev/dev-web), …" for a finding found in several builds; "only in
 * build k8s/overlays/dev (dev/dev-web)" for one found in a shared base through one build alone.
 */
export function buildsText(finding: ReportedFinding): string | undefined {
  const builds = finding.builds;
  if (!builds || builds.length === 0) return undefined;
  const each = builds.map(
    (b) => `${b.dir} (${b.object.namespace ? `${b.object.namespace}/` : ''}${b.object.name})`,
  );
  if (builds.length === 1) return `only in build ${each[0]}`;
  return `in ${builds.length} builds: ${each.join(', ')}`;
}
