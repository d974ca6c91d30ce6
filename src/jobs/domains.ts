import type { Database } from '../db/client';
import { domainStatement, readDomains, type StoredDomain } from '../db/queries/domains';
import { runBatch } from '../db/statements';
import { mapWithLimit } from '../lib/pool';
import { hostOf, registrableDomain } from '../probes/domain/registrable';
import { bootstrapSchema, BUNDLED_BOOTSTRAP, lookupDomain, type Bootstrap } from '../probes/domain/rdap';
import { DEFAULT_DOMAIN_LEAD_DAYS, domainFindings, noRdapFinding } from '../probes/findings/domain';
import type { ProbeResult } from '../probes/result';
import type { PhaseLog } from './phases';
import { dueAgain, type ScheduledMonitor } from './plan';

/**
 * Domain expiry: the registrable domain of each http, tcp and tls monitor's host, looked up over
 * RDAP at most once a day per domain, beside the tick's probing. The last reading is kept in D1
 * (`domains`); a failed lookup keeps the last good one. Its findings join every result of every
 * monitor on that domain, so they stay steady between readings.
 */
export const DOMAIN_EVERY_MS = 86_400_000;
const LOOKUP_TIMEOUT_MS = 5_000;
/** At most this many lookups a tick: the rest wait for the next minutes. */
const PER_TICK = 25;

export interface RdapSettings {
  /** Overrides the bundled bootstrap registry (fetched once per tick when due lookups exist). */
  bootstrapUrl: string | null;
  /** Sends every lookup to this RDAP server (tests, a private registry). */
  baseUrl: string | null;
  fetch?: typeof fetch;
}

/** Registrable domain -> the monitors on it. */
export function domainTargets(monitors: readonly ScheduledMonitor[]): Map<string, Set<string>> {
  const targets = new Map<string, Set<string>>();
  for (const monitor of monitors) {
    const host = hostOf(monitor.spec as { kind: string; url?: string; host?: string });
    const domain = host === null ? null : registrableDomain(host);
    if (domain === null) continue;
    targets.set(domain, (targets.get(domain) ?? new Set()).add(monitor.id));
  }
  return targets;
}

export async function checkDomains(
  deps: { db: Database; tickAt: number; rdap: RdapSettings },
  monitors: readonly ScheduledMonitor[],
  log: PhaseLog,
): Promise<DomainFindings> {
  const targets = domainTargets(monitors);
  if (targets.size === 0) return new DomainFindings(targets, new Map(), deps.tickAt);
  const stored = await log.run('probe', () => readDomains(deps.db), null);
  if (stored === null) return new DomainFindings(targets, new Map(), deps.tickAt);
  const due = [...targets.keys()]
    .filter((domain) => {
      return dueAgain(stored.get(domain)?.checkedAt ?? null, deps.tickAt, DOMAIN_EVERY_MS);
    })
    .slice(0, PER_TICK);
  if (due.length > 0) {
    const bootstrap = await loadBootstrap(deps.rdap);
    const fresh = await mapWithLimit(due, 5, async (domain): Promise<StoredDomain> => {
      const found = await lookupDomain(domain, {
        bootstrap,
        baseUrl: deps.rdap.baseUrl,
        timeoutMs: LOOKUP_TIMEOUT_MS,
        ...(deps.rdap.fetch ? { fetcher: deps.rdap.fetch } : {}),
      });
      const last = stored.get(domain)?.reading ?? null;
      return found.ok
        ? { domain, checkedAt: deps.tickAt, ok: true, detail: null, reading: found.reading }
        : {
            domain,
            checkedAt: deps.tickAt,
            ok: false,
            detail: `${found.noService ? 'no-rdap: ' : ''}${found.detail}`.slice(0, 500),
            reading: last,
          };
    });
    for (const row of fresh) stored.set(row.domain, row);
    await log.run('write', () => runBatch(deps.db, [domainStatement(deps.db, fresh)]), null);
  }
  return new DomainFindings(targets, stored, deps.tickAt);
}

async function loadBootstrap(rdap: RdapSettings): Promise<Bootstrap> {
  if (!rdap.bootstrapUrl) return BUNDLED_BOOTSTRAP;
  try {
    const response = await (rdap.fetch ?? fetch)(rdap.bootstrapUrl, {
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    if (response.ok) {
      // A registry that is not one (a captive portal, a moved file) falls back like a failed fetch.
      const parsed = bootstrapSchema.safeParse(await response.json());
      if (parsed.success) return parsed.data;
    } else {
      await response.body?.cancel();
    }
  } catch {
    // The bundled copy is the fallback: an unreachable registry is no reason to skip the lookups.
  }
  return BUNDLED_BOOTSTRAP;
}

/** The stored readings' findings, per monitor, as of the tick. */
export class DomainFindings {
  constructor(
    private readonly targets: Map<string, Set<string>>,
    private readonly stored: Map<string, StoredDomain>,
    private readonly now: number,
  ) {}

  attach(results: readonly ProbeResult[]): ProbeResult[] {
    const byMonitor = new Map<string, ProbeResult['findings']>();
    for (const [domain, monitors] of this.targets) {
      const row = this.stored.get(domain);
      if (!row) continue;
      const findings = row.reading
        ? domainFindings(row.reading, DEFAULT_DOMAIN_LEAD_DAYS, this.now)
        : row.detail?.startsWith('no-rdap: ')
          ? [noRdapFinding(domain, row.detail.slice('no-rdap: '.length))]
          : [];
      for (const id of monitors) byMonitor.set(id, [...(byMonitor.get(id) ?? []), ...findings]);
    }
    return results.map((result) => {
      const findings = byMonitor.get(result.monitorId);
      return findings?.length ? { ...result, findings: [...result.findings, ...findings] } : result;
    });
  }
}
