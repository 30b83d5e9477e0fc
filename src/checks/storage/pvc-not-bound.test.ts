import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { event } from '../../testing/cluster-builders.ts';
import { pvcNotBound } from './pvc-not-bound.ts';

const pvc = (name: string, phase: string, storageClassName?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'data' },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
    ...(storageClassName ? { storageClassName } : {}),
  },
  status: { phase },
});
const storageClass = (name: string, mode = 'Immediate'): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: 'ebs.csi.aws.com',
  volumeBindingMode: mode,
});

describe('pvc-not-bound', () => {
  it('names a StorageClass that does not exist', () => {
    const findings = analyze(pvcNotBound, [pvc('db', 'Pending', 'fast-ssd'), storageClass('standard')]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['PersistentVolumeClaim "db" is Pending: StorageClass "fast-ssd" does not exist'],
    );
  });
  it('quotes the provisioning failure', () => {
    const findings = analyze(pvcNotBound, [
      pvc('db', 'Pending', 'standard'),
      storageClass('standard'),
      event(
        { kind: 'PersistentVolumeClaim', name: 'db', namespace: 'data' },
        'Warning',
        'ProvisioningFailed',
        'failed to provision volume: quota exceeded',
      ),
    ]);
    assert.match(
      findings[0]?.message ?? '',
      /Pending: ProvisioningFailed: failed to provision volume: quota exceeded/,
    );
  });
  it('reports Lost claims', () => {
    assert.match(
      analyze(pvcNotBound, [pvc('db', 'Lost', 'standard'), storageClass('standard')])[0]?.message ?? '',
      /is Lost/,
    );
  });
  it('does not fire on Bound claims or WaitForFirstConsumer claims waiting for a pod', () => {
    assert.deepEqual(
      analyze(pvcNotBound, [
        pvc('a', 'Bound', 'standard'),
        pvc('b', 'Pending', 'wffc'),
        storageClass('standard'),
        storageClass('wffc', 'WaitForFirstConsumer'),
      ]),
      [],
    );
  });
});
