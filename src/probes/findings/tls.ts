import type { Finding } from '../result';
import type { Trust } from '../tls/trust';

/**
 * Certificate findings from one reading of a host's certificate (a TLS handshake, or the newest
 * certificate-transparency log entry when the handshake could not be made). Pure: the reading and
 * the clock in, findings out; each finding carries issuer, names, serial and validity dates.
 */

export const DEFAULT_TLS_LEAD_DAYS = [30, 14, 7, 1];
const DAY_MS = 86_400_000;

/** What every certificate says of itself: names, serial, validity (epoch ms). */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** DNS names and IP addresses, e.g. `DNS:api.example.com`, `IP Address:127.0.0.1`. */
  subjectAltNames: string[];
  serial: string;
  notBefore: number;
  notAfter: number;
}

/** What Lookout stores of a certificate reading (per host and port; see src/jobs/certificates.ts). */
export interface CertificateReading extends CertificateFacts {
  host: string;
  port: number;
  /** `handshake`: served by the host itself; `ct-log`: the newest certificate logged for the name. */
  source: 'handshake' | 'ct-log';
  /** Null when not checked (a CT-log entry is found by the name itself). */
  hostnameMatches: boolean | null;
  /** Null when not checked (a CT log gives no served chain). */
  trust: Trust | null;
  /** RSA keys under 2048 bits, SHA-1/MD5 signatures, TLS below 1.2. */
  weaknesses: string[];
  /** The negotiated protocol, e.g. `TLS 1.2`; null from a CT log. */
  protocol: string | null;
  /** Why this reading comes from where it does (e.g. the host is behind Cloudflare). */
  note: string | null;
}

export function certificateFindings(
  reading: CertificateReading,
  leadDays: readonly number[],
  now: number,
): Finding[] {
  const facts = factsOf(reading, now);
  const say = (text: string) => (reading.note ? `${text} (${reading.note})` : text);
  const findings: Finding[] = [];
  const leftMs = reading.notAfter - now;
  if (leftMs <= 0) {
    findings.push({
      code: 'tls.expired',
      detail: say(`Certificate of ${reading.host} expired ${ago(-leftMs)} (${day(reading.notAfter)})`),
      data: facts,
    });
  } else {
    const crossed = [...leadDays].sort((a, b) => a - b).find((lead) => leftMs <= lead * DAY_MS);
    if (crossed !== undefined) {
      findings.push({
        code: 'tls.expiring',
        detail: say(
          `Certificate of ${reading.host} expires in ${plural(facts.days_left as number)} (${day(reading.notAfter)}), within the ${plural(crossed)} lead time`,
        ),
        data: { ...facts, lead_days: crossed },
      });
    }
  }
  if (reading.hostnameMatches === false) {
    findings.push({
      code: 'tls.hostname_mismatch',
      detail: say(
        `Certificate does not name ${reading.host}: it is for ${reading.subjectAltNames.join(', ') || 'no names'}`,
      ),
      data: facts,
    });
  }
  if (reading.trust && !reading.trust.trusted) {
    findings.push({
      code: 'tls.untrusted',
      detail: say(`Certificate of ${reading.host} is untrusted: ${reading.trust.reason}`),
      data: { ...facts, reason: reading.trust.reason },
    });
  }
  if (reading.weaknesses.length > 0) {
    findings.push({
      code: 'tls.weak',
      detail: say(`Weak TLS on ${reading.host}: ${reading.weaknesses.join('; ')}`),
      data: { ...facts, reason: reading.weaknesses.join('; ') },
    });
  }
  return findings;
}

/** Findings that make a `kind: tls` check fail: clients refuse such a certificate. */
export const INVALID_CERTIFICATE = new Set(['tls.expired', 'tls.hostname_mismatch', 'tls.untrusted']);

function factsOf(reading: CertificateReading, now: number): Record<string, string | number> {
  return {
    host: reading.host,
    port: reading.port,
    source: reading.source,
    issuer: reading.issuer,
    subject_alt_names: reading.subjectAltNames.join(', '),
    serial: reading.serial,
    not_before: new Date(reading.notBefore).toISOString(),
    not_after: new Date(reading.notAfter).toISOString(),
    days_left: Math.floor((reading.notAfter - now) / DAY_MS),
  };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plural = (days: number) => `${days} day${days === 1 ? '' : 's'}`;
const ago = (ms: number) => (ms < DAY_MS ? 'today' : `${plural(Math.floor(ms / DAY_MS))} ago`);
