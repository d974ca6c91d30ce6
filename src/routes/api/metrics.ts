import { Hono } from 'hono';
import { hourlyJoin, unpacked } from '../../db/hourly-rollups';
import { readLiveRollups } from '../../db/queries/live-rollups';
import { readPublicStatus } from '../../db/queries/status';
import type { AppEnv } from '../../env';
import { requireToken } from '../auth';
import { expiryGauges } from './expiry-gauges';

const WINDOW_MS = 24 * 3_600_000;

interface UptimeRow {
  monitor_id: string;
  region: string;
  up: number;
  degraded: number;
  down: number;
}

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * OpenMetrics for Prometheus: the last check per monitor and region, and 24-hour uptime ratios
 * from hourly rollups (a key range per monitor, whatever the history kept).
 */
export const metricsApi = new Hono<AppEnv>().get('/metrics', requireToken('read'), async (c) => {
  const now = Date.now();
  const hourFrom = now - WINDOW_MS - (now % 3_600_000);
  const [monitors, uptime, live, expiry] = await Promise.all([
    readPublicStatus(c.var.db, { includePrivate: true }),
    c.env.DB.prepare(
      `SELECT m.id AS monitor_id, r.key AS region, sum(${unpacked('up')}) AS up,
              sum(${unpacked('degraded')}) AS degraded, sum(${unpacked('down')}) AS down
       FROM monitors AS m ${hourlyJoin('?1', '?2')}
       WHERE r.key IN (SELECT value FROM json_each(m.regions))
       GROUP BY m.id, r.key`,
    )
      .bind(hourFrom, now + 3_600_000)
      .all<UptimeRow>(),
    readLiveRollups(c.var.db, 'all'),
    expiryGauges(c.var.db, label),
  ]);
  // The hours not yet written as rollups come from raw results: added per monitor and region.
  const perRegion = new Map(uptime.results.map((row) => [`${row.monitor_id} ${row.region}`, { ...row }]));
  for (const row of live) {
    if (row.bucket !== 'hour' || row.bucketStart < hourFrom) continue;
    const key = `${row.monitorId} ${row.region}`;
    const into = perRegion.get(key) ?? {
      monitor_id: row.monitorId,
      region: row.region,
      up: 0,
      degraded: 0,
      down: 0,
    };
    into.up += row.up;
    into.degraded += row.degraded;
    into.down += row.down;
    perRegion.set(key, into);
  }
  const lines: string[] = [
    '# TYPE probe_success gauge',
    '# HELP probe_success Whether the last check from the region succeeded (up or degraded).',
  ];
  const duration = [
    '# TYPE probe_duration_seconds gauge',
    '# UNIT probe_duration_seconds seconds',
    '# HELP probe_duration_seconds Total time of the last check from the region.',
  ];
  for (const monitor of monitors) {
    for (const { region, result } of monitor.regions) {
      if (!result || result.outcome === 'unknown') continue;
      const labels = `monitor="${label(monitor.id)}",region="${region}"`;
      lines.push(`probe_success{${labels}} ${result.outcome === 'down' ? 0 : 1}`);
      if (result.totalMs !== null)
        duration.push(`probe_duration_seconds{${labels}} ${result.totalMs / 1000}`);
    }
  }
  const ratios = [
    '# TYPE lookout_uptime_ratio gauge',
    '# UNIT lookout_uptime_ratio ratio',
    '# HELP lookout_uptime_ratio Checks up or degraded over all checks in the last 24 hours.',
  ];
  for (const row of perRegion.values()) {
    const checks = row.up + row.degraded + row.down;
    if (checks === 0) continue;
    const ratio = Math.round(((row.up + row.degraded) / checks) * 1e6) / 1e6;
    ratios.push(
      `lookout_uptime_ratio{monitor="${label(row.monitor_id)}",region="${row.region}",window="24h"} ${ratio}`,
    );
  }
  return c.body([...lines, ...duration, ...ratios, ...expiry, '# EOF', ''].join('\n'), 200, {
    'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8',
  });
});
