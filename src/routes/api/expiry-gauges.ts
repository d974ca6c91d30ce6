import type { Database } from '../../db/client';
import { readCertificates } from '../../db/queries/certificates';
import { readDomains } from '../../db/queries/domains';
import { listScheduled } from '../../db/queries/monitors';
import { certificateTargets } from '../../jobs/certificates';
import { domainTargets } from '../../jobs/domains';

/**
 * The countdowns /metrics exports: each monitor's certificate not_after (per host and port) and
 * its registrable domain's expiry, from the last stored readings, in epoch seconds.
 */
export async function expiryGauges(db: Database, label: (value: string) => string): Promise<string[]> {
  const [monitors, certificates, domains] = await Promise.all([
    listScheduled(db),
    readCertificates(db),
    readDomains(db),
  ]);
  const tls = [
    '# TYPE lookout_tls_cert_not_after_timestamp_seconds gauge',
    '# UNIT lookout_tls_cert_not_after_timestamp_seconds seconds',
    "# HELP lookout_tls_cert_not_after_timestamp_seconds When the certificate the monitor's host serves expires.",
  ];
  for (const [key, target] of certificateTargets(monitors)) {
    const reading = certificates.get(key)?.reading;
    if (!reading) continue;
    for (const id of target.monitors.keys()) {
      tls.push(
        `lookout_tls_cert_not_after_timestamp_seconds{monitor="${label(id)}",host="${label(target.host)}",port="${target.port}"} ${Math.floor(reading.notAfter / 1000)}`,
      );
    }
  }
  const domain = [
    '# TYPE lookout_domain_expiry_timestamp_seconds gauge',
    '# UNIT lookout_domain_expiry_timestamp_seconds seconds',
    "# HELP lookout_domain_expiry_timestamp_seconds When the monitor's registrable domain expires (RDAP).",
  ];
  for (const [name, ids] of domainTargets(monitors)) {
    const expiresAt = domains.get(name)?.reading?.expiresAt;
    if (expiresAt === null || expiresAt === undefined) continue;
    for (const id of ids) {
      domain.push(
        `lookout_domain_expiry_timestamp_seconds{monitor="${label(id)}",domain="${label(name)}"} ${Math.floor(expiresAt / 1000)}`,
      );
    }
  }
  return [...tls, ...domain];
}

const DAY_MS = 86_400_000;

/** One monitor's countdowns for the API: its certificate and domain expiry, when known. */
export async function monitorExpiry(db: Database, monitorId: string, now: number) {
  const [monitors, certificates, domains] = await Promise.all([
    listScheduled(db),
    readCertificates(db),
    readDomains(db),
  ]);
  const mine = monitors.filter((m) => m.id === monitorId);
  const [certKey] = [...certificateTargets(mine).keys()];
  const cert = certKey === undefined ? null : (certificates.get(certKey)?.reading ?? null);
  const [domainName] = [...domainTargets(mine).keys()];
  const domain = domainName === undefined ? null : (domains.get(domainName)?.reading ?? null);
  return {
    certificate: cert && {
      not_after: new Date(cert.notAfter).toISOString(),
      days_left: Math.floor((cert.notAfter - now) / DAY_MS),
      issuer: cert.issuer,
    },
    domain:
      domain?.expiresAt == null
        ? null
        : {
            name: domain.domain,
            expires_at: new Date(domain.expiresAt).toISOString(),
            days_left: Math.floor((domain.expiresAt - now) / DAY_MS),
            registrar: domain.registrar,
          },
  };
}
