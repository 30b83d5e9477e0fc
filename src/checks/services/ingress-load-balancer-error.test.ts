import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { ingressLoadBalancerError } from './ingress-load-balancer-error.ts';

function ingress(name: string, status: unknown): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'web' },
    spec: { ingressClassName: 'nginx', rules: [] },
    status,
  } as KubeObject;
}

describe('ingress-load-balancer-error', () => {
  it('fires on a port error reported by the controller', () => {
    const findings = analyze(ingressLoadBalancerError, [
      ingress('shop', {
        loadBalancer: {
          ingress: [
            { ip: '203.0.113.9', ports: [{ port: 443, protocol: 'TCP', error: 'CertificateNotFound' }] },
          ],
        },
      }),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.message, f.path]),
      [
        [
          'Ingress "shop" load balancer error on port 443: CertificateNotFound',
          'status.loadBalancer.ingress[0].ports[0].error',
        ],
      ],
    );
  });
  it('does not fire on healthy, pending or malformed statuses', () => {
    const findings = analyze(ingressLoadBalancerError, [
      ingress('ok', {
        loadBalancer: { ingress: [{ ip: '203.0.113.9', ports: [{ port: 80, protocol: 'TCP' }] }] },
      }),
      ingress('pending', { loadBalancer: {} }),
      ingress('odd', { loadBalancer: { ingress: 'nope' } }),
      ingress('nulls', { loadBalancer: { ingress: [null, { ports: [null] }] } }),
    ]);
    assert.deepEqual(findings, []);
  });
});
