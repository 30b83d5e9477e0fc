// Pluto (FairwindsOps/pluto) scorer: ../shared/corpus/deprecations/ (README there).
//   1. cases.json: Pluto's e2e cases over its fixtures, at their target versions (review's deprecation checks,
//      which `shipshape upgrade <paths>` runs, and whose table helm-release-api-removed and
//      api-version-removed-in-use share).
//   2. versions.yaml: every Kubernetes (component k8s) row of Pluto's data file, probed at up to four targets:
//      the removal minor (must be "removed"), the deprecation minor and the minor before the removal (must be
//      "deprecated"), and the minor before the deprecation (must be nothing). cert-manager and Istio rows are not applicable
//      (shipshape's table is Kubernetes' own APIs). Each probe is a one-object manifest we write ourselves.
// Every probe is also answered from Kubernetes' own lifecycle data (src/k8s/api-lifecycle.ts, generated from
// k8s.io/api's zz_generated.prerelease-lifecycle.go; decision 0054). A disagreement where our answer is upstream's
// and Pluto's is not is counted as "pluto contradicts upstream", with the module and file in its detail: decided
// here for every probe, never from a list of rows. It stays a disagreement in the raw agreement; the second
// agreement leaves those probes out (score.ts prints both).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { API_LIFECYCLE } from '../../src/k8s/api-lifecycle.ts';
import type { ApiLifecycle } from '../../src/k8s/api-lifecycle-types.ts';
import { bundledSchemaSet, bundledVersions } from '../../src/schema/bundled.ts';
import { loadFiles } from '../../src/sources/files/load-files.ts';
import { type CheckTally, type CorpusScore, reviewPaths } from './types.ts';

const CHECKS = ['api-version-removed', 'api-version-deprecated'];
const KIND_UNKNOWN = 'schema-kind-unknown';
/** API groups of files read by components (audit policy), never served by the API server. */
const NOT_SERVED_GROUPS = new Set(['audit.k8s.io']);

interface Case {
  file: string;
  targetVersion: string | null;
  expectFindings: { kind: string; name: string; apiVersion: string; deprecated: boolean; removed: boolean }[];
}

interface Row {
  version: string;
  kind: string;
  'deprecated-in'?: string;
  'removed-in'?: string;
  'replacement-api'?: string;
  component?: string;
}

const minor = (v: string | null | undefined): string | undefined => {
  const m = /^v?(\d+)\.(\d+)/.exec(v ?? '');
  return m ? `${m[1]}.${m[2]}` : undefined;
};
const previous = (m: string): string => {
  const [major, n] = m.split('.').map(Number) as [number, number];
  return `${major}.${n - 1}`;
};

/** What Kubernetes' own data answers for a probe ("nothing", or the check that must fire), and where it says so. */
export interface UpstreamAnswer {
  verdict: string;
  evidence: string;
}

/**
 * Upstream's answer for `apiVersion kind` at the target minor, from the generated lifecycle table: its status
 * there, or — for a kind the group/version's package never declares and no bundled OpenAPI (1.20 on) lists —
 * "nothing" (the API server never served it; review's schema-kind-unknown speaks instead). Undefined where
 * upstream is silent (no lifecycle for the group/version at all).
 */
export function upstreamAnswer(
  apiVersion: string,
  kind: string,
  target: string,
  table: readonly ApiLifecycle[] = API_LIFECYCLE,
  everListed: (apiVersion: string, kind: string) => boolean = listedByAnyBundledOpenApi,
): UpstreamAnswer | undefined {
  const row = table.find((r) => r.apiVersion === apiVersion && r.kind === kind);
  if (row) {
    const verdict =
      row.removed && compare(target, row.removed) >= 0
        ? 'api-version-removed'
        : row.deprecated && compare(target, row.deprecated) >= 0
          ? 'api-version-deprecated'
          : 'nothing';
    const where = row.package
      ? `${row.source} ${row.package}/zz_generated.prerelease-lifecycle.go`
      : row.source;
    const removal =
      row.removedFrom === 'openapi'
        ? `removed ${row.removed} (the OpenAPI of ${row.removed} no longer lists it)`
        : `removed ${row.removed ?? '-'}`;
    return { verdict, evidence: `${where}: deprecated ${row.deprecated ?? '-'}, ${removal}` };
  }
  const declared = table.filter((r) => r.apiVersion === apiVersion && r.package);
  if (declared.length === 0 || everListed(apiVersion, kind)) return undefined;
  const { source, package: pkg } = declared[0]!;
  return {
    verdict: 'nothing',
    evidence: `${source} ${pkg}/ declares ${declared.map((r) => r.kind).join(', ')} and no ${kind}, and no bundled OpenAPI (${bundledVersions()[0]}–${bundledVersions().at(-1)}) lists ${apiVersion} ${kind}: never served`,
  };
}

function listedByAnyBundledOpenApi(apiVersion: string, kind: string): boolean {
  return bundledVersions().some((v) => bundledSchemaSet(v).kinds.has(`${apiVersion}:${kind}`));
}

export type ProbeVerdict = 'agree' | 'pluto-contradicts-upstream' | 'disagree';

/**
 * agree: ours is Pluto's. pluto-contradicts-upstream: ours is upstream's answer and Pluto's is not. Anything
 * else (ours is neither, or upstream is silent) is a plain disagreement: ours to fix or to argue.
 */
export function classify(ours: string, pluto: string, upstream: UpstreamAnswer | undefined): ProbeVerdict {
  if (ours === pluto) return 'agree';
  return upstream && ours === upstream.verdict && pluto !== upstream.verdict
    ? 'pluto-contradicts-upstream'
    : 'disagree';
}

export async function score(corpusDir: string): Promise<CorpusScore> {
  const dir = join(corpusDir, 'deprecations');
  const result: CorpusScore = {
    peer: 'pluto',
    agree: 0,
    disagree: 0,
    notApplicable: 0,
    details: [],
    perCheck: {},
    contradictsUpstream: 0,
  };
  const tally = (key: string): CheckTally => {
    result.perCheck![key] ??= { agree: 0, disagree: 0, notApplicable: 0, ours: [...CHECKS] };
    return result.perCheck![key]!;
  };
  const judge = (
    key: string,
    ours: string,
    pluto: string,
    detail: string,
    upstream: UpstreamAnswer | undefined,
  ) => {
    const verdict = classify(ours, pluto, upstream);
    if (verdict === 'agree') {
      result.agree++;
      tally(key).agree++;
      // Both off Kubernetes' data: review does not follow its own table there.
      if (upstream && upstream.verdict !== ours)
        result.details.push(
          `agrees with pluto, not with upstream: ${detail}; upstream: ${upstream.evidence}`,
        );
      return;
    }
    result.disagree++;
    tally(key).disagree++;
    if (verdict === 'pluto-contradicts-upstream') {
      result.contradictsUpstream!++;
      result.details.push(`pluto contradicts upstream: ${detail}; upstream: ${upstream!.evidence}`);
    } else result.details.push(upstream ? `${detail}; upstream: ${upstream.evidence}` : detail);
  };

  // 1. e2e cases
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[];
  const defaultTarget =
    minor(
      (parse(readFileSync(join(dir, 'versions.yaml'), 'utf8')) as { 'target-versions'?: { k8s?: string } })[
        'target-versions'
      ]?.k8s,
    ) ?? '1.25';
  for (const c of cases) {
    const target = minor(c.targetVersion) ?? defaultTarget;
    const run = reviewPaths([join(dir, c.file)], CHECKS, { settings: { kubeVersion: target } });
    const ours = run.findings
      .map((f) => `${f.check} ${f.object.apiVersion} ${f.object.kind}/${f.object.name}`)
      .sort();
    const theirs = c.expectFindings
      .map(
        (e) =>
          `${e.removed ? 'api-version-removed' : 'api-version-deprecated'} ${e.apiVersion} ${e.kind}/${e.name}`,
      )
      .sort();
    const upstream = upstreamOfFile(join(dir, c.file), target);
    judge(
      'e2e',
      JSON.stringify(ours),
      JSON.stringify(theirs),
      `e2e ${c.file} at ${target}: ours [${ours.join('; ')}] pluto [${theirs.join('; ')}]`,
      upstream,
    );
  }

  // 2. the data file, row by row
  const rows =
    (parse(readFileSync(join(dir, 'versions.yaml'), 'utf8')) as { 'deprecated-versions'?: Row[] })[
      'deprecated-versions'
    ] ?? [];
  const tmp = mkdtempSync(join(tmpdir(), 'shipshape-pluto-'));
  try {
    rows.forEach((row, i) => {
      const key = row.component ?? 'k8s';
      const outOfScope =
        key !== 'k8s'
          ? `${key} API (shipshape's table is Kubernetes' own)`
          : /List$/.test(row.kind)
            ? 'a List kind (shipshape reads lists by their items, which carry the apiVersion)'
            : /\/v\d+alpha\d+$/.test(row.version)
              ? 'an alpha version (off by default; not in the table by design, src/k8s/deprecations.ts)'
              : NOT_SERVED_GROUPS.has(row.version.split('/')[0]!)
                ? 'a configuration-file API, not a served kind'
                : undefined;
      if (outOfScope) {
        result.notApplicable++;
        tally(key).notApplicable++;
        if (key === 'k8s') result.details.push(`n/a: ${row.version} ${row.kind}: ${outOfScope}`);
        return;
      }
      const file = join(tmp, `${i}.yaml`);
      writeFileSync(
        file,
        `apiVersion: ${row.version}\nkind: ${row.kind}\nmetadata:\n  name: probe\n  namespace: default\n`,
      );
      const removed = minor(row['removed-in']);
      const deprecated = minor(row['deprecated-in']);
      const probe = (target: string, expected: string | undefined) => {
        // schema-kind-unknown runs too, to show what review tells a user about a kind that was never served.
        const run = reviewPaths([file], [...CHECKS, KIND_UNKNOWN], { settings: { kubeVersion: target } });
        const ours =
          [...new Set(run.findings.filter((f) => f.check !== KIND_UNKNOWN).map((f) => f.check))]
            .sort()
            .join(',') || 'nothing';
        const unknown = run.findings.find((f) => f.check === KIND_UNKNOWN);
        const upstream = upstreamAnswer(row.version, row.kind, target);
        judge(
          key,
          ours,
          expected ?? 'nothing',
          `${row.version} ${row.kind} at ${target}: ours ${ours}, pluto ${expected ?? 'nothing'} (deprecated ${row['deprecated-in'] || '-'}, removed ${row['removed-in'] || '-'})` +
            (unknown ? `; review says ${KIND_UNKNOWN}: ${unknown.message}` : ''),
          upstream,
        );
      };
      if (removed) probe(removed, 'api-version-removed');
      const beforeRemoval = removed ? previous(removed) : undefined;
      if (deprecated) {
        // Deprecated from its deprecation minor up to the one before removal: both ends, so a deprecation
        // placed too early or too late is caught either way.
        if (!beforeRemoval || compare(deprecated, beforeRemoval) <= 0)
          probe(deprecated, 'api-version-deprecated');
        if (beforeRemoval && compare(beforeRemoval, deprecated) > 0)
          probe(beforeRemoval, 'api-version-deprecated');
        probe(previous(deprecated), undefined);
      }
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}

/**
 * Upstream's answer for a whole e2e fixture, in the form the case compares (its sorted findings as JSON): each
 * object's answer; undefined when upstream is silent on any of them.
 */
function upstreamOfFile(file: string, target: string): UpstreamAnswer | undefined {
  const expected: string[] = [];
  const evidence: string[] = [];
  for (const { ref } of loadFiles([file]).objects) {
    const { apiVersion, kind } = ref;
    const answer = upstreamAnswer(apiVersion, kind, target);
    if (!answer) return undefined;
    if (answer.verdict !== 'nothing') expected.push(`${answer.verdict} ${apiVersion} ${kind}/${ref.name}`);
    evidence.push(`${apiVersion} ${kind}: ${answer.evidence}`);
  }
  return { verdict: JSON.stringify(expected.sort()), evidence: evidence.join('; ') };
}

function compare(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number) as [number, number];
  const [b1, b2] = b.split('.').map(Number) as [number, number];
  return a1 - b1 || a2 - b2;
}
