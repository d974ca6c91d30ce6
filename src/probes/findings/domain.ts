import type { Finding } from '../result';
import type { DomainReading } from '../domain/rdap';

/** Domain findings from one RDAP reading. Pure: the reading and the clock in, findings out. */
export const DEFAULT_DOMAIN_LEAD_DAYS = [30, 14, 7, 1];
const DAY_MS = 86_400_000;

export function domainFindings(reading: DomainReading, leadDays: readonly number[], now: number): Finding[] {
  if (reading.expiresAt === null) return [];
  const leftMs = reading.expiresAt - now;
  const data = {
    domain: reading.domain,
    registrar: reading.registrar ?? 'unknown',
    expires_at: new Date(reading.expiresAt).toISOString(),
    days_left: Math.floor(leftMs / DAY_MS),
  };
  const at = new Date(reading.expiresAt).toISOString().slice(0, 10);
  const by = reading.registrar ? `, registrar ${reading.registrar}` : '';
  if (leftMs <= 0) {
    return [{ code: 'domain.expired', detail: `Domain ${reading.domain} expired on ${at}${by}`, data }];
  }
  const crossed = [...leadDays].sort((a, b) => a - b).find((lead) => leftMs <= lead * DAY_MS);
  if (crossed === undefined) return [];
  return [
    {
      code: 'domain.expiring',
      detail: `Domain ${reading.domain} expires in ${data.days_left} day${data.days_left === 1 ? '' : 's'} (${at}), within the ${crossed}-day lead time${by}`,
      data: { ...data, lead_days: crossed },
    },
  ];
}

/** A TLD without RDAP: said, once, as information. */
export function noRdapFinding(domain: string, detail: string): Finding {
  return { code: 'domain.no_rdap', detail: `${domain}: ${detail}`, data: { domain } };
}
