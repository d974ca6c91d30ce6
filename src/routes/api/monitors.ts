import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { eventsOf } from '../../db/queries/incident-history';
import { readPublicStatus } from '../../db/queries/status';
import { publicMonitorNotFound, requirePublicStatus } from '../public-monitor';
import { byRegion, readRollups, rollupsBetween, summarize, type UptimeStats } from '../../db/queries/uptime';
import { incidents, monitors } from '../../db/schema';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { parseInput } from '../../lib/validate';
import { BLOCK_SPAN, CREATED_MINUTE_SQL, unpackChecks, type StoredCheck } from '../../db/result-blocks';
import type { Database } from '../../db/client';
import { dailyQuery, incidentsQuery, resultsQuery, slaQuery, windowQuery, WINDOWS_MS } from './schemas';
import { statusJson } from './status';
import { monitorExpiry } from './expiry-gauges';
import { publicDetail } from '../../probes/public-detail';
import { seesResponseContent } from '../auth';
import { publicMonitorIds } from '../status/maintenance-view';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An opaque cursor: the last result's tick and region. */
const encodeCursor = (c: { t: number; r: string }) => btoa(JSON.stringify(c)).replace(/=+$/, '');
function decodeCursor(text: string): { t: number; r: string } {
  try {
    const value = JSON.parse(atob(text)) as { t: unknown; r: unknown };
    if (typeof value.t === 'number' && typeof value.r === 'string') return { t: value.t, r: value.r };
  } catch {
    // fall through: a cursor this API did not make
  }
  throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this API returned.');
}

const iso = (ms: number) => new Date(ms).toISOString();

function statsJson(s: UptimeStats) {
  return {
    checks: s.checks,
    up: s.up,
    degraded: s.degraded,
    down: s.down,
    uptime_pct: s.uptimePct,
    downtime_s: s.downtimeS,
    avg_ms: s.avgMs,
    p50_ms: s.p50Ms,
    p95_ms: s.p95Ms,
    p99_ms: s.p99Ms,
  };
}

/** A public monitor, or a 404 problem (a private monitor is not there for the public API). */
async function publicMonitor(db: Database, id: string) {
  const monitor = await db
    .select({
      id: monitors.id,
      name: monitors.name,
      group: monitors.group,
      kind: monitors.kind,
      regions: monitors.regions,
    })
    .from(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.isPublic, true)))
    .get();
  if (!monitor) throw publicMonitorNotFound(id);
  return monitor;
}

/**
 * Read API over rollups: uptime and latency for a window, daily bars, incidents. Ranges read the
 * rollups' primary key, so the cost follows the window asked for, not the history kept.
 */
export const monitorsApi = new Hono<AppEnv>()
  .get('/monitors', async (c) => {
    const [list, full] = await Promise.all([readPublicStatus(c.var.db), seesResponseContent(c)]);
    return c.json({ monitors: list.map((view) => statusJson(view, { full })) });
  })
  .get('/monitors/:id', async (c) => {
    const [view, full, expiry] = await Promise.all([
      requirePublicStatus(c.var.db, c.req.param('id')),
      seesResponseContent(c),
      monitorExpiry(c.var.db, c.req.param('id'), Date.now()),
    ]);
    // Countdowns when known (null otherwise): the certificate and the registrable domain.
    return c.json({ ...statusJson(view, { full }), ...expiry });
  })
  .get('/monitors/:id/uptime', async (c) => {
    const query = parseInput(windowQuery, c.req.query());
    const monitor = await publicMonitor(c.var.db, c.req.param('id'));
    const now = Date.now();
    const to = query.to ? Date.parse(query.to) : now;
    const from = query.from ? Date.parse(query.from) : to - WINDOWS_MS[query.window ?? '24h'];
    const { resolution, rows } = await rollupsBetween(c.var.db, monitor.id, monitor.regions, from, to);
    return c.json({
      monitor_id: monitor.id,
      window: query.window ?? (query.from ? null : '24h'),
      from: iso(from),
      to: iso(to),
      resolution,
      overall: statsJson(summarize(rows)),
      regions: Object.fromEntries(
        [...byRegion(rows)].map(([region, list]) => [region, statsJson(summarize(list))]),
      ),
    });
  })
  .get('/monitors/:id/sla', async (c) => {
    const query = parseInput(slaQuery, c.req.query());
    const monitor = await publicMonitor(c.var.db, c.req.param('id'));
    const [from, to] = [Date.parse(query.from), Date.parse(query.to)];
    const { rows } = await rollupsBetween(c.var.db, monitor.id, monitor.regions, from, to);
    const stats = summarize(rows);
    const periodS = Math.round((to - from) / 1000);
    const counted = await c.env.DB.prepare(
      'SELECT count(*) AS n FROM incidents WHERE monitor_id = ? AND started_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)',
    )
      .bind(monitor.id, to, from)
      .first<{ n: number }>();
    return c.json({
      monitor_id: monitor.id,
      from: iso(from),
      to: iso(to),
      target_pct: query.target,
      uptime_pct: stats.uptimePct,
      met: stats.uptimePct === null ? null : stats.uptimePct >= query.target,
      downtime_s: stats.downtimeS,
      allowed_downtime_s: Math.floor(periodS * (1 - query.target / 100)),
      checks: stats.checks,
      incidents: counted?.n ?? 0,
    });
  })
  .get('/monitors/:id/results', async (c) => {
    const query = parseInput(resultsQuery, c.req.query());
    const [monitor, full] = await Promise.all([
      publicMonitor(c.var.db, c.req.param('id')),
      seesResponseContent(c),
    ]);
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    // Newest ticks first, a key range of the monitor's block rows (from the minute it was created:
    // older checks of its id were an earlier monitor's), its own checks taken out in SQL, unpacked
    // and ordered by tick then region; one row more than a page tells whether another page exists.
    const rows = await c.env.DB.prepare(
      `SELECT r.tick_at, r.data -> '$.c' AS colos, r.data ->> '$.o' AS base, r.data -> ?2 AS checks
       FROM monitors AS m JOIN result_blocks AS r
        ON r.id >= m.result_block * ${BLOCK_SPAN} + ${CREATED_MINUTE_SQL}
        AND r.id <= m.result_block * ${BLOCK_SPAN} + ?3
       WHERE m.id = ?1 AND r.data -> ?2 IS NOT NULL
       ORDER BY r.id DESC LIMIT ?4`,
    )
      .bind(
        monitor.id,
        `$.m.${JSON.stringify(monitor.id)}`,
        Math.min(cursor?.t ?? Infinity, BLOCK_SPAN - 1),
        query.limit + 1,
      )
      .all<{ tick_at: number; colos: string; base: number | null; checks: string }>();
    const after = (r: { tickAt: number; region: string }) =>
      !cursor || r.tickAt < cursor.t || (r.tickAt === cursor.t && r.region > cursor.r);
    const listed = rows.results
      .flatMap((row) =>
        unpackChecks(
          monitor.id,
          row.tick_at,
          JSON.parse(row.checks) as StoredCheck[],
          JSON.parse(row.colos) as Record<string, string>,
          row.base ?? 0,
        ).map((r) => ({
          ...r,
          tickAt: row.tick_at,
        })),
      )
      .filter((r) => (!query.region || r.region === query.region) && after(r))
      .sort((a, b) => b.tickAt - a.tickAt || a.region.localeCompare(b.region));
    const page = listed.slice(0, query.limit);
    const last = page.at(-1);
    const more = listed.length > query.limit || rows.results.length > query.limit;
    return c.json({
      results: page.map((r) => ({
        region: r.region,
        colo: r.colo,
        tick_at: iso(r.tickAt),
        started_at: iso(r.startedAt),
        ttfb_ms: r.ttfbMs,
        total_ms: r.totalMs,
        http_status: r.httpStatus,
        outcome: r.outcome,
        cause: r.cause,
        detail: full ? r.detail : publicDetail(r.cause, r.detail),
        findings: r.findings,
      })),
      next_cursor: more && last ? encodeCursor({ t: last.tickAt, r: last.region }) : null,
    });
  })
  .get('/monitors/:id/daily', async (c) => {
    const monitor = await publicMonitor(c.var.db, c.req.param('id'));
    const { days } = parseInput(dailyQuery, c.req.query());
    const today = Date.now() - (Date.now() % DAY);
    const rows = await readRollups(
      c.var.db,
      monitor.id,
      monitor.regions,
      'day',
      today - (days - 1) * DAY,
      today + DAY,
    );
    const bars = Array.from({ length: days }, (_, i) => {
      const start = today - (days - 1 - i) * DAY;
      const stats = summarize(rows.filter((r) => r.bucketStart === start));
      return {
        date: iso(start).slice(0, 10),
        uptime_pct: stats.uptimePct,
        checks: stats.checks,
        downtime_s: stats.downtimeS,
      };
    });
    return c.json({ monitor_id: monitor.id, days: bars });
  })
  .get('/incidents', async (c) => {
    const query = parseInput(incidentsQuery, c.req.query());
    const db = c.var.db;
    const conditions = [
      eq(monitors.isPublic, true),
      ...(query.status === 'open' ? [isNull(incidents.resolvedAt)] : []),
      ...(query.status === 'resolved' ? [isNotNull(incidents.resolvedAt)] : []),
      ...(query.monitor ? [eq(incidents.monitorId, query.monitor)] : []),
    ];
    const rows = await db
      .select({ incident: incidents })
      .from(incidents)
      .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
      .where(and(...conditions))
      .orderBy(desc(incidents.startedAt))
      .limit(query.limit);
    const list = rows.map((r) => r.incident);
    const [events, token] = await Promise.all([
      eventsOf(
        db,
        list.map((i) => i.id),
      ),
      seesResponseContent(c),
    ]);
    // The monitor an incident depends on is named to the public only when it is public itself.
    const visible = token ? null : await publicMonitorIds(c.env.DB);
    const named = (id: string | null) => (id === null || !visible || visible.has(id) ? id : null);
    return c.json({
      incidents: list.map((i) => ({
        id: i.id,
        monitor_id: i.monitorId,
        cause: i.cause,
        regions: i.regions,
        status: i.resolvedAt === null ? (i.status ?? 'open') : 'resolved',
        started_at: iso(i.startedAt),
        resolved_at: i.resolvedAt === null ? null : iso(i.resolvedAt),
        duration_s: i.resolvedAt === null ? null : Math.round((i.resolvedAt - i.startedAt) / 1000),
        in_maintenance: i.inMaintenance,
        dependency_of: named(i.dependencyOf),
        events: events
          .filter((e) => e.incidentId === i.id)
          .map((e) => ({
            at: iso(e.at),
            kind: e.kind,
            source: e.source,
            cause: e.cause,
            regions: e.regions,
            message: e.message,
          })),
      })),
    });
  });
