// shipshape diagnose --describe: pasted `kubectl describe` text through the real CLI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Report } from '../../src/core/report.ts';
import { shipshape } from './cli-support.ts';

const TESTDATA = 'src/sources/describe/testdata';

describe('diagnose --describe', () => {
  it('reads stdin and prints the cause with what the text could not tell', () => {
    const run = shipshape(['diagnose', '--describe', '-', '--no-color'], {
      input: readFileSync(`${TESTDATA}/pod-crashloop.txt`, 'utf8'),
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stdout,
      /^1\. HIGH ReplicaSet shop\/orders-api-5f7d8b9c4d: container "api" runs out of memory \(limit 256Mi\) and is restarted in a loop\.\n/,
    );
    assert.match(run.stdout, /could not be known or read\n {2}- owners not in the text/);
    assert.match(
      run.stdout,
      /\$ kubectl -n shop logs orders-api-5f7d8b9c4d-x2kq9 -c api --previous --tail=50/,
    );
  });

  it('reads several files as one picture, JSON with source kind describe', () => {
    const run = shipshape([
      'diagnose',
      '--describe',
      `${TESTDATA}/pending-with-nodes.txt`,
      `${TESTDATA}/deployment.txt`,
      '-o',
      'json',
    ]);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(report.source.kind, 'describe');
    assert.deepEqual(report.findings.map((f) => f.check).sort(), [
      'pod-unschedulable',
      'workload-replicas-unavailable',
    ]);
    assert.ok(report.errors.every((e) => e.level === 'warning'));
  });

  it('refuses to mix pasted text with a live cluster, and reports unreadable files', () => {
    const mixed = shipshape(['diagnose', '--describe', '-', '--snapshot', 'x.yaml']);
    assert.equal(mixed.status, 2);
    assert.match(mixed.stderr, /--describe reads pasted text/);
    const missing = shipshape(['diagnose', '--describe', 'does-not-exist.txt', '-o', 'json']);
    assert.equal(missing.status, 2);
    assert.match(
      (JSON.parse(missing.stdout) as Report).errors[0]?.message ?? '',
      /cannot read "does-not-exist.txt"/,
    );
  });
});
