import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { listMaintenance } from '../../db/queries/maintenance';
import { requirePublicStatus } from '../public-monitor';
import { rollupsBetween, summarize } from '../../db/queries/uptime';
import type { AppEnv } from '../../env';
import { parseInput } from '../../lib/validate';
import { windowName, WINDOWS_MS, type WindowName } from '../api/schemas';
import { latencyValue, shieldsEndpoint, statusValue, uptimeValue, type Badge } from './badge';
import { badgeSvg } from './badge-svg';
import { maintenanceView } from './maintenance-view';

const METRICS = ['status', 'uptime', 'latency'] as const;
type Metric = (typeof METRICS)[number];

/** Uptime reads a month by default, latency (the median) a day. */
const DEFAULT_WINDOW: Record<Exclude<Metric, 'status'>, WindowName> = { uptime: '30d', latency: '24h' };

const badgeQuery = z.object({
  window: windowName.optional(),
  label: z.string().trim().min(1).max(100).optional(),
});
const shieldsQuery = badgeQuery.extend({ metric: z.enum(METRICS).default('status') });

/** The badge of one public monitor; unknown and private monitors are a 404 problem. */
async function badgeFor(
  c: Context<AppEnv>,
  id: string,
  metric: Metric,
  query: z.output<typeof badgeQuery>,
): Promise<Badge> {
  const monitor = await requirePublicStatus(c.var.db, id);
  const now = Date.now();
  if (metric === 'status') {
    const inMaintenance = maintenanceView(await listMaintenance(c.var.db), now).covering(monitor);
    return { label: query.label ?? monitor.name, ...statusValue(monitor.status, inMaintenance) };
  }
  const window = query.window ?? DEFAULT_WINDOW[metric];
  const { rows } = await rollupsBetween(
    c.var.db,
    monitor.id,
    monitor.regions.map((r) => r.region),
    now - WINDOWS_MS[window],
    now,
  );
  const stats = summarize(rows);
  return metric === 'uptime'
    ? { label: query.label ?? `uptime ${window}`, ...uptimeValue(stats.uptimePct) }
    : { label: query.label ?? `latency ${window}`, ...latencyValue(stats.p50Ms) };
}

const svg = (c: Context<AppEnv>, badge: Badge) =>
  c.body(badgeSvg(badge), 200, { 'content-type': 'image/svg+xml; charset=utf-8' });

/** Status, uptime and latency badges per public monitor: SVG, and shields.io endpoint JSON. */
export const badgesRoute = new Hono<AppEnv>()
  .get('/badge/:id/status.svg', async (c) =>
    svg(c, await badgeFor(c, c.req.param('id'), 'status', parseInput(badgeQuery, c.req.query()))),
  )
  .get('/badge/:id/uptime.svg', async (c) =>
    svg(c, await badgeFor(c, c.req.param('id'), 'uptime', parseInput(badgeQuery, c.req.query()))),
  )
  .get('/badge/:id/latency.svg', async (c) =>
    svg(c, await badgeFor(c, c.req.param('id'), 'latency', parseInput(badgeQuery, c.req.query()))),
  )
  .get('/badge/:id/shields.json', async (c) => {
    const { metric, ...query } = parseInput(shieldsQuery, c.req.query());
    return c.json(shieldsEndpoint(await badgeFor(c, c.req.param('id'), metric, query)));
  });
