import { Hono } from 'hono';
import { readPublicStatus, type MonitorStatusView } from '../../db/queries/status';
import { listMaintenance } from '../../db/queries/maintenance';
import type { AppEnv } from '../../env';
import { maintenanceView, type MaintenanceItem } from '../status/maintenance-view';
import { publicDetail } from '../../probes/public-detail';
import { describeCode } from '../../probes/taxonomy';
import { seesResponseContent } from '../auth';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The public JSON shape: snake_case, ISO times, never the request spec (it may name secrets), and
 * no response content in details unless `full` (the caller has a read token).
 */
export function statusJson(view: MonitorStatusView, { full = false }: { full?: boolean } = {}) {
  return {
    id: view.id,
    name: view.name,
    group: view.group,
    status: view.status,
    since: iso(view.since),
    last_checked_at: iso(view.lastCheckedAt),
    interval_s: view.intervalS,
    regions: view.regions.map(({ region, result }) => ({
      region,
      outcome: result?.outcome ?? 'pending',
      checked_at: iso(result?.startedAt ?? null),
      colo: result?.colo ?? null,
      http_status: result?.httpStatus ?? null,
      ttfb_ms: result?.ttfbMs ?? null,
      total_ms: result?.totalMs ?? null,
      cause: result?.cause ?? null,
      detail: full ? (result?.detail ?? null) : publicDetail(result?.cause ?? null, result?.detail ?? null),
      explanation: result?.cause ? (describeCode(result.cause)?.explanation ?? null) : null,
      hint: result?.cause ? (describeCode(result.cause)?.hint ?? null) : null,
      findings: result?.findings ?? [],
    })),
  };
}

export const statusApi = new Hono<AppEnv>().get('/status', async (c) => {
  const [monitors, windows, full] = await Promise.all([
    readPublicStatus(c.var.db),
    listMaintenance(c.var.db),
    seesResponseContent(c),
  ]);
  const now = Date.now();
  const maintenance = maintenanceView(windows, now);
  // A window names only the monitors this answer lists: a private one is named nowhere public.
  const listed = new Set(monitors.map((m) => m.id));
  const window = (m: MaintenanceItem) => ({
    id: m.id,
    title: m.title,
    starts_at: iso(m.start),
    ends_at: iso(m.end),
    monitors: m.monitors.filter((id) => listed.has(id)),
    groups: m.groups,
  });
  return c.json({
    generated_at: new Date(now).toISOString(),
    maintenance: { active: maintenance.active.map(window), upcoming: maintenance.upcoming.map(window) },
    monitors: monitors.map((m) => ({ ...statusJson(m, { full }), in_maintenance: maintenance.covering(m) })),
  });
});
