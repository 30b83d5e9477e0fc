// shipshape capacity through the real CLI on snapshot files: output formats, bad input, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CapacityReport } from '../../src/capacity/report.ts';
import { app, node, pod } from '../../src/testing/capacity-objects.ts';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['src/cli/main.ts', 'capacity', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

function snapshot(items: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'capacity-cli-'));
  const file = join(dir, 'cluster.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  return file;
}

const healthy = snapshot([
  node('n1', { cpu: '4', memory: '8Gi', pods: '110' }),
  node('n2', { cpu: '4', memory: '8Gi', pods: '110' }),
  pod('web', 'shop', { nodeName: 'n1', containers: [app({ cpu: '1', memory: '2Gi' })] }),
  {
    apiVersion: 'metrics.k8s.io/v1beta1',
    kind: 'NodeMetrics',
    metadata: { name: 'n1' },
    usage: { cpu: '600m', memory: '1500Mi' },
  },
]);

describe('shipshape capacity', () => {
  it('prints the report, exit 0; JSON is the documented document', () => {
    const text = cli(['--snapshot', healthy, '--pod-size', 'cpu=1,memory=1Gi']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /7 more pods of this size can be created and scheduled now/);
    const json = cli(['--snapshot', healthy, '-o', 'json']);
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout) as CapacityReport;
    assert.equal(report.command, 'capacity');
    assert.equal(report.usage.available, true);
    assert.equal(report.nodes[0]!.usage?.cpu, 600);
    assert.equal(report.cluster.requested.cpu, 1000);
    assert.equal(report.headroom, undefined);
    assert.equal(report.stranded?.shape, 'average running pod (cpu=1,memory=2Gi)');
  });

  it('markdown and csv', () => {
    const md = cli(['--snapshot', healthy, '-o', 'markdown']);
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^# Cluster capacity\n/);
    const csv = cli(['--snapshot', healthy, '-o', 'csv']);
    assert.equal(csv.status, 0, csv.stderr);
    assert.match(csv.stdout, /^view,name,group,resource,measure,value,unit\r\n/);
  });

  it('bad input: says what and where, shows the rest, exit 2', () => {
    const bad = snapshot([
      node('n1', { cpu: '4', memory: '8Gi', pods: '110' }),
      node('blank', undefined),
      pod('odd', 'shop', { nodeName: 'n1', containers: [app({ cpu: '1', memory: 'lots' })] }),
    ]);
    const run = cli(['--snapshot', bad, '--pod-size', 'cpu=1']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stdout, /error: node blank has no status.allocatable/);
    assert.match(
      run.stdout,
      /error: pod shop\/odd: container app requests.memory "lots" is not a Kubernetes quantity; counted as 0/,
    );
    assert.match(run.stdout, /3 more pods of this size/);
  });

  it('usage mistakes exit 2 with the reason', () => {
    const size = cli(['--snapshot', healthy, '--pod-size', 'cpu=much']);
    assert.equal(size.status, 2);
    assert.match(size.stderr, /"much" is not a Kubernetes quantity/);
    const workload = cli(['--snapshot', healthy, '--pod-size', 'deployment/web', '-n', 'shop']);
    assert.equal(workload.status, 2);
    assert.match(workload.stderr, /Deployment objects could not be read|no Deployment "web"/);
    const format = cli(['--snapshot', healthy, '-o', 'yaml']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /must be one of text, json, markdown, csv/);
    const missing = cli(['--snapshot', join(tmpdir(), 'no-such-snapshot.json')]);
    assert.equal(missing.status, 2);
  });
});
