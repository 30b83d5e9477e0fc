import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../core/object.ts';
import { policyPeers, policyTypesOf } from './network-policy.ts';

const policy = (spec: unknown): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'p' },
  spec,
});

describe('k8s/network-policy', () => {
  it('derives policy types the way Kubernetes does', () => {
    assert.deepEqual([...policyTypesOf(policy({ podSelector: {} }))], ['Ingress']);
    assert.deepEqual([...policyTypesOf(policy({ egress: [{}] }))], ['Ingress', 'Egress']);
    assert.deepEqual([...policyTypesOf(policy({ egress: [] }))], ['Ingress']);
    assert.deepEqual([...policyTypesOf(policy({ policyTypes: ['Egress'], ingress: [{}] }))], ['Egress']);
    assert.deepEqual(
      [...policyTypesOf(policy({ policyTypes: ['Ingress', 'Egress'] }))],
      ['Ingress', 'Egress'],
    );
    assert.deepEqual([...policyTypesOf(policy('bad'))], ['Ingress']);
  });

  it('lists peers with their paths', () => {
    const peers = policyPeers(
      policy({
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { a: 'b' } } }, { namespaceSelector: {}, podSelector: {} }],
          },
        ],
        egress: [null, { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
      }),
    );
    assert.deepEqual(
      peers.map((p) => [p.direction, p.path.join('.'), p.hasNamespaceSelector, p.podSelector !== undefined]),
      [
        ['Ingress', 'spec.ingress.0.from.0', false, true],
        ['Ingress', 'spec.ingress.0.from.1', true, true],
        ['Egress', 'spec.egress.1.to.0', false, false],
      ],
    );
  });
});
