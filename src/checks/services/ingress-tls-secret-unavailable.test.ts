import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { ingressTlsSecretUnavailable } from './ingress-tls-secret-unavailable.ts';

const ingress = (secretNames: unknown[], annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'shop', namespace: 'web', ...(annotations ? { annotations } : {}) },
  spec: { tls: secretNames.map((secretName) => ({ hosts: ['shop.example.com'], secretName })) },
});
const secret = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'web' },
  type: 'kubernetes.io/tls',
});

describe('ingress-tls-secret-unavailable', () => {
  it('fires on a missing TLS Secret, pointing at cert-manager when it manages the certificate', () => {
    assert.deepEqual(
      analyze(ingressTlsSecretUnavailable, [ingress(['shop-tls'])]).map((f) => f.message),
      ['Ingress "shop": TLS Secret "shop-tls" does not exist'],
    );
    const managed = analyze(ingressTlsSecretUnavailable, [
      ingress(['shop-tls'], { 'cert-manager.io/cluster-issuer': 'letsencrypt' }),
    ]);
    assert.equal(
      managed[0]?.message,
      'Ingress "shop": TLS Secret "shop-tls" does not exist (cert-manager has not issued it)',
    );
    assert.ok(managed[0]?.cause?.nextSteps?.includes('kubectl -n web describe certificate shop-tls'));
  });
  it('does not fire when the Secret exists, when Secrets could not be read (RBAC), or on malformed tls entries', () => {
    assert.deepEqual(analyze(ingressTlsSecretUnavailable, [ingress(['shop-tls']), secret('shop-tls')]), []);
    assert.deepEqual(
      analyze(ingressTlsSecretUnavailable, [ingress(['shop-tls'])], {
        kindsRead: new Set(['Ingress', 'Service']),
      }),
      [],
    );
    assert.deepEqual(analyze(ingressTlsSecretUnavailable, [ingress([null, 42, ''])]), []);
  });
});
