import { and, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { monitors, monitorState } from '../schema';
import type { MonitorStatusView } from './status';

/** One public monitor with its current status (`pending` before its first check); null if none. */
export async function readPublicMonitor(db: Database, id: string) {
  const row = await db
    .select({
      id: monitors.id,
      name: monitors.name,
      group: monitors.group,
      regions: monitors.regions,
      status: monitorState.status,
    })
    .from(monitors)
    .leftJoin(monitorState, eq(monitorState.monitorId, monitors.id))
    .where(and(eq(monitors.id, id), eq(monitors.isPublic, true)))
    .get();
  if (!row) return null;
  const status: MonitorStatusView['status'] = row.status ?? 'pending';
  return { ...row, status };
}
