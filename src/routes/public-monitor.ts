import { readPublicStatus, type MonitorStatusView } from '../db/queries/status';
import type { Database } from '../db/client';
import { ApiError } from '../lib/errors';

/** The public monitor with `id` and its state, or a 404 problem (a private one is not there). */
export async function requirePublicStatus(db: Database, id: string): Promise<MonitorStatusView> {
  const [view] = await readPublicStatus(db, { id });
  if (!view) throw publicMonitorNotFound(id);
  return view;
}

export const publicMonitorNotFound = (id: string) =>
  new ApiError(404, 'monitor_not_found', `No public monitor has the id "${id}".`);
