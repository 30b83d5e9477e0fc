import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { node } from '../../testing/cluster-builders.ts';
import { kubeletVersionSkew, maxKubeletSkew } from './kubelet-version-skew.ts';

describe('kubelet-version-skew', () => {
  it('allows three minors from 1.28, two before', () => {
    assert.equal(maxKubeletSkew('1.34'), 3);
    assert.equal(maxKubeletSkew('1.27'), 2);
  });
  it('fires on kubelets too old for the target and newer than the control plane', () => {
    const findings = analyze(
      kubeletVersionSkew,
      [
        node('old', { kubeletVersion: 'v1.30.2' }),
        node('ok', { kubeletVersion: 'v1.31.0' }),
        node('new', { kubeletVersion: 'v1.35.0' }),
      ],
      { kubeVersion: '1.34' },
    );
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'node "new" runs kubelet v1.35.0, newer than the control plane 1.34',
        'node "old" runs kubelet v1.30.2, 4 minor versions behind 1.34 (at most 3 supported)',
      ],
    );
  });
  it('does not fire within the skew', () => {
    assert.deepEqual(
      analyze(kubeletVersionSkew, [node('a', { kubeletVersion: 'v1.34.4' })], { serverVersion: 'v1.34.4' }),
      [],
    );
  });
});
