// Scores shipshape against the peers' fixtures and holds the agreement reached so far: it fails when agreement
// drops or when fewer cases are scored (a lost mapping), never passes because nothing was compared.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { score as scoreDiagnose } from './diagnose.ts';
import { score as scoreKubeLinter } from './kube-linter.ts';
import { classify, score as scorePluto, upstreamAnswer } from './pluto.ts';
import { score as scorePolaris } from './polaris.ts';
import { percent, scoreAll, summaryLine } from './score.ts';
import {
  agreement,
  agreementWhereUpstreamAgrees,
  type CorpusScore,
  corpusAvailable,
  corpusDir,
} from './types.ts';

const dir = corpusDir();
const skip = corpusAvailable(dir) ? false : `corpus not found at ${dir} (set SHIPSHAPE_CORPUS)`;

/**
 * Floors at the last commit of test/corpus. Target (issue #2): ≥ 95% on every mapped check. `scored` is the
 * number of cases compared (agree + disagree); raise both as checks land, never lower them.
 */
const FLOORS: Record<string, { agreement: number; scored: number }> = {
  polaris: { agreement: 95, scored: 298 },
  'kube-linter': { agreement: 95, scored: 63 },
  diagnose: { agreement: 100, scored: 144 },
};

/** Disputed diagnose expectations (ADR 0022): a new one must be argued there, not absorbed by a loose rule. */
const DIAGNOSE_DISPUTED_MAX = 8;

function holds(score: CorpusScore): void {
  const floor = FLOORS[score.peer]!;
  const scored = score.agree + score.disagree;
  const value = agreement(score) ?? 0;
  const detail = `\n${score.details.join('\n')}`;
  assert.ok(
    scored >= floor.scored,
    `${score.peer}: only ${scored} cases scored, floor ${floor.scored}${detail}`,
  );
  assert.ok(
    value >= floor.agreement,
    `${score.peer}: agreement ${percent(score)} < ${floor.agreement}%${detail}`,
  );
}

describe('corpus scoring', { skip }, () => {
  it('agrees with Polaris on its per-check fixtures', async () => {
    holds(await scorePolaris(dir));
  });

  it('agrees with kube-linter on its e2e fixtures', async () => {
    holds(await scoreKubeLinter(dir));
  });

  it('agrees with the diagnose corpus, disputing no more than ADR 0022 argues', async () => {
    const score = await scoreDiagnose(dir);
    holds(score);
    assert.ok(
      (score.disputed ?? 0) <= DIAGNOSE_DISPUTED_MAX,
      `diagnose: ${score.disputed} disputed, at most ${DIAGNOSE_DISPUTED_MAX}\n${score.details.join('\n')}`,
    );
  });

  it('agrees with Pluto wherever Pluto agrees with Kubernetes, and says why elsewhere (ADR 0054)', async () => {
    const score = await scorePluto(dir);
    const detail = `\n${score.details.join('\n')}`;
    assert.ok(
      score.agree + score.disagree >= 202,
      `pluto: only ${score.agree + score.disagree} probes${detail}`,
    );
    assert.ok((agreement(score) ?? 0) >= 84.1, `pluto: raw agreement ${percent(score)}${detail}`);
    assert.equal(
      agreementWhereUpstreamAgrees(score),
      100,
      `pluto: a disagreement upstream does not decide${detail}`,
    );
    for (const line of score.details.filter((l) => l.startsWith('pluto contradicts upstream')))
      assert.match(
        line,
        /upstream: .*k8s\.io\/[\w-]+@v[\d.]+ [\w/]+/,
        'every contradicted row cites its module and file',
      );
    assert.ok(!score.details.some((l) => l.startsWith('agrees with pluto, not with upstream')), detail);
  });

  it('reports every corpus case exactly once', async () => {
    const polaris = await scorePolaris(dir);
    assert.equal(polaris.agree + polaris.disagree + polaris.notApplicable, 302);
    const kubeLinter = await scoreKubeLinter(dir);
    assert.equal(kubeLinter.agree + kubeLinter.disagree + kubeLinter.notApplicable, 68);
  });
});

describe('pluto: a disagreement is Pluto contradicting upstream only when ours is upstream’s answer', () => {
  const upstream = { verdict: 'api-version-removed', evidence: 'k8s.io/api@v0.37.2 x/v1beta1/…' };
  it('classifies each probe from the answers alone', () => {
    assert.equal(classify('api-version-removed', 'api-version-removed', upstream), 'agree');
    assert.equal(classify('api-version-removed', 'nothing', upstream), 'pluto-contradicts-upstream');
    // ours is neither Pluto's nor upstream's: ours to fix
    assert.equal(classify('api-version-deprecated', 'nothing', upstream), 'disagree');
    // Pluto is upstream's answer and ours is not
    assert.equal(classify('nothing', 'api-version-removed', upstream), 'disagree');
    // upstream silent: nothing decides it
    assert.equal(classify('nothing', 'api-version-removed', undefined), 'disagree');
  });

  const table = [
    {
      apiVersion: 'x.k8s.io/v1beta1',
      kind: 'Thing',
      deprecated: '1.23',
      removed: '1.26',
      source: 'k8s.io/api@v0.37.2',
      package: 'x/v1beta1',
    },
    {
      apiVersion: 'x.k8s.io/v1beta2',
      kind: 'Thing',
      removed: '1.29',
      removedFrom: 'openapi' as const,
      source: 'openapi',
    },
  ];
  const never = () => false;
  it('answers from the generated lifecycle table at the target minor, citing module and file', () => {
    assert.equal(upstreamAnswer('x.k8s.io/v1beta1', 'Thing', '1.22', table, never)?.verdict, 'nothing');
    assert.equal(
      upstreamAnswer('x.k8s.io/v1beta1', 'Thing', '1.23', table, never)?.verdict,
      'api-version-deprecated',
    );
    const removed = upstreamAnswer('x.k8s.io/v1beta1', 'Thing', '1.26', table, never);
    assert.equal(removed?.verdict, 'api-version-removed');
    assert.match(
      removed?.evidence ?? '',
      /k8s\.io\/api@v0\.37\.2 x\/v1beta1\/zz_generated\.prerelease-lifecycle\.go: deprecated 1\.23, removed 1\.26/,
    );
    assert.match(
      upstreamAnswer('x.k8s.io/v1beta2', 'Thing', '1.29', table, never)?.evidence ?? '',
      /OpenAPI of 1\.29 no longer lists it/,
    );
  });

  it('answers "nothing" for a kind the package never declares and no OpenAPI lists; else stays silent', () => {
    const absent = upstreamAnswer('x.k8s.io/v1beta1', 'Other', '1.26', table, never);
    assert.equal(absent?.verdict, 'nothing');
    assert.match(absent?.evidence ?? '', /declares Thing and no Other/);
    assert.equal(
      upstreamAnswer('x.k8s.io/v1beta1', 'Other', '1.26', table, () => true),
      undefined,
    );
    assert.equal(upstreamAnswer('y.k8s.io/v1beta1', 'Thing', '1.26', table, never), undefined);
  });
});

describe('score.ts summary line', () => {
  const make = (
    peer: string,
    agree: number,
    disagree: number,
    extra: Partial<CorpusScore> = {},
  ): CorpusScore => ({
    peer,
    agree,
    disagree,
    notApplicable: 0,
    details: [],
    ...extra,
  });

  it('prints percentages, n/a for missing scorers, and the schema error count', () => {
    const line = summaryLine([
      { key: 'polaris', score: make('polaris', 199, 1) },
      { key: 'kube-linter', score: make('kube-linter', 2, 1) },
      { key: 'pod-security', missing: 'pod-security.ts not written yet' },
      { key: 'kubeconform', score: make('kubeconform', 0, 0) },
      { key: 'real-world', score: make('real-world', 19, 0, { schemaErrors: 3 }) },
    ]);
    assert.equal(
      line,
      'corpus agreement: polaris=99.5% kube-linter=66.7% pod-security=n/a kubeconform=n/a real-world-schema-errors=3',
    );
  });

  it('shows disputed expectations beside the percentage they are left out of', () => {
    assert.equal(
      summaryLine([{ key: 'diagnose', score: make('diagnose', 144, 0, { disputed: 8 }) }]),
      'corpus agreement: diagnose=100.0% diagnose-disputed=8',
    );
  });

  it('prints the raw agreement and the agreement where the peer does not contradict upstream', () => {
    assert.equal(
      summaryLine([{ key: 'pluto', score: make('pluto', 128, 17, { contradictsUpstream: 17 }) }]),
      'corpus agreement: pluto=88.3% pluto-where-upstream-agrees=100.0% pluto-contradicts-upstream=17',
    );
    assert.equal(
      summaryLine([{ key: 'pluto', score: make('pluto', 127, 18, { contradictsUpstream: 17 }) }]),
      'corpus agreement: pluto=87.6% pluto-where-upstream-agrees=99.2% pluto-contradicts-upstream=17',
    );
  });

  it('gives n/a for a module that does not exist', async () => {
    const results = await scoreAll(dir, [{ key: 'nothing', module: 'no-such-scorer.ts' }]);
    assert.equal(results.length, 1);
    assert.equal(results[0]!.score, undefined);
    assert.match(results[0]!.missing ?? '', /not written yet/);
  });
});
