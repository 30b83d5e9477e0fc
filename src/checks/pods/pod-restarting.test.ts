import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { pod } from '../../testing/cluster-builders.ts';
import { podRestarting } from './pod-restarting.ts';

function restarted(
  name: string,
  restarts: number,
  o: { ready?: boolean; lastReason?: string } = {},
): KubeObject {
  const p = pod(name, { namespace: 'web' });
  const status = (p.status as { containerStatuses: Record<string, unknown>[] }).containerStatuses[0]!;
  status.restartCount = restarts;
  if (o.ready === false) status.ready = false;
  if (o.lastReason) status.lastState = { terminated: { reason: o.lastReason, exitCode: 2 } };
  return p;
}

describe('pod-restarting', () => {
  it('fires at the threshold with the last termination', () => {
    const findings = analyze(podRestarting, [restarted('a', 12, { ready: false, lastReason: 'Error' })]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['container "app" restarted 12 times and is not ready (last: Error, exit code 2)'],
    );
    assert.equal(findings[0]?.cause?.pods, 1);
  });
  it('counts a ready container as no pod down', () => {
    const findings = analyze(podRestarting, [restarted('b', 10)]);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.cause?.pods, 0);
  });
  it('does not fire below the threshold, on crash loops, OOM kills, finished or terminating pods', () => {
    const oom = restarted('oom', 20, { lastReason: 'OOMKilled' });
    const leaving = restarted('leaving', 20);
    leaving.metadata.deletionTimestamp = '2026-11-27T23:59:00Z';
    const done = restarted('done', 20);
    (done.status as { phase: string }).phase = 'Succeeded';
    const findings = analyze(podRestarting, [
      restarted('few', 9),
      pod('loop', { state: { kind: 'crashloop', restarts: 40 } }),
      oom,
      leaving,
      done,
    ]);
    assert.deepEqual(findings, []);
  });
  it('honours the threshold parameter', () => {
    const p = [restarted('c', 3)];
    assert.equal(analyze(podRestarting, p).length, 0);
    const lowered = { ...podRestarting, params: { threshold: 3 } };
    assert.equal(analyze(lowered, p).length, 1);
  });
});
