// shipshape diagnose on snapshot files, through the real CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Report } from '../../src/core/report.ts';
import { deployment, list, node, pod, replicaSetName } from '../../src/testing/cluster-builders.ts';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('diagnose --snapshot', () => {
  it('judges ages as of when the snapshot was taken (newest node heartbeat of a kubectl List)', () => {
    const run = cli(['diagnose', '--snapshot', 'examples/broken-cluster/snapshot.yaml', '--no-color']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /- last heartbeat 19m ago\n/);
    assert.match(run.stdout, /Warning BackOff \(x41 over 54m, last 30s ago\)/);
  });

  it('explains the bundled broken cluster: causes ranked, healthy namespace silent', () => {
    const run = cli(['diagnose', '--snapshot', 'examples/broken-cluster/snapshot.yaml', '-o', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(report.source.kind, 'snapshot');
    const summaries = (report.causes ?? []).map((c) => c.summary);
    assert.equal(
      summaries[0],
      'Node node-3 is Unknown (the kubelet stopped reporting): its pods are unavailable or being evicted.',
    );
    assert.ok(
      summaries.includes('ConfigMap shop/cart-config is missing; pods that reference it cannot start.'),
    );
    const cart = report.causes?.find((c) => c.summary.startsWith('ConfigMap shop/cart-config'));
    assert.equal(cart?.impact.pods, 5);
    assert.equal(cart?.root.length, 5);
    // The Deployment short of replicas is the pods' consequence, not a cause of its own.
    assert.deepEqual(
      cart?.consequences.map((c) => report.findings[c.finding]?.object.name),
      ['cart'],
    );
    assert.ok(!summaries.some((s) => s.startsWith('Deployment shop/cart has')));
    assert.ok(
      report.findings.every((f) => f.object.namespace !== 'monitoring'),
      'healthy namespace must produce nothing',
    );
    assert.ok(report.findings.every((f) => f.file === undefined && f.line === undefined));
  });
  it('narrows to one namespace with -n', () => {
    const run = cli([
      'diagnose',
      '--snapshot',
      'examples/broken-cluster/snapshot.yaml',
      '-n',
      'monitoring',
      '-o',
      'json',
    ]);
    assert.equal(run.status, 0, run.stdout);
    assert.equal((JSON.parse(run.stdout) as Report).findings.length, 0);
  });
  it('reads gzip JSON and typed lists whose items lack kind (cluster-info dump style)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-snap-'));
    const pods = {
      apiVersion: 'v1',
      kind: 'PodList',
      items: [
        pod('a', { owner: { kind: 'ReplicaSet', name: replicaSetName('a') }, state: { kind: 'crashloop' } }),
      ].map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
    };
    writeFileSync(join(dir, 'pods.json.gz'), gzipSync(JSON.stringify(pods)));
    const run = cli(['diagnose', '--snapshot', join(dir, 'pods.json.gz'), '-o', 'json', '--fail-on', 'none']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      (JSON.parse(run.stdout) as Report).findings.map((f) => f.check),
      ['pod-crash-looping'],
    );
  });
  it('reports a truncated gzip snapshot clearly and exits 2 without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-snap-'));
    const good = gzipSync(JSON.stringify(list([node('n'), ...deployment('x')])));
    writeFileSync(join(dir, 'cut.json.gz'), good.subarray(0, Math.floor(good.length / 2)));
    const run = cli(['diagnose', '--snapshot', join(dir, 'cut.json.gz'), '-o', 'json']);
    assert.equal(run.status, 2);
    const report = JSON.parse(run.stdout) as Report;
    assert.match(report.errors[0]?.message ?? '', /corrupt or truncated gzip/);
    assert.doesNotMatch(run.stderr, /at .*\.ts:\d+/);
  });
});
