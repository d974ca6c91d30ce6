import { PUBLIC_ROOTS } from './roots';
import type { CertificateInfo } from './x509';

/**
 * Whether a served chain reaches a public root, without a CA bundle. Checked, in order:
 *   1. the leaf is not self-signed (issued by itself and verified with its own key);
 *   2. each certificate is issued by the next one (names match and the signature verifies);
 *   3. the last certificate is a known root (PUBLIC_ROOTS or an extra anchor, by SHA-256
 *      fingerprint), or is issued by a known root's subject (servers leave the root out; its
 *      signature cannot be verified without the root's key, so only the issuer's name is checked).
 * Extra anchors (`TLS_TRUST_ANCHORS`: PEM certificates) add roots, e.g. a private CA.
 */
export type Trust = { trusted: true } | { trusted: false; reason: string };

export interface Anchors {
  fingerprints: Set<string>;
  subjects: Set<string>;
}

export function anchorsOf(extra: readonly CertificateInfo[] = []): Anchors {
  return {
    fingerprints: new Set([...PUBLIC_ROOTS.map(([, sha256]) => sha256), ...extra.map((c) => c.sha256)]),
    subjects: new Set([
      ...PUBLIC_ROOTS.map(([subject]) => canonicalName(subject)),
      ...extra.map((c) => canonicalName(c.subject)),
    ]),
  };
}

export function judgeTrust(chain: readonly CertificateInfo[], anchors: Anchors): Trust {
  const leaf = chain[0];
  if (!leaf) return { trusted: false, reason: 'the server sent no certificate' };
  if (anchors.fingerprints.has(leaf.sha256)) return { trusted: true };
  if (signs(leaf, leaf)) return { trusted: false, reason: 'the certificate is self-signed' };
  for (let i = 0; i + 1 < chain.length; i++) {
    const [cert, issuer] = [chain[i] as CertificateInfo, chain[i + 1] as CertificateInfo];
    if (!signs(issuer, cert)) {
      return {
        trusted: false,
        reason: `the chain does not link: certificate ${i + 1} (${commonName(cert.subject)}) is not issued by the next one (${commonName(issuer.subject)})`,
      };
    }
  }
  const last = chain[chain.length - 1] as CertificateInfo;
  if (anchors.fingerprints.has(last.sha256)) return { trusted: true };
  if (signs(last, last)) {
    return {
      trusted: false,
      reason: `the chain ends in a root Lookout does not know (${commonName(last.subject)})`,
    };
  }
  if (anchors.subjects.has(canonicalName(last.issuer))) return { trusted: true };
  return {
    trusted: false,
    reason: `the chain is incomplete or its root unknown: the last certificate served is issued by ${commonName(last.issuer)}`,
  };
}

/** Whether `issuer` issued `cert`: names match and the signature verifies with the issuer's key. */
function signs(issuer: CertificateInfo, cert: CertificateInfo): boolean {
  try {
    return cert.x509.checkIssued(issuer.x509) && cert.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

/** Distinguished names compared whatever the attribute order and escaping. */
const canonicalName = (name: string) =>
  name
    .replace(/\\,/g, ',')
    .split('\n')
    .map((part) => part.trim().toLowerCase())
    .sort()
    .join('\n');

export const commonName = (name: string) =>
  /(?:^|\n)CN=([^\n]+)/.exec(name)?.[1] ?? /(?:^|\n)OU=([^\n]+)/.exec(name)?.[1] ?? name.replace(/\n/g, ', ');
