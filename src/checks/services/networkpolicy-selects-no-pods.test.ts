import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { pod } from '../../testing/cluster-builders.ts';
import { networkpolicySelectsNoPods } from './networkpolicy-selects-no-pods.ts';

const policy = (name: string, podSelector: unknown, namespace = 'shop'): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec: { podSelector, policyTypes: ['Ingress'] },
});

describe('networkpolicy-selects-no-pods', () => {
  it('fires when no running pod of the namespace matches', () => {
    const findings = analyze(networkpolicySelectsNoPods, [
      pod('web-1', { namespace: 'shop', labels: { app: 'web' } }),
      pod('api-1', { namespace: 'other', labels: { app: 'api' } }),
      pod('done', { namespace: 'shop', labels: { app: 'batch' }, state: { kind: 'succeeded' } }),
      policy('typo', { matchLabels: { app: 'wbe' } }),
      policy('wrong-ns', { matchLabels: { app: 'api' } }),
      policy('finished-only', { matchLabels: { app: 'batch' } }),
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'NetworkPolicy "finished-only" selects no running pod (app=batch)',
      'NetworkPolicy "typo" selects no running pod (app=wbe)',
      'NetworkPolicy "wrong-ns" selects no running pod (app=api)',
    ]);
  });
  it('does not fire on matching pods, set-based matches, the empty selector, or when pods were not read', () => {
    const pods = [pod('web-1', { namespace: 'shop', labels: { app: 'web', tier: 'front' } })];
    assert.deepEqual(
      analyze(networkpolicySelectsNoPods, [
        ...pods,
        policy('web', { matchLabels: { app: 'web' } }),
        policy('set', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }),
        policy('all', {}),
        policy('missing', null),
      ]),
      [],
    );
    assert.deepEqual(
      analyze(networkpolicySelectsNoPods, [policy('typo', { matchLabels: { app: 'x' } })], {
        kindsRead: new Set(['NetworkPolicy']),
      }),
      [],
    );
  });
});
