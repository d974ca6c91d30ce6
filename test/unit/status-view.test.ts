import { describe, expect, it } from 'vitest';
import type { MonitorStatusView } from '../../src/db/queries/status';
import { linePath, niceMax } from '../../src/routes/status/latency-chart';
import { narrowDays, orderedGroups } from '../../src/routes/status/page';
import { overallStatus } from '../../src/routes/status/format';
import { statusPageSchema } from '../../src/config/schema';
import { barText, dayBars, formatPct, levelOf } from '../../src/routes/status/uptime-days';
import { uptimeOf } from '../../src/db/queries/uptime';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 15, 30);
const TODAY = Date.UTC(2026, 10, 26);
const counts = (up: number, down: number, downtimeS = down * 60) => ({ up, degraded: 0, down, downtimeS });

describe('uptime figures', () => {
  it.each([
    [100, '100%'],
    [99.999, '99.99%'],
    [99.956, '99.95%'],
    [75, '75.00%'],
    [0, '0.00%'],
    [null, '–'],
  ])('formats %s as %s, never rounding a failure up to 100%%', (pct, shown) => {
    expect(formatPct(pct)).toBe(shown);
  });

  it.each([
    [null, 'none'],
    [100, 'up'],
    [99.9, 'up'],
    [99.5, 'minor'],
    [96, 'partial'],
    [94.9, 'major'],
  ])('colours %s%% as %s', (pct, level) => {
    expect(levelOf(pct)).toBe(level);
  });

  it('counts degraded checks as up and ignores spans without checks', () => {
    expect(uptimeOf([counts(3, 1), { up: 0, degraded: 4, down: 0, downtimeS: 0 }])).toBe(87.5);
    expect(uptimeOf([])).toBeNull();
  });
});

describe('day bars', () => {
  const perDay = new Map([
    [TODAY - 2 * DAY, counts(1430, 10)],
    [TODAY, counts(900, 0)],
  ]);
  const incident = {
    id: 'i1',
    monitorId: 'm',
    cause: 'http.upstream',
    startedAt: TODAY - 2 * DAY + 3_600_000,
  };

  it('gives one bar per day ending today, each with the incidents that overlapped it', () => {
    const bars = dayBars(perDay, [{ ...incident, resolvedAt: TODAY - DAY + 60_000 }], NOW, 90);
    expect(bars).toHaveLength(90);
    expect(bars[89]?.day).toBe(TODAY);
    expect(bars.map((b) => b.level).slice(-3)).toEqual(['minor', 'none', 'up']);
    expect(bars[87]?.incidents.map((i) => i.id)).toEqual(['i1']);
    expect(bars[88]?.incidents.map((i) => i.id)).toEqual(['i1']);
    expect(bars[89]?.incidents).toEqual([]);
  });

  it('keeps an open incident on every day up to today', () => {
    const bars = dayBars(perDay, [{ ...incident, resolvedAt: null }], NOW, 3);
    expect(bars.map((b) => b.incidents.length)).toEqual([1, 1, 1]);
  });

  it('says the day, its uptime, downtime and incidents in words', () => {
    const [bar] = dayBars(perDay, [{ ...incident, resolvedAt: TODAY - DAY }], NOW, 3);
    expect(barText(bar as never)).toBe('Nov 24: 99.30% uptime, down 10 min, 1 incident (http.upstream)');
    expect(barText(dayBars(perDay, [], NOW, 2)[0] as never)).toBe('Nov 25: no data');
  });
});

describe('latency chart geometry', () => {
  it.each([
    [0, 100],
    [7, 10],
    [130, 200],
    [420, 500],
    [1001, 2000],
  ])('rounds an axis top of %s up to %s', (value, top) => {
    expect(niceMax(value)).toBe(top);
  });

  it('breaks the line where a bucket has no figure', () => {
    const path = linePath(
      [
        { at: 0, value: 10 },
        { at: 1, value: 20 },
        { at: 2, value: null },
        { at: 3, value: 30 },
        { at: 5, value: 40 },
      ],
      (at) => at * 10,
      (v) => 100 - v,
      1,
    );
    // A gap (null) or a missing bucket (4) starts a new segment; a point alone is a dot.
    expect(path).toBe('M5.0 90.0L15.0 80.0M35.0 70.0h0M55.0 60.0h0');
  });
});

describe('groups on the page', () => {
  const monitor = (id: string, group: string | null) => ({ id, group }) as MonitorStatusView;
  const list = [monitor('a', 'Web'), monitor('b', null), monitor('c', 'API'), monitor('d', 'Billing')];

  it('follow the configured order, then the others by name, ungrouped last', () => {
    const settings = statusPageSchema.parse({ groups: [{ name: 'Web', description: 'The dashboard' }] });
    const groups = orderedGroups(list, settings);
    expect(groups.map((g) => g.name)).toEqual(['Web', 'API', 'Billing', 'Other services']);
    expect(groups[0]?.description).toBe('The dashboard');
  });

  it('are one "Services" list when no monitor has a group', () => {
    const groups = orderedGroups([monitor('x', null)], statusPageSchema.parse({}));
    expect(groups.map((g) => g.name)).toEqual(['Services']);
  });
});

describe('the banner', () => {
  const of = (...statuses: MonitorStatusView['status'][]) =>
    statuses.map((status) => ({ status }) as MonitorStatusView);
  it.each([
    [of('up', 'up'), false, 'up', 'All systems operational'],
    [of('up', 'degraded'), false, 'partial', 'Degraded performance'],
    [of('up', 'partial'), false, 'partial', 'Partial outage'],
    [of('up', 'down'), false, 'partial', 'Partial outage'],
    [of('down', 'down'), false, 'down', 'Major outage'],
    [of('up', 'up'), true, 'maintenance', 'Scheduled maintenance in progress'],
    [of('up', 'down'), true, 'partial', 'Partial outage'],
    [of('up', 'pending'), false, 'unknown', 'Waiting for checks'],
  ])('%j, maintenance %s: %s', (list, maintenance, kind, text) => {
    expect(overallStatus(list, maintenance)).toEqual({ kind, text });
  });
});

describe('the axis on narrow screens', () => {
  const bars = (none: number, checked: number) => [
    ...Array.from({ length: none }, () => ({ level: 'none' })),
    ...Array.from({ length: checked }, () => ({ level: 'up' })),
  ];
  it.each([
    [0, 90, 30],
    [69, 21, 21],
    [1, 89, 30],
    [90, 0, 0],
  ])('with %i days unchecked and %i checked, starts %i days ago', (none, checked, days) => {
    expect(narrowDays(bars(none, checked))).toBe(days);
  });
});
