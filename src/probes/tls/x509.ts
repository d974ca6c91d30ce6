import { X509Certificate } from 'node:crypto';
import type { CertificateFacts } from '../findings/tls';

/**
 * One certificate as the findings need it, read with node:crypto's X509Certificate (workerd,
 * `nodejs_compat`). It gives everything but the signature algorithm, which is read here as the
 * AlgorithmIdentifier OID that follows tbsCertificate in the DER (two DER headers, no ASN.1 parser).
 */
export interface CertificateInfo extends CertificateFacts {
  sha256: string;
  key: { type: string; bits: number | null };
  signatureAlgorithm: string;
  x509: X509Certificate;
}

/** Parses a DER certificate; null when it is not one. */
export function readCertificate(der: Uint8Array): CertificateInfo | null {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return null;
  }
  const key = x509.publicKey;
  return {
    subject: x509.subject,
    issuer: x509.issuer,
    subjectAltNames: (x509.subjectAltName ?? '').split(/,\s*/).filter((name) => name !== ''),
    serial: x509.serialNumber.toUpperCase(),
    notBefore: Date.parse(x509.validFrom),
    notAfter: Date.parse(x509.validTo),
    sha256: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
    key: { type: key.asymmetricKeyType ?? 'unknown', bits: key.asymmetricKeyDetails?.modulusLength ?? null },
    signatureAlgorithm: signatureAlgorithm(der),
    x509,
  };
}

/** Whether the certificate names `host` (a DNS name, wildcards as RFC 6125 has them, or an IP). */
export function namesHost(cert: CertificateInfo, host: string): boolean {
  const ip = /^[\d.]+$|:/.test(host);
  const bare = host.replace(/^\[|\]$/g, '');
  // Subject CN is not consulted: browsers stopped reading it when SANs became mandatory.
  return ip
    ? cert.x509.checkIP(bare) !== undefined
    : cert.x509.checkHost(bare, { subject: 'never' }) !== undefined;
}

const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
};

/** Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE { OID, ... }, ... }. */
export function signatureAlgorithm(der: Uint8Array): string {
  try {
    const certificate = header(der, 0);
    const tbs = header(der, certificate.contentAt);
    const algorithm = header(der, tbs.contentAt + tbs.length);
    const oid = header(der, algorithm.contentAt);
    if (oid.tag !== 0x06) return 'unknown';
    const text = decodeOid(der.subarray(oid.contentAt, oid.contentAt + oid.length));
    return SIGNATURE_OIDS[text] ?? text;
  } catch {
    return 'unknown';
  }
}

/** A DER tag and length at `at` (X509Certificate has already checked the structure). */
function header(der: Uint8Array, at: number): { tag: number; contentAt: number; length: number } {
  const tag = der[at];
  const first = der[at + 1];
  if (tag === undefined || first === undefined) throw new RangeError('truncated DER');
  if (first < 0x80) return { tag, contentAt: at + 2, length: first };
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (der[at + 2 + i] ?? 0);
  return { tag, contentAt: at + 2 + count, length };
}

function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) {
      if (parts.length === 0)
        parts.push(Math.min(2, Math.floor(value / 40)), value - 40 * Math.min(2, Math.floor(value / 40)));
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}
