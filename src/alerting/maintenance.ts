import { WEEKDAYS, type MaintenanceConfig } from '../config/alerting-schema';

/** A weekly window in UTC: day 0 = Monday, start in minutes after midnight, duration in ms. */
export interface WeeklyWindow {
  day: number;
  startMinute: number;
  durationMs: number;
}

export interface MaintenanceWindow {
  id: string;
  title: string;
  monitors: string[];
  groups: string[];
  startsAt: number | null;
  endsAt: number | null;
  weekly: WeeklyWindow | null;
}

const WEEK_MS = 7 * 86_400_000;
/** 1970-01-05 was a Monday: weeks are counted from there. */
const FIRST_MONDAY_MS = 4 * 86_400_000;

export function windowFromConfig(m: MaintenanceConfig): MaintenanceWindow {
  const [hours, minutes] = (m.weekly?.at ?? '00:00').split(':').map(Number) as [number, number];
  return {
    id: m.id,
    title: m.title,
    monitors: m.monitors ?? [],
    groups: m.groups ?? [],
    startsAt: m.start ? Date.parse(m.start) : null,
    endsAt: m.end ? Date.parse(m.end) : null,
    weekly: m.weekly
      ? {
          day: WEEKDAYS.indexOf(m.weekly.day),
          startMinute: hours * 60 + minutes,
          durationMs: m.weekly.duration,
        }
      : null,
  };
}

/** The occurrence of a window that covers `now`, or null. Pure. */
export function activeOccurrence(
  window: MaintenanceWindow,
  now: number,
): { start: number; end: number } | null {
  if (window.weekly) {
    const { day, startMinute, durationMs } = window.weekly;
    const offset = day * 86_400_000 + startMinute * 60_000;
    // The latest weekly start at or before now (a window may run past the end of its week).
    const sinceEpochWeek = now - FIRST_MONDAY_MS - offset;
    const start = now - (((sinceEpochWeek % WEEK_MS) + WEEK_MS) % WEEK_MS);
    return now < start + durationMs ? { start, end: start + durationMs } : null;
  }
  if (window.startsAt !== null && window.endsAt !== null && now >= window.startsAt && now < window.endsAt) {
    return { start: window.startsAt, end: window.endsAt };
  }
  return null;
}

export function covers(window: MaintenanceWindow, monitor: { id: string; group: string | null }): boolean {
  return (
    window.monitors.includes(monitor.id) || (monitor.group !== null && window.groups.includes(monitor.group))
  );
}

export function inMaintenance(
  windows: readonly MaintenanceWindow[],
  monitor: { id: string; group: string | null },
  now: number,
): boolean {
  return windows.some((w) => covers(w, monitor) && activeOccurrence(w, now) !== null);
}

/** The next occurrence starting after `now`, or null (a one-off window already begun or past). Pure. */
export function nextOccurrence(
  window: MaintenanceWindow,
  now: number,
): { start: number; end: number } | null {
  if (window.weekly) {
    const current = activeOccurrence({ ...window, weekly: { ...window.weekly, durationMs: WEEK_MS } }, now);
    const start = (current?.start ?? now) + WEEK_MS;
    return { start, end: start + window.weekly.durationMs };
  }
  if (window.startsAt !== null && window.endsAt !== null && window.startsAt > now) {
    return { start: window.startsAt, end: window.endsAt };
  }
  return null;
}
