// Pluto (FairwindsOps/pluto) scorer: ../shared/corpus/deprecations/ (README there).
//   1. cases.json: Pluto's e2e cases over its fixtures, at their target versions (review's deprecation checks,
//      which `shipshape upgrade <paths>` runs, and whose table helm-release-api-removed and
//      api-version-removed-in-use share).
//   2. versions.yaml: every Kubernetes (component k8s) row of Pluto's data file, probed at three targets: the
//      removal minor (must be "removed"), the minor before it when already deprecated (must be "deprecated"),
//      and the minor before the deprecation (must be nothing). cert-manager and Istio rows are not applicable
//      (shipshape's table is Kubernetes' own APIs). Each probe is a one-object manifest we write ourselves.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type CheckTally, type CorpusScore, reviewPaths } from './types.ts';

const CHECKS = ['api-version-removed', 'api-version-deprecated'];
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

export async function score(corpusDir: string): Promise<CorpusScore> {
  const dir = join(corpusDir, 'deprecations');
  const result: CorpusScore = {
    peer: 'pluto',
    agree: 0,
    disagree: 0,
    notApplicable: 0,
    details: [],
    perCheck: {},
  };
  const tally = (key: string): CheckTally => {
    result.perCheck![key] ??= { agree: 0, disagree: 0, notApplicable: 0, ours: [...CHECKS] };
    return result.perCheck![key]!;
  };
  const judge = (key: string, ok: boolean, detail: string) => {
    if (ok) {
      result.agree++;
      tally(key).agree++;
    } else {
      result.disagree++;
      tally(key).disagree++;
      result.details.push(detail);
    }
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
    judge(
      'e2e',
      JSON.stringify(ours) === JSON.stringify(theirs),
      `e2e ${c.file} at ${target}: ours [${ours.join('; ')}] pluto [${theirs.join('; ')}]`,
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
        const run = reviewPaths([file], CHECKS, { settings: { kubeVersion: target } });
        const ours = [...new Set(run.findings.map((f) => f.check))].sort().join(',') || 'nothing';
        judge(
          key,
          ours === (expected ?? 'nothing'),
          `${row.version} ${row.kind} at ${target}: ours ${ours}, pluto ${expected ?? 'nothing'} (deprecated ${row['deprecated-in'] || '-'}, removed ${row['removed-in'] || '-'})`,
        );
      };
      if (removed) probe(removed, 'api-version-removed');
      const beforeRemoval = removed ? previous(removed) : undefined;
      if (deprecated && (!beforeRemoval || deprecated <= beforeRemoval))
        probe(
          beforeRemoval && compare(beforeRemoval, deprecated) >= 0 ? beforeRemoval : deprecated,
          'api-version-deprecated',
        );
      if (deprecated) probe(previous(deprecated), undefined);
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}

function compare(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number) as [number, number];
  const [b1, b2] = b.split('.').map(Number) as [number, number];
  return a1 - b1 || a2 - b2;
}
