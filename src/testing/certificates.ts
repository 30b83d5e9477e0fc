// Test certificates with any validity window (expired, expiring in 3 days…), made with @peculiar/x509.
// @peculiar/x509's dependency injection needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface TestCertificate {
  certPem: string;
  keyPem: string;
}

export async function makeCertificate(options: {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  dnsNames?: string[];
}): Promise<TestCertificate> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16),
    name: `CN=${options.commonName}`,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    signingAlgorithm: algorithm,
    keys,
    extensions: options.dnsNames
      ? [
          new x509.SubjectAlternativeNameExtension(
            options.dnsNames.map((value) => ({ type: 'dns' as const, value })),
          ),
        ]
      : [],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return {
    certPem: cert.toString('pem'),
    keyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`,
  };
}

export function days(from: Date, n: number): Date {
  return new Date(from.getTime() + n * 86_400_000);
}
