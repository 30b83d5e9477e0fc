import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { event, node, pod } from '../../testing/cluster-builders.ts';
import { podMountFailing } from './pod-mount-failing.ts';
import { podProbeFailing } from './pod-probe-failing.ts';
import { podRunError } from './pod-run-error.ts';
import { podStuckTerminating } from './pod-stuck-terminating.ts';

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

describe('pod-run-error', () => {
  it('fires on RunContainerError with the runtime message', () => {
    const p = pod('x', { state: { kind: 'image-pull' } });
    const status = (p.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0]!;
    status.state = {
      waiting: {
        reason: 'RunContainerError',
        message: 'exec: "/app/server": stat /app/server: no such file or directory',
      },
    };
    const findings = analyze(podRunError, [p]);
    assert.equal(findings.length, 1);
    assert.match(
      findings[0]!.message,
      /^container "app" cannot start \(RunContainerError\): exec: "\/app\/server"/,
    );
  });
  it('does not fire on crash loops (pod-crash-looping explains those) or running pods', () => {
    assert.deepEqual(analyze(podRunError, [pod('a'), pod('b', { state: { kind: 'crashloop' } })]), []);
  });
});

describe('pod-mount-failing', () => {
  it('groups a missing Secret volume under the missing-config cause', () => {
    const p = pod('db-0', { namespace: 'data', state: { kind: 'image-pull' } });
    (p.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0]!.state = {
      waiting: { reason: 'ContainerCreating' },
    };
    const findings = analyze(podMountFailing, [
      p,
      event(
        { kind: 'Pod', name: 'db-0', namespace: 'data' },
        'Warning',
        'FailedMount',
        'MountVolume.SetUp failed for volume "creds" : secret "db-creds" not found',
        { count: 9 },
      ),
    ]);
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.cause?.summary,
      'Secret data/db-creds is missing; pods that reference it cannot start',
    );
  });
  it('does not fire on running pods with old mount events', () => {
    const findings = analyze(podMountFailing, [
      pod('db-0', { namespace: 'data' }),
      event(
        { kind: 'Pod', name: 'db-0', namespace: 'data' },
        'Warning',
        'FailedMount',
        'timed out waiting for the condition',
      ),
    ]);
    assert.deepEqual(findings, []);
  });
});

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
