import { and, asc, eq } from 'drizzle-orm';
import type { MonitorStatus } from '../../jobs/monitor-status';
import type { RegionResult } from '../../probes/result';
import type { Region } from '../../regions/regions';
import type { Database } from '../client';
import { unpackResults } from '../packed-results';
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
 * Each monitor's newest results row (a primary-key seek per monitor), unpacked per region: the
 * last check of every region, which the tick no longer copies into the monitor's state.
 */
export async function readLatestResults(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, { tickAt: number; regions: Map<Region, RegionResult> }>> {
  const latest = new Map<string, { tickAt: number; regions: Map<Region, RegionResult> }>();
  if (ids.length === 0) return latest;
  const rows = await db.$client
    .prepare(
      `SELECT r.monitor_id, r.tick_at, r.checks, f.findings FROM json_each(?) AS j
       JOIN results AS r ON r.monitor_id = j.value
        AND r.tick_at = (SELECT max(tick_at) FROM results WHERE monitor_id = j.value)
       LEFT JOIN monitor_findings AS f ON f.monitor_id = j.value`,
    )
    .bind(JSON.stringify(ids))
    .all<{ monitor_id: string; tick_at: number; checks: string; findings: string | null }>();
  for (const row of rows.results) {
    const regions = new Map<Region, RegionResult>();
    for (const { monitorId: _, region, ...rest } of unpackResults(
      row.monitor_id,
      row.tick_at,
      row.checks,
      row.findings,
    ))
      regions.set(region, rest);
    latest.set(row.monitor_id, { tickAt: row.tick_at, regions });
  }
  return latest;
}
