// Minimal self-signed X.509 certificate generator (DER by hand + node:crypto signatures) so test
// scenarios can make certificates with ANY validity window — already expired, expiring in 3 days —
// which `openssl req -days` cannot express. Test data only; not a general-purpose CA.
import * as crypto from "node:crypto";

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, "utf8"));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));

function oid(dotted: string): Buffer {
  const p = dotted.split(".").map(Number);
  const out: number[] = [40 * (p[0] ?? 0) + (p[1] ?? 0)];
  for (const v of p.slice(2)) {
    const chunk: number[] = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let v = b.subarray(i);
  if ((v[0] ?? 0) & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return tlv(0x02, v);
}

function time(d: Date): Buffer {
  const y = d.getUTCFullYear();
  const p2 = (n: number): string => String(n).padStart(2, "0");
  const rest = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(`${p2(y % 100)}${rest}`, "ascii"));
  return tlv(0x18, Buffer.from(`${y}${rest}`, "ascii"));
}

function ipBytes(ip: string): Buffer {
  if (ip.includes(":")) throw new Error("IPv6 SANs are not supported by this helper");
  return Buffer.from(ip.split(".").map(Number));
}

export interface CertOptions {
  commonName: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  notBefore: Date;
  notAfter: Date;
  /** Make it a CA certificate (basicConstraints CA:TRUE). */
  isCA?: boolean;
}

export interface GeneratedCert {
  certPem: string;
  keyPem: string;
  notBefore: Date;
  notAfter: Date;
}

/** A self-signed ECDSA P-256 certificate with the given validity window. */
export function selfSignedCert(o: CertOptions): GeneratedCert {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const name = seq(set(seq(oid("2.5.4.3"), utf8(o.commonName))));
  const sigAlg = seq(oid("1.2.840.10045.4.3.2")); // ecdsa-with-SHA256
  const sans = [
    ...(o.dnsNames ?? []).map((d) => tlv(0x82, Buffer.from(d, "ascii"))),
    ...(o.ipAddresses ?? []).map((ip) => tlv(0x87, ipBytes(ip))),
  ];
  const exts: Buffer[] = [
    seq(oid("2.5.29.19"), bool(true), octets(o.isCA ? seq(bool(true)) : seq())),
    seq(oid("2.5.29.15"), bool(true), octets(tlv(0x03, o.isCA ? Buffer.from([0x01, 0x86]) : Buffer.from([0x07, 0x80])))),
  ];
  if (!o.isCA) exts.push(seq(oid("2.5.29.37"), octets(seq(oid("1.3.6.1.5.5.7.3.1")))));
  if (sans.length > 0) exts.push(seq(oid("2.5.29.17"), octets(seq(...sans))));
  const serial = crypto.randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    sigAlg,
    name,
    seq(time(o.notBefore), time(o.notAfter)),
    name,
    spki,
    tlv(0xa3, seq(...exts)),
  );
  const sig = crypto.sign("sha256", tbs, privateKey); // DER ECDSA signature
  const der = seq(tbs, sigAlg, tlv(0x03, Buffer.concat([Buffer.from([0]), sig])));
  const b64 = der.toString("base64").replace(/(.{64})/g, "$1\n").trimEnd();
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    notBefore: o.notBefore,
    notAfter: o.notAfter,
  };
}
