import { desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { eventsOf } from '../../db/queries/incident-history';
import { listMaintenance } from '../../db/queries/maintenance';
import { readPublicStatus, type MonitorStatusView } from '../../db/queries/status';
import { incidents, monitors } from '../../db/schema';
import type { AppEnv } from '../../env';
import { overallStatus } from '../status/format';
import { maintenanceView } from '../status/maintenance-view';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Statuspage's component statuses. */
function componentStatus(monitor: MonitorStatusView, inMaintenance: boolean): string {
  if (inMaintenance) return 'under_maintenance';
  switch (monitor.status) {
    case 'down':
      return 'major_outage';
    case 'partial':
      return 'partial_outage';
    case 'degraded':
      return 'degraded_performance';
    default:
      return 'operational';
  }
}

const INDICATOR: Record<string, { indicator: string; description: string }> = {
  up: { indicator: 'none', description: 'All Systems Operational' },
  partial: { indicator: 'minor', description: 'Partial System Outage' },
  down: { indicator: 'major', description: 'Major System Outage' },
  maintenance: { indicator: 'maintenance', description: 'Service Under Maintenance' },
};

/**
 * The Statuspage v2 summary shape, so tools that read status pages (aggregators, chat bots,
 * dashboards) read Lookout as they read any Atlassian Statuspage.
 */
export const summaryApi = new Hono<AppEnv>().get('/summary.json', async (c) => {
  const db = c.var.db;
  const now = Date.now();
  const [list, windows] = await Promise.all([readPublicStatus(db), listMaintenance(db)]);
  const maintenance = maintenanceView(windows, now);
  const open = await db
    .select({ incident: incidents, name: monitors.name })
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(isNull(incidents.resolvedAt))
    .orderBy(desc(incidents.startedAt))
    .limit(50);
  const publicIds = new Set(list.map((m) => m.id));
  const shown = open.filter((o) => publicIds.has(o.incident.monitorId));
  // Newest first, as Statuspage lists updates.
  const updates = (
    await eventsOf(
      db,
      shown.map((o) => o.incident.id),
    )
  ).reverse();
  const banner = overallStatus(list, maintenance.active.length > 0);
  const page = {
    id: 'lookout',
    name: 'Status',
    url: new URL('/', c.req.url).toString(),
    time_zone: 'Etc/UTC',
    updated_at: iso(now),
  };
  return c.json({
    page,
    components: list.map((m, position) => ({
      id: m.id,
      name: m.name,
      status: componentStatus(m, maintenance.covering(m)),
      created_at: null,
      updated_at: iso(m.lastCheckedAt),
      position,
      description: null,
      showcase: true,
      start_date: null,
      group_id: null,
      page_id: page.id,
      group: false,
      only_show_if_degraded: false,
    })),
    incidents: shown.map(({ incident, name }) => ({
      id: incident.id,
      name: `${name}: ${incident.cause}`,
      status: incident.status ?? 'investigating',
      created_at: iso(incident.startedAt),
      updated_at: iso(updates.find((u) => u.incidentId === incident.id)?.at ?? incident.startedAt),
      monitoring_at: null,
      resolved_at: null,
      impact: 'major',
      shortlink: new URL(`/monitors/${incident.monitorId}`, c.req.url).toString(),
      started_at: iso(incident.startedAt),
      page_id: page.id,
      incident_updates: updates
        .filter((u) => u.incidentId === incident.id)
        .map((u) => ({
          id: `${incident.id}-${u.id}`,
          status: u.source === 'manual' ? u.kind : 'investigating',
          body: u.message ?? `${u.kind}: ${u.cause ?? ''}`.trim(),
          incident_id: incident.id,
          created_at: iso(u.at),
          updated_at: iso(u.at),
          display_at: iso(u.at),
        })),
      components: [{ id: incident.monitorId, name }],
    })),
    scheduled_maintenances: [...maintenance.active, ...maintenance.upcoming].map((m) => ({
      id: m.id,
      name: m.title,
      status: m.start <= now ? 'in_progress' : 'scheduled',
      scheduled_for: iso(m.start),
      scheduled_until: iso(m.end),
      page_id: page.id,
      components: list
        .filter(
          (monitor) =>
            m.monitors.includes(monitor.id) || (monitor.group !== null && m.groups.includes(monitor.group)),
        )
        .map((monitor) => ({ id: monitor.id, name: monitor.name })),
    })),
    status: INDICATOR[banner.kind] ?? { indicator: 'none', description: 'All Systems Operational' },
  });
});
