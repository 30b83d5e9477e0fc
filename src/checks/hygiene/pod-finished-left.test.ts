import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { pod } from '../../testing/cluster-builders.ts';
import { podFinishedLeft } from './pod-finished-left.ts';

const finished = (
  name: string,
  phase: string,
  reason?: string,
  owner?: { kind: string; name: string },
): KubeObject => {
  const p = pod(name, { namespace: 'shop', ...(owner ? { owner } : {}) });
  return { ...p, status: { phase, ...(reason ? { reason } : {}) } };
};

describe('pod-finished-left', () => {
  it("fires on evicted, failed and succeeded pods that are not a Job's", () => {
    const findings = analyze(podFinishedLeft, [
      finished('web-abc', 'Failed', 'Evicted', { kind: 'ReplicaSet', name: 'web-1' }),
      finished('debug', 'Succeeded'),
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'Pod "debug" is Succeeded and still present',
      'Pod "web-abc" is Failed (Evicted) and still present (owner ReplicaSet "web-1")',
    ]);
  });
  it('does not fire on running pods, Job pods or kube-system pods', () => {
    const findings = analyze(podFinishedLeft, [
      pod('web', { namespace: 'shop' }),
      finished('migrate-x', 'Succeeded', undefined, { kind: 'Job', name: 'migrate' }),
      { ...finished('etcd', 'Failed'), metadata: { name: 'etcd', namespace: 'kube-system' } },
      { ...pod('odd'), status: 'weird' } as unknown as KubeObject,
    ]);
    assert.deepEqual(findings, []);
  });
});
