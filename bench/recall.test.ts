import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { generate } from './generate.ts';
import {
  checkovFlagged,
  kubeconformFlagged,
  MISTAKES,
  normaliseTrivyId,
  plantedObjects,
  score,
  shipshapeFlagged,
  trivyFlagged,
} from './recall.ts';

const ROOT = resolve(import.meta.dirname, '..');

test('the generator records every planted mistake at an object that is in the named file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sites-'));
  try {
    const g = generate(join(dir, 'c'), 3000);
    const total = Object.values(g.planted).reduce((a, b) => a + b, 0);
    assert.equal(g.sites.length, total);
    for (const { mistake } of MISTAKES) {
      assert.equal(g.sites.filter((s) => s.mistake === mistake).length, g.planted[mistake], mistake);
    }
    for (const site of g.sites) {
      const text = readFileSync(join(g.dir, site.file), 'utf8');
      const doc = text.split(/^---$/m).find((d) => new RegExp(`^kind: ${site.kind}$`, 'm').test(d));
      assert.ok(doc, `${site.file} has no ${site.kind}`);
      assert.match(doc, new RegExp(`^  name: ${site.name}$`, 'm'));
    }
    // The same seed and size give the same corpus and sites.
    const again = generate(join(dir, 'd'), 3000);
    assert.deepEqual(
      again.sites,
      g.sites.map((s) => ({ ...s })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('plantedObjects and score count objects, not containers, and report flags elsewhere', () => {
  const planted = plantedObjects([
    { mistake: 'latestTag', kind: 'Deployment', name: 'a', file: 'f' },
    { mistake: 'latestTag', kind: 'Deployment', name: 'a', file: 'f' },
    { mistake: 'latestTag', kind: 'StatefulSet', name: 'b', file: 'g' },
  ]);
  assert.equal(planted.latestTag.size, 2);
  assert.equal(planted.unknownField.size, 0);
  assert.deepEqual(score(planted.latestTag, new Set(['Deployment/a', 'Deployment/c'])), {
    caught: 1,
    planted: 2,
    elsewhere: 1,
  });
  assert.equal(score(planted.latestTag, undefined), undefined);
});

test('kubeconform: only invalid resources with an additional property count as unknown fields', () => {
  const report = {
    resources: [
      {
        filename: 'x/app-00079.yaml',
        kind: 'Deployment',
        name: 'growth-svc-79',
        version: 'apps/v1',
        status: 'statusInvalid',
        msg: "problem validating schema. Check JSON formatting: jsonschema validation failed with 'file:///s/deployment-apps-v1.json#' - at '/spec/template/spec/containers/0/resources': additional properties 'imagePullPolicy' not allowed",
        validationErrors: [{ path: '/spec', msg: 'validation failed' }],
      },
      {
        filename: 'x/app-00080.yaml',
        kind: 'Service',
        name: 'typed',
        status: 'statusInvalid',
        msg: "at '/spec/ports/0/port': got string, want integer",
      },
      {
        filename: 'x/app-00081.yaml',
        kind: 'Secret',
        name: 'nope',
        status: 'statusError',
        msg: 'additional properties',
      },
    ],
    summary: { valid: 7, invalid: 2, errors: 1, skipped: 0 },
  };
  const { flagged, summary } = kubeconformFlagged(JSON.stringify(report));
  assert.deepEqual([...flagged.unknownField!], ['Deployment/growth-svc-79']);
  assert.equal(summary?.errors, 1);
  assert.deepEqual(kubeconformFlagged('not json').flagged.unknownField!.size, 0);
  assert.equal(kubeconformFlagged('not json').summary, undefined);
});

test('checkov: mapped failed checks flag their object; other ids and malformed entries do not', () => {
  const part = (failed: unknown[]) => ({ check_type: 'kubernetes', results: { failed_checks: failed } });
  const flagged = checkovFlagged(
    JSON.stringify([
      part([
        { check_id: 'CKV_K8S_14', resource: 'Deployment.search-0.search-svc-1' },
        { check_id: 'CKV_K8S_12', resource: 'StatefulSet.media-1.media-svc-2' },
        { check_id: 'CKV_K8S_43', resource: 'Deployment.search-0.search-svc-9' },
        { check_id: 'CKV_K8S_16', resource: '' },
      ]),
      part([{ check_id: 'CKV_K8S_16', resource: 'DaemonSet.billing-0.billing-svc-5' }]),
    ]),
  );
  assert.deepEqual([...flagged.latestTag!], ['Deployment/search-svc-1']);
  assert.deepEqual([...flagged.noResources!], ['StatefulSet/media-svc-2']);
  assert.deepEqual([...flagged.privileged!], ['DaemonSet/billing-svc-5']);
  assert.equal(flagged.unknownField, undefined);
  assert.deepEqual(Object.keys(checkovFlagged('{')), ['latestTag', 'noResources', 'privileged']);
});

test('trivy: failed mapped checks flag the object named in the result; passes and other ids do not', () => {
  assert.equal(normaliseTrivyId('KSV013'), 'KSV-0013');
  assert.equal(normaliseTrivyId('AVD-KSV-0013'), 'KSV-0013');
  assert.equal(normaliseTrivyId('KSV-0110'), 'KSV-0110');
  assert.equal(normaliseTrivyId('DS002'), 'DS002');
  const flagged = trivyFlagged(
    JSON.stringify({
      Results: [
        {
          Target: 'group-000/app-00001.yaml',
          Misconfigurations: [
            {
              ID: 'KSV013',
              Status: 'FAIL',
              Message: "Container 'search-svc-1' of Deployment 'search-svc-1' should specify an image tag",
            },
            { ID: 'KSV-0017', Status: 'FAIL', CauseMetadata: { Resource: 'DaemonSet/billing-svc-5' } },
            { ID: 'KSV-0011', Status: 'PASS', Message: "Container 'x' of Deployment 'ok' should set limits" },
            {
              ID: 'KSV-0020',
              Status: 'FAIL',
              Message: "Container 'x' of Deployment 'other' should run high",
            },
          ],
        },
      ],
    }),
  );
  assert.deepEqual([...flagged.latestTag!], ['Deployment/search-svc-1']);
  assert.deepEqual([...flagged.privileged!], ['DaemonSet/billing-svc-5']);
  assert.equal(flagged.noResources!.size, 0);
});

test('shipshape catches every planted mistake on a generated corpus, and flags no clean object for them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-recall-'));
  try {
    const g = generate(join(dir, 'c'), 600);
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'src', 'cli', 'main.ts'), 'review', g.dir, '-o', 'json', '--fail-on', 'none'],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    assert.equal(run.status, 0, run.stderr);
    const flagged = shipshapeFlagged(JSON.parse(run.stdout));
    const planted = plantedObjects(g.sites);
    let seen = 0;
    for (const { mistake } of MISTAKES) {
      const s = score(planted[mistake], flagged[mistake])!;
      assert.equal(s.caught, s.planted, mistake);
      assert.equal(s.elsewhere, 0, mistake);
      seen += s.planted;
    }
    assert.ok(seen > 5, `too few planted mistakes to mean anything (${seen})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
