import type { TickWindow } from '../../coordinator/health';
import { PHASE_ERROR_KEY, PHASES, type PhaseError } from '../../jobs/phases';
import type { Database } from '../client';

const DAY_MS = 86_400_000;

/** Ticks of the last 24 h, counted by trigger, and the latest one. */
export async function readTickWindow(db: Database, now: number): Promise<TickWindow> {
  const [counts, last] = await db.$client.batch<Record<string, number | string | null>>([
    db.$client
      .prepare(
        `SELECT sum(trigger = 'cron') AS cron, sum(trigger = 'backstop') AS backstop,
                sum(trigger = 'manual') AS manual, min(scheduled_at) AS first
         FROM ticks WHERE scheduled_at >= ? AND scheduled_at <= ?`,
      )
      .bind(now - DAY_MS, now),
    db.$client.prepare(
      'SELECT scheduled_at, trigger, finished_at, checks, unknown FROM ticks ORDER BY scheduled_at DESC LIMIT 1',
    ),
  ]);
  const c = counts?.results[0] ?? {};
  const l = last?.results[0];
  return {
    cron: Number(c.cron ?? 0),
    backstop: Number(c.backstop ?? 0),
    manual: Number(c.manual ?? 0),
    first: c.first === null || c.first === undefined ? null : Number(c.first),
    last: l
      ? {
          scheduledAt: Number(l.scheduled_at),
          trigger: String(l.trigger),
          finishedAt: l.finished_at === null ? null : Number(l.finished_at),
          checks: Number(l.checks),
          unknown: Number(l.unknown),
        }
      : null,
  };
}

/** Each phase's latest recorded error. */
export async function readPhaseErrors(db: Database): Promise<PhaseError[]> {
  const rows = await db.$client
    .prepare(`SELECT value FROM meta WHERE key IN (${PHASES.map(() => '?').join(', ')})`)
    .bind(...PHASES.map(PHASE_ERROR_KEY))
    .all<{ value: string }>();
  return rows.results.map((r) => JSON.parse(r.value) as PhaseError);
}

export interface OutboxFigures {
  pending: number;
  dead: number;
  oldestPendingAt: number | null;
}

export async function readOutboxFigures(db: Database): Promise<OutboxFigures> {
  const row = await db.$client
    .prepare(
      `SELECT sum(status = 'pending') AS pending, sum(status = 'dead') AS dead,
              min(CASE WHEN status = 'pending' THEN created_at END) AS oldest
       FROM deliveries WHERE status IN ('pending', 'dead')`,
    )
    .first<{ pending: number | null; dead: number | null; oldest: number | null }>();
  return { pending: row?.pending ?? 0, dead: row?.dead ?? 0, oldestPendingAt: row?.oldest ?? null };
}
