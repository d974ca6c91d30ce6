import { and, asc, eq } from 'drizzle-orm';
import type { MonitorStatus } from '../../jobs/monitor-status';
import type { RegionResult } from '../../probes/result';
import type { Region } from '../../regions/regions';
import type { Database } from '../client';
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
  return rows.map(({ monitor, state }) => ({
    id: monitor.id,
    name: monitor.name,
    group: monitor.group,
    intervalS: monitor.intervalS,
    createdAt: monitor.createdAt,
    status: state?.status ?? 'pending',
    since: state?.since ?? null,
    lastCheckedAt: state?.lastCheckedAt ?? null,
    regions: monitor.regions.map((region) => ({ region, result: state?.regions[region] ?? null })),
  }));
}
