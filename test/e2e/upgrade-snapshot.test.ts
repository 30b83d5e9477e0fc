// shipshape upgrade --to on a snapshot and on manifests, through the real CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { helmReleaseSecret } from '../../src/testing/cluster-builders.ts';
import { shipshape } from './cli-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-upgrade-'));
const removed = helmReleaseSecret(
  'jobs',
  'batch',
  'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n',
);
const truncated = helmReleaseSecret('web', 'shop', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
(truncated.data as { release: string }).release = (truncated.data as { release: string }).release.slice(
  0,
  30,
);
const snapshot = join(dir, 'snapshot.json');
writeFileSync(
  snapshot,
  JSON.stringify({
    apiVersion: 'shipshape.dev/v1alpha1',
    kind: 'Snapshot',
    metadata: { kindsRead: ['Secret'] },
    items: [removed, truncated],
  }),
);

describe('upgrade --to', () => {
  it('finds a removed API in a Helm release, reports the unreadable one, and is blocked', () => {
    const run = shipshape([
      'upgrade',
      '--to',
      '1.34',
      '--snapshot',
      snapshot,
      '-o',
      'json',
      '--fail-on',
      'none',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    const messages = report.findings.map((f: { message: string }) => f.message);
    assert.ok(
      messages.some((m: string) =>
        /contains batch\/v1beta1 CronJob "nightly", removed in 1\.25; use batch\/v1/.test(m),
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m: string) => /cannot be read/.test(m)),
      'truncated release reported',
    );
    assert.equal(report.upgrade.verdict, 'blocked');
  });
  it('is ready for a version before the removal', () => {
    const run = shipshape([
      'upgrade',
      '--to',
      '1.24',
      '--snapshot',
      snapshot,
      '-o',
      'json',
      '--fail-on',
      'none',
    ]);
    const report = JSON.parse(run.stdout);
    assert.ok(!report.findings.some((f: { message: string }) => /CronJob "nightly"/.test(f.message)));
  });
  it('checks manifests at the target version', () => {
    const file = join(dir, 'hpa.yaml');
    writeFileSync(
      file,
      'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n',
    );
    const run = shipshape(['upgrade', '--to', '1.26', file, '-o', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout);
    assert.ok(
      report.findings.some((f: { check: string }) => f.check === 'api-version-removed'),
      run.stdout,
    );
    assert.equal(shipshape(['upgrade', file]).status, 2, '--to is required');
  });
});
