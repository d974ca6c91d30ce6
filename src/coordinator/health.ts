import { floorMinute, MINUTE_MS } from './minutes';

/** How long without a tick before Lookout reports itself stalled. */
export const STALLED_AFTER_MS = 2 * MINUTE_MS;
const DAY_MS = 86_400_000;

export interface TickWindow {
  /** Ticks in the last 24 h by trigger, and the first of them. */
  cron: number;
  backstop: number;
  manual: number;
  first: number | null;
  last: {
    scheduledAt: number;
    trigger: string;
    finishedAt: number | null;
    checks: number;
    unknown: number;
  } | null;
}

export interface HealthFigures {
  status: 'ok' | 'degraded' | 'stalled';
  /** Minutes of the last 24 h (since the first tick, the current minute excluded) the cron did not run. */
  missed24h: number;
  backstopRuns24h: number;
}

/**
 * Health from the tick records: stalled when no tick ran for STALLED_AFTER_MS, degraded when the
 * cron missed minutes in the last 24 h or the latest tick had a failed phase. Pure.
 */
export function healthFigures(ticks: TickWindow, now: number, lastTickFailed: boolean): HealthFigures {
  const lastComplete = floorMinute(now) - MINUTE_MS;
  const start = ticks.first === null ? null : Math.max(ticks.first, floorMinute(now - DAY_MS));
  const expected = start === null || start > lastComplete ? 0 : (lastComplete - start) / MINUTE_MS + 1;
  const missed24h = Math.max(0, expected - ticks.cron - ticks.manual);
  const stalled = ticks.last === null || now - ticks.last.scheduledAt > STALLED_AFTER_MS;
  const status = stalled ? 'stalled' : missed24h > 0 || lastTickFailed ? 'degraded' : 'ok';
  return { status, missed24h, backstopRuns24h: ticks.backstop };
}
