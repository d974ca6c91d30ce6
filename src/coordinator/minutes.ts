/** Minute arithmetic for the coordinator: pure, so the once-per-minute rules are table-testable. */

export const MINUTE_MS = 60_000;
/** How long after a minute starts the backstop waits for the cron before running the minute itself. */
export const BACKSTOP_DELAY_MS = 20_000;

export type TickTrigger = 'cron' | 'backstop' | 'manual';

export const floorMinute = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

/**
 * Whether a minute may run, given the latest minute already claimed. Minutes run once and in
 * order: a duplicate (same minute) and a stale one (an earlier minute fired late, after a later
 * one ran) are both refused, because a stale tick would judge against a newer state.
 */
export function claimDecision(minute: number, claimed: number | null): 'run' | 'duplicate' | 'stale' {
  if (claimed === null || minute > claimed) return 'run';
  return minute === claimed ? 'duplicate' : 'stale';
}

/** The minutes between the last claimed one and `minute` (exclusive) that nothing ran. */
export function minutesSkipped(minute: number, claimed: number | null): number {
  if (claimed === null || minute <= claimed) return 0;
  return Math.max(0, (minute - claimed) / MINUTE_MS - 1);
}

/**
 * What the backstop alarm does at `now`: run the current minute when no tick has claimed it
 * (`BACKSTOP_DELAY_MS` after it began, so a punctual cron always wins), and when to wake next.
 */
export function backstopPlan(
  now: number,
  claimed: number | null,
): { run: number | null; missed: number; nextAlarmAt: number } {
  const minute = floorMinute(now);
  const due = now - minute >= BACKSTOP_DELAY_MS;
  const nextAlarmAt = (due ? minute + MINUTE_MS : minute) + BACKSTOP_DELAY_MS;
  if (!due || claimDecision(minute, claimed) !== 'run') return { run: null, missed: 0, nextAlarmAt };
  // This minute (the cron missed it) and any before it that nothing ran.
  return { run: minute, missed: minutesSkipped(minute, claimed) + 1, nextAlarmAt };
}
