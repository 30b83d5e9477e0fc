import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { pod } from '../../testing/cluster-builders.ts';
import { podUnhealthyPhase } from './pod-unhealthy-phase.ts';

function withPhase(
  name: string,
  phase: string,
  reason?: string,
  owner?: { kind: string; name: string },
): KubeObject {
  const p = pod(name, { namespace: 'ops', ...(owner ? { owner } : {}) });
  const status = p.status as { phase: string; reason?: string; message?: string };
  status.phase = phase;
  if (reason) {
    status.reason = reason;
    status.message = `${reason} happened`;
  }
  return p;
}

describe('pod-unhealthy-phase', () => {
  it('fires on Failed bare pods, Unknown pods and phases Kubernetes does not define', () => {
    const findings = analyze(podUnhealthyPhase, [
      withPhase('failed', 'Failed', 'DeadlineExceeded'),
      withPhase('lost', 'Unknown'),
      withPhase('odd', 'Exploded'),
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'pod is Failed (DeadlineExceeded): DeadlineExceeded happened',
      'pod is Unknown',
      'pod reports phase "Exploded", which is not a Kubernetes pod phase',
    ]);
    assert.ok(findings.every((f) => f.cause?.nextSteps?.[0]?.startsWith('kubectl -n ops describe pod ')));
  });
  it('does not fire on Pending, Running, Succeeded, evicted pods or failed pods of Jobs', () => {
    const findings = analyze(podUnhealthyPhase, [
      withPhase('p', 'Pending'),
      withPhase('r', 'Running'),
      withPhase('s', 'Succeeded'),
      withPhase('e', 'Failed', 'Evicted'),
      withPhase('j', 'Failed', undefined, { kind: 'Job', name: 'migrate' }),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'no-status', namespace: 'ops' } },
    ]);
    assert.deepEqual(findings, []);
  });
});
