// shipshape certs on a snapshot, through the real CLI: windows, bad PEM, no key material in the output.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { days, makeCertificate } from '../../src/testing/certificates.ts';
import { shipshape } from './cli-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-certs-'));
const now = new Date();
const tls = async (name: string, expiresIn: number) => {
  const c = await makeCertificate({
    commonName: `${name}.example.com`,
    notBefore: days(now, -10),
    notAfter: days(now, expiresIn),
  });
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name, namespace: 'shop' },
    data: {
      'tls.crt': Buffer.from(c.certPem).toString('base64'),
      'tls.key': Buffer.from(c.keyPem).toString('base64'),
    },
  };
};
const broken = {
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'kubernetes.io/tls',
  metadata: { name: 'broken-tls', namespace: 'shop' },
  data: {
    'tls.crt': Buffer.from(
      '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n',
    ).toString('base64'),
  },
};
const snapshot = join(dir, 'snapshot.json');
writeFileSync(
  snapshot,
  JSON.stringify({
    apiVersion: 'shipshape.dev/v1alpha1',
    kind: 'Snapshot',
    metadata: { kindsRead: ['Secret'] },
    items: [await tls('soon', 3), await tls('month', 20), await tls('fine', 200), broken],
  }),
);

describe('certs --snapshot', () => {
  it('is critical under 7 days, high under 30, medium for an unparseable certificate, and prints no PEM', () => {
    const run = shipshape(['certs', '--snapshot', snapshot, '-o', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    const found = report.findings
      .map((f: { object: { name: string }; severity: string }) => `${f.object.name} ${f.severity}`)
      .sort();
    assert.deepEqual(found, ['broken-tls medium', 'month high', 'soon critical']);
    assert.doesNotMatch(run.stdout, /BEGIN|PRIVATE KEY/);
  });
  it('honours --critical-days and rejects a nonsense window', () => {
    const run = shipshape([
      'certs',
      '--snapshot',
      snapshot,
      '-o',
      'json',
      '--critical-days',
      '25',
      '--fail-on',
      'none',
    ]);
    const report = JSON.parse(run.stdout);
    assert.equal(report.findings.filter((f: { severity: string }) => f.severity === 'critical').length, 2);
    const bad = shipshape(['certs', '--snapshot', snapshot, '--high-days', 'soon']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--high-days must be a number of days/);
  });
});
