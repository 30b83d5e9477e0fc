import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { pvUnhealthy } from './pv-unhealthy.ts';

function pv(name: string, status: Record<string, unknown> | undefined): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
    },
    ...(status ? { status } : {}),
  };
}

describe('pv-unhealthy', () => {
  it('fires on Failed (reclaim failed) and Pending volumes', () => {
    const findings = analyze(pvUnhealthy, [
      pv('pv-a', { phase: 'Failed', message: 'error getting deleter volume plugin for volume "pv-a"' }),
      pv('pv-b', { phase: 'Pending' }),
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'PersistentVolume "pv-a" is Failed: error getting deleter volume plugin for volume "pv-a"',
      'PersistentVolume "pv-b" is Pending',
    ]);
  });
  it('does not fire on Available, Bound or Released volumes, or volumes without status', () => {
    const findings = analyze(pvUnhealthy, [
      pv('a', { phase: 'Available' }),
      pv('b', { phase: 'Bound' }),
      pv('c', { phase: 'Released' }),
      pv('d', undefined),
    ]);
    assert.deepEqual(findings, []);
  });
});
