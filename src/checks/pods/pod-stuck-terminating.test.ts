import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { node, pod } from '../../testing/cluster-builders.ts';
import { podStuckTerminating } from './pod-stuck-terminating.ts';

describe('pod-stuck-terminating', () => {
  it('names the finalizer that holds the pod', () => {
    const p = pod('old', { namespace: 'ops' });
    p.metadata.deletionTimestamp = '2026-11-27T22:00:00Z';
    p.metadata.finalizers = ['example.com/cleanup'];
    const findings = analyze(podStuckTerminating, [p]);
    assert.match(
      findings[0]?.message ?? '',
      /terminating for 2h: finalizers "example.com\/cleanup" are not removed/,
    );
  });
  it('blames an unreachable node when there is no finalizer', () => {
    const p = pod('old', { namespace: 'ops', nodeName: 'n9' });
    p.metadata.deletionTimestamp = '2026-11-27T23:00:00Z';
    const findings = analyze(podStuckTerminating, [p, node('n9', { ready: 'Unknown' })]);
    assert.match(findings[0]?.message ?? '', /its node "n9" is not ready/);
  });
  it('does not fire within the grace period slack', () => {
    const p = pod('leaving');
    p.metadata.deletionTimestamp = '2026-11-27T23:58:00Z';
    assert.deepEqual(analyze(podStuckTerminating, [p, pod('staying')]), []);
  });
});
