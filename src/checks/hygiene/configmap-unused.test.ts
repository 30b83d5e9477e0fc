import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { configMap, pod } from '../../testing/cluster-builders.ts';
import { configmapUnused } from './configmap-unused.ts';

const ALL_KINDS = {
  kindsRead: new Set(['Pod', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim']),
};

describe('configmap-unused', () => {
  it('fires on a ConfigMap nothing references', () => {
    const findings = analyze(
      configmapUnused,
      [configMap('old-settings', 'shop'), pod('web', { namespace: 'shop' })],
      ALL_KINDS,
    );
    assert.deepEqual(
      findings.map((f) => f.message),
      ['ConfigMap "old-settings" is not used by any pod or other object in the cluster'],
    );
  });
  it('does not fire on ConfigMaps used only through a projected volume or an init container envFrom', () => {
    const projected = pod('web', {
      namespace: 'shop',
      volumes: [{ name: 'cfg', projected: { sources: [{ configMap: { name: 'projected-only' } }] } }],
    });
    const init: KubeObject = pod('job', { namespace: 'shop' });
    (init.spec as { initContainers: unknown[] }).initContainers = [
      { name: 'init', image: 'busybox:1.36', envFrom: [{ configMapRef: { name: 'init-only' } }] },
    ];
    const findings = analyze(
      configmapUnused,
      [configMap('projected-only', 'shop'), configMap('init-only', 'shop'), projected, init],
      ALL_KINDS,
    );
    assert.deepEqual(findings, []);
  });
  it('does not fire on kube-root-ca.crt, owned, leader-election or kube-system ConfigMaps', () => {
    const owned = configMap('generated', 'shop');
    owned.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Something', name: 'x', uid: 'u' }];
    const lock = configMap('lock', 'shop');
    lock.metadata.annotations = { 'control-plane.alpha.kubernetes.io/leader': '{}' };
    const findings = analyze(
      configmapUnused,
      [configMap('kube-root-ca.crt', 'shop'), owned, lock, configMap('kubeadm-config', 'kube-system')],
      ALL_KINDS,
    );
    assert.deepEqual(findings, []);
  });
});
