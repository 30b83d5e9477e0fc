import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { pod } from '../../testing/cluster-builders.ts';
import { podBare } from './pod-bare.ts';

describe('pod-bare', () => {
  it('fires on a running pod without owner', () => {
    assert.deepEqual(
      analyze(podBare, [pod('debug-shell', { namespace: 'shop' })]).map((f) => f.object.name),
      ['debug-shell'],
    );
  });
  it('does not fire on owned, mirror, finished or kube-system pods', () => {
    const mirror = pod('kube-apiserver-node-1', { namespace: 'ops' });
    mirror.metadata.annotations = { 'kubernetes.io/config.mirror': 'abc' };
    const findings = analyze(podBare, [
      pod('web-1', { namespace: 'shop', owner: { kind: 'ReplicaSet', name: 'web' } }),
      mirror,
      pod('done', { namespace: 'shop', state: { kind: 'succeeded' } }),
      pod('coredns', { namespace: 'kube-system' }),
    ]);
    assert.deepEqual(findings, []);
  });
});
