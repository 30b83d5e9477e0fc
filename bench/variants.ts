// The anchors, memory and output-size rows of `npm run bench` (issue #15 items 3 and 4, issue #13 item 5;
// decisions 0045–0047). Review CPU against kubeconform on the same objects written two ways (our plain emitter,
// and PyYAML's style with anchors and aliases), runs alternating, medians; peak RSS as the corpus grows tenfold;
// and every streamed output format on the worst case for output size (13 or more findings per object).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CorpusStyle, ensureCorpus } from './generate.ts';
import { type Timed, timeCommand } from './time-command.ts';

export const TARGETS = {
  /** Review CPU over kubeconform's, on both YAML styles (issue #15 item 3). */
  cpuRatio: 1.5,
  /** Peak RSS at 100,000 objects (issue #15 item 4). */
  rssAt100kMiB: 500,
  /** Peak RSS of `-o json|sarif|junit|text` at 50,000 objects with 650,000 findings (issue #13 item 5). */
  outputRssMiB: 1536,
} as const;
export const OUTPUT_FORMATS = ['json', 'sarif', 'junit', 'text'] as const;

export interface VariantOptions {
  out: string;
  kubeVersion: string;
  /** Corpus sizes for the anchors and memory rows, e.g. 10,000 and 100,000. */
  sizes: readonly number[];
  repeats: number;
  /** How shipshape is started (the launcher users run). */
  shipshape: readonly string[];
  /** kubeconform with its arguments, the directory left off; absent when it is not installed. */
  kubeconform?: readonly string[];
  /** Objects of the output-size corpus (0 skips those rows). */
  outputObjects: number;
  progress: (what: string) => void;
}

interface Runs {
  style: CorpusStyle;
  objects: number;
  ours: Timed[];
  theirs: Timed[];
  findings?: number;
  note?: string;
}

interface OutputRun extends Timed {
  format: string;
  bytes: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0
    ? Number.NaN
    : sorted.length % 2
      ? sorted[mid]!
      : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** Runs every row and returns the RESULTS.md section. */
export function benchVariants(options: VariantOptions): string[] {
  const review = (dir: string, format: string, stdoutFile: string) =>
    timeCommand(
      [
        ...options.shipshape,
        'review',
        dir,
        '--kube-version',
        options.kubeVersion,
        '-o',
        format,
        '--fail-on',
        'none',
      ],
      { stdoutFile, timeoutS: 1800 },
    );
  const scratch = join(options.out, 'variant-report.out');
  const rows: Runs[] = [];
  for (const objects of options.sizes) {
    for (const style of ['plain', 'anchors'] as const) {
      const corpus = ensureCorpus(options.out, objects, 42, style);
      const runs: Runs = { style, objects, ours: [], theirs: [] };
      for (let i = 0; i < options.repeats; i++) {
        options.progress(
          `${style} ${objects}: shipshape and kubeconform, run ${i + 1} of ${options.repeats}`,
        );
        const ours = review(corpus.dir, 'json', scratch);
        runs.ours.push(ours);
        runs.findings = summaryFindings(scratch);
        if (ours.status !== 0) runs.note = `shipshape exit ${ours.status}`;
        if (!options.kubeconform) continue;
        const theirs = timeCommand([...options.kubeconform, corpus.dir], { timeoutS: 1800 });
        runs.theirs.push(theirs);
        const summary = /"summary":\s*\{[^}]*\}/.exec(theirs.stdout)?.[0] ?? '';
        const count = (field: string) => Number(new RegExp(`"${field}":\\s*(\\d+)`).exec(summary)?.[1] ?? -1);
        if (!summary || count('errors') !== 0 || count('skipped') !== 0)
          runs.note = `kubeconform NOT COMPARABLE (${summary || 'no summary'})`;
      }
      rows.push(runs);
    }
  }
  const outputs: OutputRun[] = [];
  let outputFindings: number | undefined;
  if (options.outputObjects > 0) {
    const corpus = ensureCorpus(options.out, options.outputObjects, 42, 'findings');
    for (const format of OUTPUT_FORMATS) {
      options.progress(`-o ${format} on ${options.outputObjects} objects with 13 or more findings each`);
      const run = review(corpus.dir, format, scratch);
      outputs.push({ ...run, format, bytes: statSync(scratch).size });
      if (format === 'json') outputFindings = summaryFindings(scratch);
    }
  }
  return format(rows, outputs, outputFindings, options);
}

/** summary.findings of a JSON report, read from its head (the summary precedes the findings). */
function summaryFindings(file: string): number | undefined {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8');
    return Number(/"summary":\s*\{\s*"objects":\s*\d+,\s*"findings":\s*(\d+)/.exec(text)?.[1] ?? Number.NaN);
  } finally {
    closeSync(fd);
  }
}

function format(
  rows: readonly Runs[],
  outputs: readonly OutputRun[],
  outputFindings: number | undefined,
  options: VariantOptions,
): string[] {
  const out: string[] = [];
  const say = (line = '') => out.push(line);
  say('## YAML anchors and memory (issue #15 items 3 and 4)');
  say();
  say(
    `Same objects written two ways: \`plain\` (bench/generate.ts) and \`anchors\` (as PyYAML's dump_all writes them: ` +
      `label maps as &idNNN/*idNNN aliases). ${options.repeats} run${options.repeats === 1 ? '' : 's'} of each tool, alternating; medians. ` +
      `shipshape through bin/shipshape, \`review <dir> --kube-version ${options.kubeVersion} -o json\`.`,
  );
  say();
  say(
    '| corpus | objects | findings | shipshape cpu s | kubeconform cpu s | cpu ratio | shipshape peak RSS MiB | kubeconform peak RSS MiB | shipshape cpu runs | kubeconform cpu runs | note |',
  );
  say('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ours = median(r.ours.map((t) => t.cpuS));
    const theirs = median(r.theirs.map((t) => t.cpuS));
    const ratio = ours / theirs;
    say(
      `| ${r.style} | ${r.objects} | ${r.findings ?? 'n/a'} | ${fmt(ours)} | ${fmt(theirs)} | ${fmt(ratio)}x | ` +
        `${fmt(median(r.ours.map((t) => t.maxRssMiB)), 0)} | ${fmt(median(r.theirs.map((t) => t.maxRssMiB)), 0)} | ` +
        `${r.ours.map((t) => fmt(t.cpuS)).join(' ')} | ${r.theirs.map((t) => fmt(t.cpuS)).join(' ')} | ${r.note ?? ''} |`,
    );
  }
  say();
  for (const r of rows) {
    const ratio = median(r.ours.map((t) => t.cpuS)) / median(r.theirs.map((t) => t.cpuS));
    if (Number.isFinite(ratio))
      say(
        `- ${r.style}, ${r.objects} objects: review CPU ${fmt(ratio)}x kubeconform (target ≤ ${TARGETS.cpuRatio}x: ${ratio <= TARGETS.cpuRatio ? 'met' : 'NOT met'})`,
      );
  }
  const plain = rows.filter((r) => r.style === 'plain').sort((a, b) => a.objects - b.objects);
  const rss = (r: Runs) => median(r.ours.map((t) => t.maxRssMiB));
  const largest = plain.at(-1);
  if (largest) {
    const met =
      largest.objects < 100_000
        ? 'not measured at 100,000'
        : rss(largest) <= TARGETS.rssAt100kMiB
          ? 'met'
          : 'NOT met; why: docs/decisions/0046-memory-of-large-reviews.md, "What still grows"';
    say(
      `- peak RSS at ${largest.objects} objects: ${fmt(rss(largest), 0)} MiB (target ≤ ${TARGETS.rssAt100kMiB} MiB at 100,000: ${met})`,
    );
  }
  for (let i = 1; i < plain.length; i++) {
    const from = plain[i - 1]!;
    const to = plain[i]!;
    const growth = rss(to) / rss(from);
    say(
      `- peak RSS from ${from.objects} to ${to.objects} objects (×${fmt(to.objects / from.objects, 0)}): ` +
        `×${fmt(growth)} (${growth < (to.objects / from.objects) * 0.5 ? 'sub-linear' : 'NOT clearly sub-linear'})`,
    );
  }
  say();
  if (outputs.length > 0) {
    say(
      `## Output size: ${options.outputObjects} objects, ${outputFindings ?? 'n/a'} findings (issue #13 item 5)`,
    );
    say();
    say(
      'Deployments that break 13 or more default checks each (bench/generate.ts style `findings`); the report streamed to a ' +
        'file by each format (decision 0047). One run per format.',
    );
    say();
    say('| format | exit | output MiB | wall s | cpu s | peak RSS MiB | target ≤ 1536 MiB |');
    say('|---|---|---|---|---|---|---|');
    for (const o of outputs)
      say(
        `| ${o.format} | ${o.status} | ${fmt(o.bytes / 2 ** 20, 0)} | ${fmt(o.wallS)} | ${fmt(o.cpuS)} | ${fmt(o.maxRssMiB, 0)} | ${o.maxRssMiB <= TARGETS.outputRssMiB ? 'met' : 'NOT met'} |`,
      );
    say();
  }
  return out;
}
