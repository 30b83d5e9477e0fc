// Reading certificates out of Secrets, caBundles and kubeconfigs without ever printing them.
// https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
import { X509Certificate } from 'node:crypto';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  serial: string;
  dnsNames: string[];
  isCA: boolean;
  /** SHA-256 fingerprint, short form: identifies the certificate without revealing it. */
  fingerprint: string;
}

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

/** The BEGIN…END blocks, found by index (a lazy regex is quadratic over many BEGIN lines without an END). */
function pemBlocks(pem: string): string[] {
  const blocks: string[] = [];
  let at = pem.indexOf(BEGIN);
  while (at !== -1) {
    const end = pem.indexOf(END, at + BEGIN.length + 1);
    if (end === -1) break;
    blocks.push(pem.slice(at, end + END.length));
    at = pem.indexOf(BEGIN, end + END.length);
  }
  return blocks;
}

/** Secret data is base64; stringData, caBundles in files and kubeconfig *-data may be PEM or base64 PEM. */
export function decodePem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  if (value.includes('-----BEGIN')) return value;
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.includes('-----BEGIN') ? decoded : undefined;
}

export function looksLikeCertificate(value: unknown): boolean {
  return decodePem(value)?.includes('-----BEGIN CERTIFICATE-----') ?? false;
}

export interface ParsedBundle {
  certificates: CertificateInfo[];
  errors: string[];
}

/** Every certificate in a PEM bundle; broken blocks become errors, never exceptions. */
export function parseCertificates(value: unknown): ParsedBundle {
  const pem = decodePem(value);
  const result: ParsedBundle = { certificates: [], errors: [] };
  if (!pem) return result;
  const blocks = pemBlocks(pem);
  if (blocks.length === 0 && pem.includes(BEGIN)) result.errors.push('truncated PEM block (no END line)');
  for (const block of blocks) {
    try {
      const cert = new X509Certificate(block);
      result.certificates.push({
        subject: cert.subject.replace(/\n/g, ', '),
        issuer: cert.issuer.replace(/\n/g, ', '),
        notBefore: new Date(cert.validFrom),
        notAfter: new Date(cert.validTo),
        serial: cert.serialNumber,
        dnsNames: (cert.subjectAltName ?? '')
          .split(', ')
          .filter((s) => s.startsWith('DNS:'))
          .map((s) => s.slice(4)),
        isCA: cert.ca,
        fingerprint: cert.fingerprint256.slice(0, 23),
      });
    } catch (error) {
      result.errors.push(`unparseable certificate: ${(error as Error).message}`);
    }
  }
  return result;
}

export function daysLeft(cert: CertificateInfo, now: Date): number {
  return (cert.notAfter.getTime() - now.getTime()) / 86_400_000;
}

/** "CN=api.example.com" from a multi-line subject, for messages. */
export function commonName(cert: CertificateInfo): string {
  const cn = /CN=([^,]+)/.exec(cert.subject)?.[1];
  return cn ?? cert.subject;
}
