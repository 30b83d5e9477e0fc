import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { event, pod } from '../../testing/cluster-builders.ts';
import { podProbeFailing } from './pod-probe-failing.ts';

describe('pod-probe-failing', () => {
  it('fires on recent Unhealthy events of an unready pod', () => {
    const findings = analyze(podProbeFailing, [
      pod('web-1', { namespace: 'web', state: { kind: 'not-ready' } }),
      event(
        { kind: 'Pod', name: 'web-1', namespace: 'web' },
        'Warning',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 503',
        { count: 20 },
      ),
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['readiness probe failing: HTTP probe failed with statuscode: 503'],
    );
    // The fix for the failure found: the app answered 503, so nothing about ports, timeouts or startup probes.
    assert.match(findings[0]!.remediation ?? '', /answers HTTP 503: the app reports itself unhealthy/);
    assert.doesNotMatch(findings[0]!.remediation ?? '', /timeoutSeconds|startupProbe|\bport\b/);
    assert.match(
      findings[0]!.cause?.summary ?? '',
      /: its readiness probe fails \(HTTP probe failed with statuscode: 503\)\.$/,
    );
  });
  it('does not fire on a ready pod whose probe failed an hour ago, or on other warnings', () => {
    const findings = analyze(podProbeFailing, [
      pod('web-1', { namespace: 'web' }),
      event(
        { kind: 'Pod', name: 'web-1', namespace: 'web' },
        'Warning',
        'Unhealthy',
        'Liveness probe failed: timeout',
        { firstMinutesAgo: 70, lastMinutesAgo: 60 },
      ),
      pod('web-2', { namespace: 'web', state: { kind: 'not-ready' } }),
      event(
        { kind: 'Pod', name: 'web-2', namespace: 'web' },
        'Warning',
        'FailedMount',
        'MountVolume.SetUp failed',
      ),
    ]);
    assert.deepEqual(findings, []);
  });
});
