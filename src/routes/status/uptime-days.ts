import { DAY_MS, type Counts, type IncidentSpan } from '../../db/queries/page';
import { uptimeOf } from '../../db/queries/uptime';

/** How a day looks: by its uptime, or `none` when nothing was checked. */
export type DayLevel = 'none' | 'up' | 'minor' | 'partial' | 'major';

export interface DayBar {
  day: number;
  level: DayLevel;
  uptimePct: number | null;
  downtimeS: number;
  incidents: IncidentSpan[];
}

export function levelOf(pct: number | null): DayLevel {
  if (pct === null) return 'none';
  if (pct >= 99.9) return 'up';
  if (pct >= 99) return 'minor';
  if (pct >= 95) return 'partial';
  return 'major';
}

/** `days` bars ending today (UTC), oldest first, each with the incidents that overlapped it. Pure. */
export function dayBars(
  perDay: ReadonlyMap<number, Counts> | undefined,
  incidents: readonly IncidentSpan[],
  now: number,
  days: number,
): DayBar[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: days }, (_, i) => {
    const day = today - (days - 1 - i) * DAY_MS;
    const counts = perDay?.get(day);
    const uptimePct = counts ? uptimeOf([counts]) : null;
    return {
      day,
      level: levelOf(uptimePct),
      uptimePct,
      downtimeS: counts?.downtimeS ?? 0,
      incidents:
        incidents.length === 0
          ? []
          : incidents.filter((x) => x.startedAt < day + DAY_MS && (x.resolvedAt ?? now) >= day),
    };
  });
}

/** Uptime over the last `days` bars (today included). */
export function uptimeOver(
  bars: readonly DayBar[],
  perDay: ReadonlyMap<number, Counts> | undefined,
  days: number,
) {
  return uptimeOf(bars.slice(-days).flatMap((b) => perDay?.get(b.day) ?? []));
}

/** 99.95%: two decimals, never rounded up to 100% while anything failed. */
export function formatPct(pct: number | null): string {
  if (pct === null) return '–';
  if (pct >= 100) return '100%';
  return `${Math.min(Math.floor(pct * 100) / 100, 99.99).toFixed(2)}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const LABELS = new Map<number, string>();

/** "Nov 20" (or "Nov 20, 2026"); made once per day, as every monitor's bars repeat the same days. */
export function dayLabel(ms: number, withYear = false): string {
  let base = LABELS.get(ms);
  if (base === undefined) {
    if (LABELS.size > 1000) LABELS.clear();
    const d = new Date(ms);
    LABELS.set(ms, (base = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`));
  }
  return withYear ? `${base}, ${new Date(ms).getUTCFullYear()}` : base;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** The text a bar shows on hover and focus, and what a screen reader reads. */
export function barText(bar: DayBar, withYear = false): string {
  let text = `${dayLabel(bar.day, withYear)}: `;
  if (bar.uptimePct === null) text += 'no data';
  else {
    text += `${formatPct(bar.uptimePct)} uptime`;
    if (bar.downtimeS > 0) text += `, down ${formatDuration(bar.downtimeS)}`;
  }
  if (bar.incidents.length > 0) {
    const causes = [...new Set(bar.incidents.map((x) => x.cause))].join(', ');
    text += `, ${bar.incidents.length} incident${bar.incidents.length > 1 ? 's' : ''} (${causes})`;
  }
  return text;
}
