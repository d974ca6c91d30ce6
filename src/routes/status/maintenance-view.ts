import { activeOccurrence, covers, nextOccurrence, type MaintenanceWindow } from '../../alerting/maintenance';

export interface MaintenanceItem {
  id: string;
  title: string;
  start: number;
  end: number;
  monitors: string[];
  groups: string[];
}

const WEEK_MS = 7 * 86_400_000;

/** Windows in progress, and those starting within a week, for the page and the API. Pure. */
export function maintenanceView(windows: readonly MaintenanceWindow[], now: number) {
  const item = (w: MaintenanceWindow, o: { start: number; end: number }): MaintenanceItem => ({
    id: w.id,
    title: w.title,
    ...o,
    monitors: w.monitors,
    groups: w.groups,
  });
  const active = windows.flatMap((w) => {
    const o = activeOccurrence(w, now);
    return o ? [item(w, o)] : [];
  });
  const upcoming = windows
    .flatMap((w) => {
      const o = nextOccurrence(w, now);
      return o && o.start - now <= WEEK_MS ? [item(w, o)] : [];
    })
    .sort((a, b) => a.start - b.start);
  const covering = (monitor: { id: string; group: string | null }) =>
    active.some((a) => covers(windows.find((w) => w.id === a.id) as MaintenanceWindow, monitor));
  return { active, upcoming, covering };
}

/** The ids of the public monitors: what a public view may name (a private monitor is named nowhere public). */
export async function publicMonitorIds(db: D1Database): Promise<Set<string>> {
  const { results } = await db.prepare('SELECT id FROM monitors WHERE is_public = 1').all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}
