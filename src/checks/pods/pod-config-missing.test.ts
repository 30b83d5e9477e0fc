import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { groupCauses } from '../../diagnose/causes.ts';
import { configMap, deployment, pod, replicaSetName } from '../../testing/cluster-builders.ts';
import { missingConfigFrom, podConfigMissing } from './pod-config-missing.ts';

describe('pod-config-missing', () => {
  it('parses the kubelet messages', () => {
    assert.deepEqual(missingConfigFrom('configmap "app-config" not found'), {
      kind: 'ConfigMap',
      name: 'app-config',
    });
    assert.deepEqual(missingConfigFrom('secret "db" not found'), { kind: 'Secret', name: 'db' });
    assert.deepEqual(missingConfigFrom("couldn't find key url in ConfigMap shop/app-config"), {
      kind: 'ConfigMap',
      name: 'app-config',
      key: 'url',
    });
    assert.equal(missingConfigFrom('container has runAsNonRoot and image will run as root'), undefined);
  });
  it('groups five pods of one Deployment failing on one missing ConfigMap into one cause', () => {
    const objects = [
      ...deployment('cart', { namespace: 'shop', replicas: 5, available: 0 }),
      ...['a', 'b', 'c', 'd', 'e'].map((s) =>
        pod(`cart-${s}`, {
          namespace: 'shop',
          owner: { kind: 'ReplicaSet', name: replicaSetName('cart') },
          state: { kind: 'config-error', message: 'configmap "cart-config" not found' },
        }),
      ),
      // Another workload on the same missing ConfigMap joins the same cause.
      ...deployment('worker', { namespace: 'shop' }),
      pod('worker-a', {
        namespace: 'shop',
        owner: { kind: 'ReplicaSet', name: replicaSetName('worker') },
        state: { kind: 'config-error', message: 'configmap "cart-config" not found' },
      }),
    ];
    const findings = analyze(podConfigMissing, objects);
    assert.equal(findings.length, 6);
    const causes = groupCauses(findings);
    assert.equal(causes.length, 1);
    assert.equal(
      causes[0]?.summary,
      'ConfigMap shop/cart-config is missing; pods that reference it cannot start.',
    );
    assert.deepEqual(causes[0]?.impact, {
      namespaces: ['shop'],
      workloads: ['Deployment shop/cart', 'Deployment shop/worker'],
      pods: 6,
    });
    assert.ok(causes[0]?.nextSteps.includes('kubectl -n shop get configmap cart-config'));
    // One `describe pod` for the cause, not one per pod.
    assert.equal(causes[0]?.nextSteps.filter((s) => s.includes('describe pod')).length, 1);
  });
  it('does not fire when the container started', () => {
    assert.deepEqual(analyze(podConfigMissing, [pod('a'), configMap('cart-config', 'default')]), []);
  });
});
