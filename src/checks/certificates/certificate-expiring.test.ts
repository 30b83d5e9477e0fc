import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { days, makeCertificate, type TestCertificate } from '../../testing/certificates.ts';
import { T0 } from '../../testing/cluster-builders.ts';
import { certificateExpiring } from './certificate-expiring.ts';

const now = new Date(T0);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const tlsSecret = (name: string, cert: TestCertificate): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'web' },
  type: 'kubernetes.io/tls',
  data: { 'tls.crt': b64(cert.certPem), 'tls.key': b64(cert.keyPem) },
});

describe('certificate-expiring', () => {
  let in3: TestCertificate;
  let in20: TestCertificate;
  let in90: TestCertificate;
  let expired: TestCertificate;
  before(async () => {
    const start = days(now, -60);
    [in3, in20, in90, expired] = await Promise.all([
      makeCertificate({
        commonName: 'shop.example.com',
        notBefore: start,
        notAfter: days(now, 3),
        dnsNames: ['shop.example.com'],
      }),
      makeCertificate({ commonName: 'api.example.com', notBefore: start, notAfter: days(now, 20) }),
      makeCertificate({ commonName: 'fine.example.com', notBefore: start, notAfter: days(now, 90) }),
      makeCertificate({ commonName: 'old.example.com', notBefore: start, notAfter: days(now, -2) }),
    ]);
  });

  it('is critical for a certificate expiring in 3 days and for an expired one, high within 30 days', () => {
    const findings = analyze(certificateExpiring, [
      tlsSecret('a', in3),
      tlsSecret('b', in20),
      tlsSecret('c', expired),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.object.name, f.severity, f.message.replace(/ \(not after.*$/, '')]),
      [
        ['c', 'critical', 'key "tls.crt": certificate "old.example.com" expired 2 day(s) ago'],
        ['a', 'critical', 'key "tls.crt": certificate "shop.example.com" expires in 3 day(s)'],
        ['b', 'high', 'key "tls.crt": certificate "api.example.com" expires in 20 day(s)'],
      ],
    );
  });
  it('never prints certificate or key material', () => {
    const findings = analyze(certificateExpiring, [tlsSecret('a', in3)]);
    const text = JSON.stringify(findings);
    assert.doesNotMatch(text, /BEGIN|PRIVATE/);
    assert.ok(!text.includes(b64(in3.certPem).slice(10, 40)));
  });
  it('reads webhook caBundles and honours configured windows', () => {
    const webhook: KubeObject = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'policy' },
      webhooks: [{ name: 'v.example.com', clientConfig: { caBundle: b64(in90.certPem) } }],
    };
    assert.deepEqual(analyze(certificateExpiring, [webhook]), []);
    const wide = analyze({ ...certificateExpiring, params: { criticalDays: 7, highDays: 120 } }, [webhook]);
    assert.match(
      wide[0]?.message ?? '',
      /^webhook "v.example.com" caBundle: certificate "fine.example.com" expires in 9\d day/,
    );
  });
  it('reports an unparseable certificate instead of crashing, and ignores non-certificate Secrets', () => {
    const broken: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'broken', namespace: 'web' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': b64('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n') },
    };
    const plain: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'p', namespace: 'web' },
      data: { password: b64('hunter2') },
    };
    const findings = analyze(certificateExpiring, [broken, plain, tlsSecret('ok', in90)]);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, 'medium');
    assert.match(findings[0]?.message ?? '', /^key "tls.crt": unparseable certificate/);
  });
});
