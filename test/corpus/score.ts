// `npm run corpus`: scores shipshape against every peer corpus and ends with one summary line:
//   corpus agreement: polaris=NN.N% kube-linter=NN.N% pod-security=NN.N% kubeconform=NN.N% real-world-schema-errors=N
// Corpus: ../shared/corpus beside the clone, or $SHIPSHAPE_CORPUS. A scorer module that does not exist yet
// prints n/a. Each scorer exports `score(corpusDir): Promise<CorpusScore>` (types.ts).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  agreement,
  agreementWhereUpstreamAgrees,
  type CorpusScore,
  corpusAvailable,
  corpusDir,
  type Scorer,
} from './types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Scorers in summary-line order. `module` is relative to this folder. */
export const SCORERS: { key: string; module: string }[] = [
  { key: 'polaris', module: 'polaris.ts' },
  { key: 'kube-linter', module: 'kube-linter.ts' },
  { key: 'pod-security', module: 'pod-security.ts' },
  { key: 'kubeconform', module: 'kubeconform.ts' },
  { key: 'real-world', module: 'real-world.ts' },
  { key: 'diagnose', module: 'diagnose.ts' },
  { key: 'pluto', module: 'pluto.ts' },
];

export interface ScoredPeer {
  key: string;
  score?: CorpusScore;
  /** Why there is no score: module missing or it threw. */
  missing?: string;
}

export async function loadScorer(module: string): Promise<Scorer | undefined> {
  const path = join(HERE, module);
  if (!existsSync(path)) return undefined;
  const loaded = (await import(path)) as { score?: Scorer };
  return typeof loaded.score === 'function' ? loaded.score : undefined;
}

export async function scoreAll(dir = corpusDir(), scorers = SCORERS): Promise<ScoredPeer[]> {
  const out: ScoredPeer[] = [];
  for (const { key, module } of scorers) {
    let scorer: Scorer | undefined;
    try {
      scorer = await loadScorer(module);
    } catch (error) {
      out.push({ key, missing: `cannot load ${module}: ${(error as Error).message}` });
      continue;
    }
    if (!scorer) {
      out.push({ key, missing: `${module} not written yet` });
      continue;
    }
    try {
      out.push({ key, score: await scorer(dir) });
    } catch (error) {
      out.push({ key, missing: `${module} failed: ${(error as Error).stack ?? String(error)}` });
    }
  }
  return out;
}

export function percent(score: CorpusScore | undefined): string {
  const value = score ? agreement(score) : undefined;
  return value === undefined ? 'n/a' : `${value.toFixed(1)}%`;
}

function upstreamPercent(score: CorpusScore): string {
  const value = agreementWhereUpstreamAgrees(score);
  return value === undefined ? 'n/a' : `${value.toFixed(1)}%`;
}

export function summaryLine(results: ScoredPeer[]): string {
  const parts: string[] = [];
  for (const { key, score } of results) {
    if (key === 'real-world') parts.push(`real-world-schema-errors=${score?.schemaErrors ?? 'n/a'}`);
    else {
      // key=value tokens only, so the line stays machine-readable; disputed cases are left out of the percentage.
      parts.push(`${key}=${percent(score)}`);
      if (score?.disputed) parts.push(`${key}-disputed=${score.disputed}`);
      // The raw agreement above counts these as disagreements; the second figure leaves them out.
      if (score?.contradictsUpstream !== undefined)
        parts.push(
          `${key}-where-upstream-agrees=${upstreamPercent(score)} ${key}-contradicts-upstream=${score.contradictsUpstream}`,
        );
    }
  }
  return `corpus agreement: ${parts.join(' ')}`;
}

function printPeer({ key, score, missing }: ScoredPeer): void {
  console.log(`\n== ${key} ==`);
  if (!score) {
    console.log(`  n/a: ${missing}`);
    return;
  }
  console.log(
    `  agree ${score.agree}  disagree ${score.disagree}  not applicable ${score.notApplicable}  agreement ${percent(score)}` +
      (score.schemaErrors !== undefined ? `  schema errors ${score.schemaErrors}` : '') +
      (score.crashes !== undefined ? `  crashes ${score.crashes}` : '') +
      (score.disputed !== undefined ? `  disputed ${score.disputed}` : ''),
  );
  if (score.contradictsUpstream !== undefined)
    console.log(
      `  of the disagreements, ${score.contradictsUpstream} are cases where ${key} contradicts Kubernetes' own data and ours is upstream's; agreement on the other cases ${upstreamPercent(score)}`,
    );
  if (score.perCheck) {
    const rows = Object.entries(score.perCheck).sort(([a], [b]) => a.localeCompare(b));
    const covered = rows.filter(([, t]) => t.agree + t.disagree > 0);
    const uncovered = rows.filter(([, t]) => t.agree + t.disagree === 0);
    if (covered.length > 0) {
      console.log('  per peer check (agree/disagree/n-a → ours):');
      for (const [id, t] of covered)
        console.log(
          `    ${id.padEnd(44)} ${t.agree}/${t.disagree}/${t.notApplicable}  → ${t.ours.join(', ')}`,
        );
    }
    if (uncovered.length > 0) {
      console.log(`  not covered (${uncovered.length} peer checks, no mapped shipshape check):`);
      console.log(`    ${uncovered.map(([id]) => id).join(', ')}`);
    }
  }
  if (score.details.length > 0) {
    console.log('  disagreements and notes:');
    for (const line of score.details) console.log(`    ${line}`);
  }
}

if (import.meta.main) {
  const dir = corpusDir();
  if (!corpusAvailable(dir)) {
    console.error(`corpus not found at ${dir} (set SHIPSHAPE_CORPUS)`);
    process.exit(2);
  }
  console.log(`corpus: ${dir}`);
  const results = await scoreAll(dir);
  for (const result of results) printPeer(result);
  console.log('');
  console.log(summaryLine(results));
}
