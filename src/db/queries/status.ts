import { and, asc, eq } from 'drizzle-orm';
import type { MonitorStatus } from '../../jobs/monitor-status';
import type { Finding, RegionResult } from '../../probes/result';
import type { Region } from '../../regions/regions';
import type { Database } from '../client';
import { CREATED_MINUTE_SQL, unpackChecks, type StoredCheck } from '../result-blocks';
import { monitors, monitorState } from '../schema';

export interface MonitorStatusView {
  id: string;
  name: string;
  group: string | null;
  intervalS: number;
  /** When the monitor was first created: a re-created monitor is a new one with no history. */
  createdAt: number;
  /** `pending` until the first check. */
  status: MonitorStatus | 'pending';
  since: number | null;
  lastCheckedAt: number | null;
  regions: { region: Region; result: RegionResult | null }[];
}

/**
 * Every public monitor (or every monitor, or the public one with `id`) with its current state: no
 * scan of results.
 */
export async function readPublicStatus(
  db: Database,
  { includePrivate = false, id }: { includePrivate?: boolean; id?: string } = {},
): Promise<MonitorStatusView[]> {
  const rows = await db
    .select({ monitor: monitors, state: monitorState })
    .from(monitors)
    .leftJoin(monitorState, eq(monitorState.monitorId, monitors.id))
    .where(
      and(includePrivate ? undefined : eq(monitors.isPublic, true), id ? eq(monitors.id, id) : undefined),
    )
    .orderBy(asc(monitors.group), asc(monitors.name));
  const latest = await readLatestResults(
    db,
    rows.map(({ monitor }) => monitor.id),
  );
  return rows.map(({ monitor, state }) => {
    const last = latest.get(monitor.id);
    return {
      id: monitor.id,
      name: monitor.name,
      group: monitor.group,
      intervalS: monitor.intervalS,
      createdAt: monitor.createdAt,
      status: state?.status ?? 'pending',
      since: state?.since ?? null,
      lastCheckedAt: last?.tickAt ?? null,
      regions: monitor.regions.map((region) => ({ region, result: last?.regions.get(region) ?? null })),
    };
  });
}

/**
 * Each monitor's newest checks, from `latest_results` (one row per block, each read once), per
 * region: the last check of every region, which the tick does not copy into the monitor's state.
 * Checks from before the monitor was created belong to an earlier monitor of that id.
 */
export async function readLatestResults(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, { tickAt: number; regions: Map<Region, RegionResult> }>> {
  const latest = new Map<string, { tickAt: number; regions: Map<Region, RegionResult> }>();
  if (ids.length === 0) return latest;
  const rows = await db.$client
    .prepare(
      `SELECT e.key AS monitor_id, e.value AS entry, f.findings
       FROM latest_results AS l CROSS JOIN json_each(l.data) AS e CROSS JOIN monitors AS m
       LEFT JOIN monitor_findings AS f ON f.monitor_id = m.id
       WHERE m.id = e.key AND m.result_block = l.block AND l.block IN (SELECT result_block FROM monitors WHERE id IN (SELECT value FROM json_each(?1)))
         AND e.key IN (SELECT value FROM json_each(?1)) AND (e.value ->> 0) >= ${CREATED_MINUTE_SQL}`,
    )
    .bind(JSON.stringify(ids))
    .all<{ monitor_id: string; entry: string; findings: string | null }>();
  for (const row of rows.results) {
    const [tickAt, checks] = JSON.parse(row.entry) as [number, StoredCheck[]];
    const found = row.findings ? (JSON.parse(row.findings) as Partial<Record<Region, Finding[]>>) : {};
    const regions = new Map<Region, RegionResult>();
    for (const { monitorId: _, region, ...rest } of unpackChecks(row.monitor_id, tickAt, checks))
      regions.set(region, { ...rest, findings: found[region] ?? [] });
    latest.set(row.monitor_id, { tickAt, regions });
  }
  return latest;
}
