// Live: `shipshape certs` reports a certificate expiring in 3 days, stored in a kubernetes.io/tls Secret on the
// test bed's real API server, as critical (testbed/README.md). Skips, saying why, when the test bed is not up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/core/report.ts';
import { days, makeCertificate } from '../../src/testing/certificates.ts';
import {
  apply,
  createTestNamespace,
  deleteNamespace,
  testbedKubeconfig,
  testbedSkipReason,
} from '../../testbed/scenarios.ts';
import { runCliSync } from '../support/cli.ts';

const skip = await testbedSkipReason();

describe('live: certs', { skip }, () => {
  let ns = '';
  before(async () => {
    ns = await createTestNamespace('crt');
    const now = new Date();
    const tls = async (name: string, expiresIn: number) => {
      const c = await makeCertificate({
        commonName: `${name}.example.com`,
        notBefore: days(now, -30),
        notAfter: days(now, expiresIn),
      });
      return {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: { name, namespace: ns },
        data: {
          'tls.crt': Buffer.from(c.certPem).toString('base64'),
          'tls.key': Buffer.from(c.keyPem).toString('base64'),
        },
      };
    };
    await apply([await tls('shop-tls', 3), await tls('healthy-tls', 200)]);
  });
  after(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it('reports the certificate expiring in 3 days as critical, not the healthy one, and never prints the key', () => {
    const run = runCliSync([
      'certs',
      '--kubeconfig',
      testbedKubeconfig(),
      '-n',
      ns,
      '-o',
      'json',
      '--fail-on',
      'critical',
      '--no-progress',
    ]);
    const report = JSON.parse(run.stdout) as Report;
    const mine = report.findings.filter((f) => f.object.namespace === ns);
    assert.deepEqual(
      mine.map((f) => `${f.check} ${f.object.name} ${f.severity}`),
      ['certificate-expiring shop-tls critical'],
    );
    assert.equal(run.status, 1, 'exit 1 at --fail-on critical');
    assert.doesNotMatch(run.stdout, /BEGIN (EC )?PRIVATE KEY|BEGIN CERTIFICATE/);
  });
});
