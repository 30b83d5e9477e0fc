import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { minutesBefore, T0 } from '../../testing/cluster-builders.ts';
import { pvReleased } from './pv-released.ts';

const pv = (name: string, phase: string, daysAgo: number, transition = true): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, creationTimestamp: minutesBefore(T0, 400 * 1440) },
  spec: {
    capacity: { storage: '10Gi' },
    persistentVolumeReclaimPolicy: 'Retain',
    claimRef: { namespace: 'db', name: 'data-0' },
  },
  status: { phase, ...(transition ? { lastPhaseTransitionTime: minutesBefore(T0, daysAgo * 1440) } : {}) },
});

describe('pv-released', () => {
  it('fires on volumes Released or Available for longer than idleDays (falling back to creation time)', () => {
    const findings = analyze(pvReleased, [pv('old-db', 'Released', 20), pv('spare', 'Available', 0, false)]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'PersistentVolume "old-db" has been Released for 20 days (was claimed by db/data-0)',
      'PersistentVolume "spare" has been Available for 400 days',
    ]);
  });
  it('does not fire on Bound, recently released or shapeless volumes', () => {
    const findings = analyze(pvReleased, [
      pv('bound', 'Bound', 100),
      pv('fresh', 'Released', 2),
      { ...pv('odd', 'Released', 30), status: ['x'] } as unknown as KubeObject,
    ]);
    assert.deepEqual(findings, []);
  });
});
