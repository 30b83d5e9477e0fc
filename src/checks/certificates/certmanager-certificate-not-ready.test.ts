import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { certmanagerCertificateNotReady } from './certmanager-certificate-not-ready.ts';

const certificate = (status: Record<string, unknown>, apiVersion = 'cert-manager.io/v1'): KubeObject => ({
  apiVersion,
  kind: 'Certificate',
  metadata: { name: 'shop-tls', namespace: 'web' },
  spec: {
    secretName: 'shop-tls',
    dnsNames: ['shop.example.com'],
    issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
  },
  status,
});

describe('certmanager-certificate-not-ready', () => {
  it('fires when Ready is False', () => {
    const findings = analyze(certmanagerCertificateNotReady, [
      certificate({
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'DoesNotExist',
            message: 'Issuing certificate as Secret does not exist',
          },
        ],
      }),
    ]);
    assert.equal(
      findings[0]?.message,
      'Certificate "shop-tls" is not ready (DoesNotExist): Issuing certificate as Secret does not exist',
    );
  });
  it('fires when a ready certificate keeps failing to renew', () => {
    const findings = analyze(certmanagerCertificateNotReady, [
      certificate({
        conditions: [{ type: 'Ready', status: 'True' }],
        lastFailureTime: '2026-11-27T20:00:00Z',
        failedIssuanceAttempts: 3,
        renewalTime: '2026-11-20T00:00:00Z',
      }),
    ]);
    assert.match(findings[0]?.message ?? '', /renewal is failing \(3 attempt\(s\).*renewal is overdue/);
  });
  it('does not fire on ready certificates or other Certificate kinds', () => {
    assert.deepEqual(
      analyze(certmanagerCertificateNotReady, [
        certificate({ conditions: [{ type: 'Ready', status: 'True' }] }),
        certificate({}, 'example.com/v1'),
      ]),
      [],
    );
  });
});
