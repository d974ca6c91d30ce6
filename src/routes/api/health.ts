import { Hono } from 'hono';
import { healthFigures } from '../../coordinator/health';
import { readOutboxFigures, readPhaseErrors, readTickWindow } from '../../db/queries/health';
import type { AppEnv } from '../../env';
import { PHASES } from '../../jobs/phases';
import { requireToken } from '../auth';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Lookout's own health, for operators and for an outside monitor of the monitor: the last tick,
 * minutes the cron missed in 24 h, each phase's last error, the outbox backlog. 503 when stalled.
 */
export const healthApi = new Hono<AppEnv>().get('/health', requireToken('read'), async (c) => {
  const now = Date.now();
  const [ticks, errors, outbox] = await Promise.all([
    readTickWindow(c.var.db, now),
    readPhaseErrors(c.var.db),
    readOutboxFigures(c.var.db),
  ]);
  const lastTickFailed = ticks.last !== null && errors.some((e) => e.tickAt === ticks.last?.scheduledAt);
  const figures = healthFigures(ticks, now, lastTickFailed);
  const body = {
    status: figures.status,
    last_tick: ticks.last && {
      scheduled_at: iso(ticks.last.scheduledAt),
      trigger: ticks.last.trigger,
      finished_at: iso(ticks.last.finishedAt),
      checks: ticks.last.checks,
      unknown: ticks.last.unknown,
    },
    ticks_missed_24h: figures.missed24h,
    backstop_runs_24h: figures.backstopRuns24h,
    phases: Object.fromEntries(
      PHASES.map((phase) => {
        const error = errors.find((e) => e.phase === phase);
        return [phase, { last_error: error?.error ?? null, last_error_tick: iso(error?.tickAt ?? null) }];
      }),
    ),
    outbox: {
      pending: outbox.pending,
      dead: outbox.dead,
      oldest_pending_at: iso(outbox.oldestPendingAt),
    },
  };
  return c.json(body, figures.status === 'stalled' ? 503 : 200);
});
