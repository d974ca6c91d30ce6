import type { TlsSpec } from '../config/checks';
import type { Database } from '../db/client';
import {
  certificateKey,
  certificateStatement,
  readCertificates,
  type StoredCertificate,
} from '../db/queries/certificates';
import { runBatch } from '../db/statements';
import { chunk } from '../lib/chunk';
import { groupBy } from '../lib/group';
import { certificateFindings, DEFAULT_TLS_LEAD_DAYS } from '../probes/findings/tls';
import type { ProbeResult } from '../probes/result';
import type { Region } from '../regions/regions';
import type { ShardJob } from '../regions/shard';
import { runShards, type GetProber } from './dispatch';
import type { PhaseLog } from './phases';
import { dueAgain, type ScheduledMonitor } from './plan';

/**
 * The certificates of https monitors: read at most hourly per host:port, from the first region of
 * the first monitor on it, by the regional probers as `kind: tls` checks; the last reading is kept
 * in D1 (`certificates`), and its findings join every result of every monitor on that host:port,
 * each with its own lead times, so they stay steady between readings. `tls: false` opts out.
 */
export const CERTIFICATE_EVERY_MS = 3_600_000;
/** A certificate check's timeout: a handshake (or the CT-log search) is quick or broken. */
const CHECK_TIMEOUT_MS = 5_000;
/** Checks per prober request: five at a time, so at most five waves of the timeout. */
const PER_SHARD = 25;

interface Target {
  host: string;
  port: number;
  region: Region;
  /** Monitor id -> its lead times in days. */
  monitors: Map<string, number[]>;
}

/** The host:port of each https monitor that has not opted out. */
export function certificateTargets(monitors: readonly ScheduledMonitor[]): Map<string, Target> {
  const targets = new Map<string, Target>();
  for (const monitor of monitors) {
    const spec = monitor.spec;
    if (spec.kind !== 'http' || spec.tls === false || !spec.url.startsWith('https://')) continue;
    let url: URL;
    try {
      url = new URL(spec.url);
    } catch {
      continue; // A templated host (${{ ... }}) is only known when the check runs.
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 443);
    const key = certificateKey(host, port);
    const target = targets.get(key) ?? {
      host,
      port,
      region: monitor.regions[0] as Region,
      monitors: new Map(),
    };
    target.monitors.set(monitor.id, spec.tls?.lead_times ?? DEFAULT_TLS_LEAD_DAYS);
    targets.set(key, target);
  }
  return targets;
}

export interface CertificateDeps {
  db: Database;
  tickAt: number;
  getProber: GetProber;
  /** When the checks must be in, from now (the tick's probing budget). */
  budgetMs: number;
}

/**
 * Reads what is due, stores it, and returns what joins the results. Each failure stays inside:
 * without stored readings nothing joins; a failed write keeps the new readings for this tick.
 */
export async function checkCertificates(
  deps: CertificateDeps,
  monitors: readonly ScheduledMonitor[],
  log: PhaseLog,
): Promise<CertificateFindings> {
  const targets = certificateTargets(monitors);
  if (targets.size === 0) return new CertificateFindings(targets, new Map(), deps.tickAt);
  const stored = await log.run('probe', () => readCertificates(deps.db), null);
  if (stored === null) return new CertificateFindings(targets, new Map(), deps.tickAt);
  const due = [...targets.values()].filter((target) => {
    const last = stored.get(certificateKey(target.host, target.port));
    return dueAgain(last?.checkedAt ?? null, deps.tickAt, CERTIFICATE_EVERY_MS);
  });
  const fresh = due.length > 0 ? await readDue(deps, due) : [];
  if (fresh.length > 0) {
    for (const row of fresh) stored.set(certificateKey(row.host, row.port), row);
    await log.run('write', () => runBatch(deps.db, [certificateStatement(deps.db, fresh)]), null);
  }
  return new CertificateFindings(targets, stored, deps.tickAt);
}

async function readDue(deps: CertificateDeps, due: Target[]): Promise<StoredCertificate[]> {
  const byRegion = groupBy(due, (target) => target.region);
  const jobs: ShardJob[] = [...byRegion].flatMap(([region, list]) =>
    chunk(list, PER_SHARD).map((part, index) => ({
      region,
      shard: `${region}:tls${index}`,
      prober: `${region}#tls`,
      tasks: part.map((target) => ({
        monitorId: certificateKey(target.host, target.port),
        spec: tlsSpec(target),
      })),
    })),
  );
  const run = await runShards(jobs, deps.getProber, { budgetMs: deps.budgetMs });
  // A check Lookout itself could not run (prober failed, deadline) keeps the last reading and is
  // tried again next tick.
  return run.results.filter((r) => !r.cause?.startsWith('lookout.')).map((r) => storedOf(r, deps.tickAt));
}

const tlsSpec = (target: Target): TlsSpec => ({
  kind: 'tls',
  host: target.host,
  port: target.port,
  timeout: CHECK_TIMEOUT_MS,
  lead_times: DEFAULT_TLS_LEAD_DAYS,
});

function storedOf(result: ProbeResult, tickAt: number): StoredCertificate {
  const split = result.monitorId.lastIndexOf(':');
  return {
    host: result.monitorId.slice(0, split),
    port: Number(result.monitorId.slice(split + 1)),
    checkedAt: tickAt,
    outcome: result.outcome,
    cause: result.cause,
    detail: result.detail?.slice(0, 500) ?? null,
    reading: result.certificate ?? null,
  };
}

/** The stored readings' findings, per monitor with its lead times, as of the tick. */
export class CertificateFindings {
  constructor(
    private readonly targets: Map<string, Target>,
    private readonly stored: Map<string, StoredCertificate>,
    private readonly now: number,
  ) {}

  /** The results with each monitor's certificate findings added. */
  attach(results: readonly ProbeResult[]): ProbeResult[] {
    const byMonitor = new Map<string, ProbeResult['findings']>();
    for (const [key, target] of this.targets) {
      const reading = this.stored.get(key)?.reading;
      if (!reading) continue;
      for (const [monitorId, leads] of target.monitors) {
        byMonitor.set(monitorId, certificateFindings(reading, leads, this.now));
      }
    }
    return results.map((result) => {
      const findings = byMonitor.get(result.monitorId);
      return findings?.length ? { ...result, findings: [...result.findings, ...findings] } : result;
    });
  }
}
