import { Hono } from 'hono';
import { readPublicStatus, type MonitorStatusView } from '../../db/queries/status';
import type { AppEnv } from '../../env';
import { describeCode } from '../../probes/taxonomy';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public JSON shape: snake_case, ISO times, never the request spec (it may name secrets). */
export function statusJson(view: MonitorStatusView) {
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
      detail: result?.detail ?? null,
      explanation: result?.cause ? (describeCode(result.cause)?.explanation ?? null) : null,
      hint: result?.cause ? (describeCode(result.cause)?.hint ?? null) : null,
      findings: result?.findings ?? [],
    })),
  };
}

export const statusApi = new Hono<AppEnv>().get('/status', async (c) => {
  const monitors = await readPublicStatus(c.var.db);
  return c.json({ generated_at: new Date().toISOString(), monitors: monitors.map(statusJson) });
});
