import { Hono } from 'hono';
import { windowFromConfig } from '../../alerting/maintenance';
import { maintenanceSchema } from '../../config/alerting-schema';
import { insertApiMaintenance, listMaintenance } from '../../db/queries/maintenance';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { parseInput } from '../../lib/validate';
import { requireToken, seesResponseContent } from '../auth';
import { maintenanceView, publicMonitorIds, type MaintenanceItem } from '../status/maintenance-view';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const itemJson = (m: MaintenanceItem) => ({
  id: m.id,
  title: m.title,
  starts_at: iso(m.start),
  ends_at: iso(m.end),
});

/** Maintenance windows: listed publicly; added and removed with a write token (those from lookout.yaml stay). */
export const maintenanceApi = new Hono<AppEnv>()
  .get('/maintenance', async (c) => {
    const [windows, token] = await Promise.all([listMaintenance(c.var.db), seesResponseContent(c)]);
    // Without a token a window names only public monitors: a private one is named nowhere public.
    const visible = token ? null : await publicMonitorIds(c.env.DB);
    const view = maintenanceView(windows, Date.now());
    return c.json({
      windows: windows.map((w) => ({
        id: w.id,
        title: w.title,
        monitors: visible ? w.monitors.filter((id) => visible.has(id)) : w.monitors,
        groups: w.groups,
        starts_at: iso(w.startsAt),
        ends_at: iso(w.endsAt),
        weekly: w.weekly,
      })),
      active: view.active.map(itemJson),
      upcoming: view.upcoming.map(itemJson),
    });
  })
  .post('/maintenance', requireToken('write'), async (c) => {
    const window = windowFromConfig(parseInput(maintenanceSchema, await c.req.json().catch(() => undefined)));
    const inserted = await insertApiMaintenance(c.var.db, window);
    if (!inserted)
      throw new ApiError(409, 'maintenance_exists', `A window with the id "${window.id}" exists.`);
    return c.json({ id: window.id, source: 'api' }, 201);
  })
  .delete('/maintenance/:id', requireToken('write'), async (c) => {
    const id = c.req.param('id');
    const row = await c.env.DB.prepare('SELECT source FROM maintenances WHERE id = ?')
      .bind(id)
      .first<{ source: string }>();
    if (!row) throw new ApiError(404, 'maintenance_not_found', `No maintenance window has the id "${id}".`);
    if (row.source === 'config') {
      throw new ApiError(
        409,
        'maintenance_from_config',
        `"${id}" is defined in lookout.yaml: change it there and deploy.`,
      );
    }
    await c.env.DB.prepare('DELETE FROM maintenances WHERE id = ?').bind(id).run();
    return c.body(null, 204);
  });
