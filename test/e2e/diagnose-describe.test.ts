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

  it('causes and fixes from the text alone: a claim on a missing class with its waiting pod, quota refusals', () => {
    const json = (file: string) => {
      const run = shipshape([
        'diagnose',
        '--describe',
        `${TESTDATA}/${file}`,
        '-o',
        'json',
        '--fail-on',
        'medium',
      ]);
      assert.equal(run.status, 1, run.stderr);
      return JSON.parse(run.stdout) as Report;
    };
    // `kubectl describe pvc` + `describe pod` from the test bed: the PV controller's event names the class.
    const claim = json('claim-missing-class.txt');
    assert.equal(claim.causes?.length, 1);
    const [cause] = claim.causes!;
    assert.equal(
      cause!.summary,
      'PersistentVolumeClaim shop/data-db-0 is Pending: StorageClass "fast-ssd" does not exist.',
    );
    assert.deepEqual(
      cause!.consequences.map((c) => claim.findings[c.finding]?.object.name),
      ['db-0'],
    );
    assert.match(cause!.fix, /^Create StorageClass "fast-ssd"/);
    // `kubectl describe rs`: the refusal in the FailedCreate events; the fix goes to the owning Deployment.
    const fields = json('replicaset-quota-fields.txt').causes![0]!;
    assert.match(
      fields.summary,
      /ResourceQuota compute requires limits\.cpu, limits\.memory, requests\.cpu and requests\.memory/,
    );
    assert.match(
      fields.fix,
      /to container app in the pod template of Deployment web, or create a LimitRange in namespace shop/,
    );
    const exceeded = json('replicaset-quota-exceeded.txt').causes![0]!;
    assert.match(exceeded.fix, /^Raise requests\.cpu to at least 1200m in ResourceQuota compute/);
  });

  it('no nodes in the text: the fix covers exactly the reasons the scheduler gave', () => {
    const run = shipshape(['diagnose', '--describe', '-', '-o', 'json'], {
      input: readFileSync(`${TESTDATA}/claim-missing-class.txt`, 'utf8').split(/\n(?=Name:)/)[1]!,
    });
    const report = JSON.parse(run.stdout) as Report;
    const pending = report.findings.find((f) => f.check === 'pod-unschedulable');
    assert.match(pending?.remediation ?? '', /^Get its PersistentVolumeClaims bound/);
    assert.doesNotMatch(pending?.remediation ?? '', /toleration|request|uncordon/);
  });
});
