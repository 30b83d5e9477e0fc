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
const storageClass = (name: string, mode = 'Immediate', provisioner = 'ebs.csi.aws.com'): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name,
    ...(name === 'standard'
      ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }
      : {}),
  },
  provisioner,
  volumeBindingMode: mode,
});

describe('pvc-not-bound', () => {
  it('names a StorageClass that does not exist', () => {
    const findings = analyze(pvcNotBound, [pvc('db', 'Pending', 'fast-ssd'), storageClass('standard')]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['PersistentVolumeClaim "db" is Pending: StorageClass "fast-ssd" does not exist'],
    );
    assert.equal(
      findings[0]?.remediation,
      'Create StorageClass "fast-ssd" for the provisioner it should use, or re-create claim db naming an existing ' +
        'class instead of "fast-ssd" (storageClassName cannot be changed on an existing claim); existing classes: ' +
        'standard (default).',
    );
  });
  it('a StatefulSet claim: the fix goes through its volumeClaimTemplates; a near name is suggested', () => {
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'pg', namespace: 'data' },
      spec: {
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'standrad' } }],
      },
    };
    const [finding] = analyze(pvcNotBound, [
      sts,
      pvc('data-pg-0', 'Pending', 'standrad'),
      storageClass('standard'),
    ]);
    assert.match(finding?.remediation ?? '', /^Did you mean StorageClass "standard"\? /);
    assert.match(finding?.remediation ?? '', /StatefulSet pg's volumeClaimTemplates/);
    assert.match(finding?.remediation ?? '', /delete claim data-pg-0/);
  });
  it('no StorageClass read at all (RBAC, partial snapshot): the class is not called missing', () => {
    const findings = analyze(pvcNotBound, [pvc('db', 'Pending', 'fast-ssd')], {
      kindsRead: new Set(['PersistentVolumeClaim']),
    });
    assert.doesNotMatch(findings[0]?.message ?? '', /does not exist/);
  });
  it('a class without a provisioner needs a matching PersistentVolume', () => {
    const [finding] = analyze(pvcNotBound, [
      pvc('db', 'Pending', 'local'),
      storageClass('local', 'Immediate', 'kubernetes.io/no-provisioner'),
    ]);
    assert.match(
      finding?.remediation ?? '',
      /^Create a PersistentVolume with storageClassName "local" that fits the claim \(1Gi, ReadWriteOnce\)/,
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
      /Pending: provisioner ebs.csi.aws.com failed: failed to provision volume: quota exceeded/,
    );
    assert.match(
      findings[0]?.remediation ?? '',
      /^Fix what provisioner ebs.csi.aws.com reports \(ProvisioningFailed\)/,
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
