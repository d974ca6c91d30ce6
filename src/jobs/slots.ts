/**
 * Checks more often than once a minute: a monitor with `interval: 10s` (or 15s, 20s, 30s) is
 * checked by the minute's tick, then again in slots inside the minute (at :10, :20, ... for 10s),
 * each a small tick of its own that probes only the monitors due then, decides their alerts at once
 * and writes their checks in the same packed rows as a minute's. Pure: which slots a minute has,
 * which monitors are due in one, and what a slot may spend.
 */
import { MINUTE_MS } from '../coordinator/minutes';

/** Intervals under a minute, in ms: each divides the minute, so every minute has the same slots. */
export const SUBMINUTE_INTERVALS_MS = [10_000, 15_000, 20_000, 30_000] as const;

export function isSubminute(intervalMs: number): boolean {
  return intervalMs < MINUTE_MS;
}

/** A minute's slot offsets (ms after it began, 0 excluded: that is the minute's tick) for these intervals. */
export function slotOffsets(intervalsMs: Iterable<number>): number[] {
  const offsets = new Set<number>();
  for (const interval of intervalsMs) {
    if (!isSubminute(interval) || interval <= 0) continue;
    for (let at = interval; at < MINUTE_MS; at += interval) offsets.add(at);
  }
  return [...offsets].sort((a, b) => a - b);
}

/** Whether a monitor checked every `intervalMs` is due at `offset` ms into a minute (0: the tick). */
export function dueAtOffset(intervalMs: number, offset: number): boolean {
  return isSubminute(intervalMs) && offset % intervalMs === 0;
}

/**
 * What a slot may spend: its answers must be in before the next slot of its shortest interval
 * (one second left to write and decide), and probers get half the interval for their checks,
 * which is what the config allows a sub-minute check (`maxSubminuteCheckMs`).
 */
export function slotLimits(shortestIntervalMs: number): { budgetMs: number; graceMs: number } {
  const budgetMs = shortestIntervalMs - 1_000;
  return { budgetMs, graceMs: budgetMs - maxSubminuteCheckMs(shortestIntervalMs) };
}

/** The longest a check of a monitor checked every `intervalMs` (under a minute) may take at worst. */
export function maxSubminuteCheckMs(intervalMs: number): number {
  return intervalMs / 2;
}

/**
 * The slot to run at `now`, given the minute whose slots are planned and the last slot run: the
 * latest slot already begun, unless it ran or its time is over (a slot that could not start
 * within its own interval is skipped: the next one checks again). Null when none is due.
 */
export function dueSlot(
  now: number,
  plan: { minute: number; offsets: readonly number[] } | null,
  lastRun: number | null,
): number | null {
  if (!plan) return null;
  const begun = plan.offsets.filter((offset) => plan.minute + offset <= now);
  const offset = begun.at(-1);
  if (offset === undefined) return null;
  const at = plan.minute + offset;
  const next = plan.offsets.find((o) => o > offset) ?? MINUTE_MS;
  if (lastRun !== null && lastRun >= at) return null;
  return now < plan.minute + next ? at : null;
}

/** When the next slot of the plan begins after `now`, or null when the minute has no more. */
export function nextSlotAt(
  now: number,
  plan: { minute: number; offsets: readonly number[] } | null,
): number | null {
  if (!plan) return null;
  const offset = plan.offsets.find((o) => plan.minute + o > now);
  return offset === undefined ? null : plan.minute + offset;
}
