// Scores shipshape against Polaris' per-check fixtures (../shared/corpus/polaris/cases.json).
// fire = with only the mapped shipshape checks on, at least one finding in the file; no-fire = none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckTally, type CorpusScore, peerMap, reviewPaths, tally } from './types.ts';

interface PolarisCase {
  file: string;
  peerCheck: string;
  expect: 'fire' | 'no-fire';
  defaultSeverity: string | null;
  customCheck?: string;
}

export async function score(corpusDir: string): Promise<CorpusScore> {
  const dir = join(corpusDir, 'polaris');
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as PolarisCase[];
  const map = peerMap('polaris');
  const perCheck: Record<string, CheckTally> = {};
  const result: CorpusScore = {
    peer: 'polaris',
    agree: 0,
    disagree: 0,
    notApplicable: 0,
    details: [],
    perCheck,
  };
  for (const c of cases) {
    const ours = map.get(c.peerCheck) ?? [];
    const entry = tally(perCheck, c.peerCheck, ours);
    if (ours.length === 0) {
      // Custom checks (nakedPod, oneController, resourceRange) land here too unless we declare an equivalent.
      result.notApplicable++;
      entry.notApplicable++;
      continue;
    }
    const run = reviewPaths(
      [join(dir, c.file)],
      ours.map((check) => check.id),
    );
    const fired = run.findings.length > 0;
    const ok = fired === (c.expect === 'fire');
    const crashed = run.problems.filter((p) => p.kind === 'check');
    if (ok && crashed.length === 0) {
      result.agree++;
      entry.agree++;
      continue;
    }
    result.disagree++;
    entry.disagree++;
    const got = fired
      ? `fire (${run.findings.length}: ${run.findings
          .slice(0, 3)
          .map((f) => `${f.check} ${f.object.kind}/${f.object.name}: ${f.message}`)
          .join('; ')}${run.findings.length > 3 ? '; …' : ''})`
      : 'no-fire';
    const problems =
      run.problems.length > 0 ? ` [problems: ${run.problems.map((p) => p.message).join('; ')}]` : '';
    result.details.push(
      `polaris/${c.file}  peer=${c.peerCheck}  ours=${ours.map((o) => o.id).join(',')}  expected=${c.expect}  got=${got}${problems}`,
    );
  }
  return result;
}
