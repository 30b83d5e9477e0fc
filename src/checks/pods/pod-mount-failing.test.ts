import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { event, pod } from '../../testing/cluster-builders.ts';
import { podMountFailing } from './pod-mount-failing.ts';

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
