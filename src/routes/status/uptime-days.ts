import { DAY_MS, type Counts, type IncidentSpan } from '../../db/queries/page';
import { uptimeOf } from '../../db/queries/uptime';
import { translator, type Translator } from '../../i18n/translator';

const english = translator('en');

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
export const formatPct = (pct: number | null, tr: Translator = english) => tr.percent(pct);

/** "Nov 20" (or "Nov 20, 2026"), in the reader's language. */
export const dayLabel = (ms: number, withYear = false, tr: Translator = english) =>
  withYear ? tr.dayWithYear(ms) : tr.day(ms);

export const formatDuration = (seconds: number, tr: Translator = english) => tr.duration(seconds);

/** The text a bar shows on hover and focus, and what a screen reader reads. */
export function barText(bar: DayBar, withYear = false, tr: Translator = english): string {
  const day = dayLabel(bar.day, withYear, tr);
  const parts: string[] = [];
  if (bar.uptimePct === null) parts.push(tr.t('bars.noData', { day }));
  else {
    parts.push(tr.t('bars.uptime', { day, pct: formatPct(bar.uptimePct, tr) }));
    if (bar.downtimeS > 0) parts.push(tr.t('bars.down', { duration: formatDuration(bar.downtimeS, tr) }));
  }
  if (bar.incidents.length > 0) {
    const causes = [...new Set(bar.incidents.map((x) => x.cause))].join(', ');
    parts.push(tr.plural('bars.incidents', bar.incidents.length, { causes }));
  }
  return tr.list(parts);
}
