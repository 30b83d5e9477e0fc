import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { groupCauses } from '../../diagnose/causes.ts';
import { node } from '../../testing/cluster-builders.ts';
import { minorOf, nodeKubeletVersionSkew } from './node-kubelet-version-skew.ts';

describe('node-kubelet-version-skew', () => {
  it('fires on kubelets more than three minors behind, and on kubelets newer than the API server', () => {
    const findings = analyze(
      nodeKubeletVersionSkew,
      [
        node('old-1', { kubeletVersion: 'v1.30.9' }),
        node('old-2', { kubeletVersion: 'v1.30.2-eks-7f9249a' }),
        node('ahead', { kubeletVersion: 'v1.35.0' }),
      ],
      { serverVersion: 'v1.34.4' },
    );
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'kubelet v1.30.2-eks-7f9249a on node "old-2" is 4 minor versions behind the control plane (v1.34.4); at most 3 are supported',
      'kubelet v1.30.9 on node "old-1" is 4 minor versions behind the control plane (v1.34.4); at most 3 are supported',
      'kubelet v1.35.0 on node "ahead" is newer than the control plane (v1.34.4): kubelets must not be newer than kube-apiserver',
    ]);
    assert.equal(groupCauses(findings).length, 2);
  });
  it('applies the two-minor limit of clusters before 1.28', () => {
    const findings = analyze(nodeKubeletVersionSkew, [node('n', { kubeletVersion: 'v1.24.1' })], {
      serverVersion: 'v1.27.3',
    });
    assert.match(findings[0]?.message ?? '', /3 minor versions behind .*at most 2 are supported/);
  });
  it('does not fire within the policy, without a server version, or on unreadable versions', () => {
    const nodes = [
      node('same', { kubeletVersion: 'v1.34.1' }),
      node('three-behind', { kubeletVersion: 'v1.31.0' }),
      node('garbage', { kubeletVersion: 'unknown' }),
    ];
    assert.deepEqual(analyze(nodeKubeletVersionSkew, nodes, { serverVersion: 'v1.34.4' }), []);
    assert.deepEqual(analyze(nodeKubeletVersionSkew, [node('old', { kubeletVersion: 'v1.20.0' })]), []);
    assert.equal(minorOf(42), undefined);
  });
});
