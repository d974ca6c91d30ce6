import { anchorsOf, type Anchors } from './trust';
import { readCertificate, type CertificateInfo } from './x509';

/** The bundled public roots plus the PEM certificates in `pem` (the TLS_TRUST_ANCHORS variable). */
export function anchorsFromPem(pem: string | undefined): Anchors {
  // An unset variable is no extra root, not a prober that fails every check.
  const blocks = (pem ?? '').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const extra = blocks
    .map((block) => {
      const base64 = block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
      try {
        return readCertificate(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
      } catch {
        return null; // Not base64: ignored, like any block that is not a certificate.
      }
    })
    .filter((cert): cert is CertificateInfo => cert !== null);
  return anchorsOf(extra);
}
