import { describe, expect, it } from 'vitest';
import { decideAlerts, type AlertSubject, type DecideInput } from '../../src/alerting/decide';
import { decideFindingAlerts } from '../../src/alerting/finding-alerts';
import { eventId, incidentId } from '../../src/alerting/ids';
import { policySchema } from '../../src/config/alerting-schema';
import { downtimeOf, type RollupRow } from '../../src/db/queries/uptime';
import { applyRechecks } from '../../src/jobs/recheck';
import {
  activeOccurrence,
  inMaintenance,
  nextOccurrence,
  windowFromConfig,
} from '../../src/alerting/maintenance';
import { durationMs } from '../../src/config/duration';
import { bucketOf, quantile } from '../../src/db/histogram';
import { planReconcile } from '../../src/config/reconcile-plan';
import type { HttpSpec } from '../../src/config/checks';
import type { MonitorDefinition } from '../../src/config/monitor';
import { MissingValueError, resolveTemplate } from '../../src/probes/templates';
import { proberDeadlineMs } from '../../src/jobs/dispatch';
import { statusOf } from '../../src/jobs/monitor-status';
import { isDue, planShards, type ScheduledMonitor } from '../../src/jobs/plan';
import { statusAccepted } from '../../src/probes/expect-status';
import { classifyNetworkError } from '../../src/probes/network-error';
import type { ProbeResult } from '../../src/probes/result';
import { monitorsFrom } from '../helpers';

const definition = monitorsFrom({
  monitors: [{ id: 'x', url: 'https://x.example/', timeout: '2s' }],
})[0] as MonitorDefinition;
const spec = definition.spec as HttpSpec;
const monitor = (
  id: string,
  regions: ScheduledMonitor['regions'],
  extra: Partial<ScheduledMonitor> = {},
): ScheduledMonitor => ({
  ...definition,
  id,
  regions,
  createdAt: 0,
  lastCheckedAt: null,
  state: null,
  ...extra,
});

describe('planShards', () => {
  it('splits each region into shards of at most the shard size, named <region>:<index>', () => {
    const due = [monitor('a', ['weur', 'apac']), monitor('b', ['weur']), monitor('c', ['weur', 'apac'])];
    const jobs = planShards(due, 2);
    expect(jobs.map((j) => [j.shard, j.region, j.tasks.map((t) => t.monitorId)])).toEqual([
      ['weur:0', 'weur', ['a', 'b']],
      ['weur:1', 'weur', ['c']],
      ['apac:0', 'apac', ['a', 'c']],
    ]);
  });
});

describe('isDue', () => {
  const t = Date.UTC(2026, 0, 1, 0, 10);
  it.each([
    [null, 60, true],
    [t - 60_000, 60, true],
    [t - 35_000, 60, true], // a late previous tick still leaves this one due
    [t - 20_000, 60, false],
    [t - 240_000, 300, false],
    [t - 300_000, 300, true],
  ])('last check %s, interval %ss -> %s', (last, interval, due) => {
    expect(isDue(monitor('m', ['weur'], { lastCheckedAt: last, intervalS: interval }), t)).toBe(due);
  });
});

describe('statusOf', () => {
  const r = (outcome: ProbeResult['outcome']) => ({ outcome }) as ProbeResult;
  it.each([
    [['up', 'up', 'up'], 'up'],
    [['up', 'down', 'up'], 'partial'],
    [['down', 'down', 'up'], 'down'],
    [['down', 'unknown', 'unknown'], 'down'],
    [['up', 'unknown', 'down'], 'partial'],
    [['unknown', 'unknown'], 'unknown'],
    [['up', 'degraded'], 'degraded'],
  ] as const)('%j -> %s', (outcomes, status) => {
    expect(statusOf(outcomes.map(r))).toBe(status);
  });
});

describe('proberDeadlineMs', () => {
  it('allows every wave of 5 checks its timeout, plus grace', () => {
    const job = {
      region: 'weur' as const,
      shard: 'weur:0',
      tasks: Array.from({ length: 11 }, (_, i) => ({ monitorId: `m${i}`, spec })),
    };
    expect(proberDeadlineMs(job, 1000)).toBe(3 * 2000 + 1000);
  });
});

describe('statusAccepted', () => {
  it.each([
    ['2xx', 204, true],
    ['2xx', 301, false],
    [200, 200, true],
    [[200, '3xx'], 302, true],
    [[200, '3xx'], 404, false],
  ] as const)('%j accepts %s: %s', (expected, status, accepted) => {
    expect(statusAccepted(expected as Parameters<typeof statusAccepted>[0], status)).toBe(accepted);
  });
});

describe('classifyNetworkError', () => {
  const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  it.each([
    [timeout, 'net.timeout'],
    [new Error('Network connection lost.'), 'net.refused'],
    [new Error('proxy request failed, cannot connect to the specified address'), 'net.refused'],
    [new Error('internal error; reference = abc123'), 'net.dns'],
    [new Error('something else entirely'), 'net.error'],
  ])('%s -> %s', (error, cause) => {
    expect(classifyNetworkError(error, 1000).cause).toBe(cause);
  });
});

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['1h', 3_600_000],
    [30, 30_000],
  ])('%s -> %d ms', (input, ms) => {
    expect(durationMs.parse(input)).toBe(ms);
  });
});

describe('secret references', () => {
  it('are resolved by name, remembered for redaction, and a missing one is an error naming it', () => {
    const text = 'Bearer ${{ secrets.API_TOKEN }} ${{vars.token}}';
    const scope = {
      secrets: (n: string) => (n === 'API_TOKEN' ? 'secret-1' : undefined),
      vars: { token: 'tok-2-long' },
      used: new Set<string>(),
    };
    expect(resolveTemplate(text, scope)).toBe('Bearer secret-1 tok-2-long');
    expect([...scope.used]).toEqual(['secret-1', 'tok-2-long']);
    // Shorter than MIN_SECRET_LENGTH (an id, a flag): substituted, not remembered.
    const short = { ...scope, vars: { token: 'id-42' }, used: new Set<string>() };
    expect(resolveTemplate('${{ vars.token }}', short)).toBe('id-42');
    expect([...short.used]).toEqual([]);
    expect(() => resolveTemplate(text, { ...scope, secrets: () => undefined })).toThrow(MissingValueError);
    expect(() => resolveTemplate(text, { ...scope, secrets: () => undefined })).toThrow(
      'secret API_TOKEN is not set',
    );
  });
});

describe('planReconcile', () => {
  it('sorts monitors into added, updated, removed and unchanged', () => {
    const before = monitorsFrom({
      monitors: [
        { id: 'a', url: 'https://a.example/' },
        { id: 'b', url: 'https://b.example/' },
      ],
    });
    const after = monitorsFrom({
      monitors: [
        { id: 'a', url: 'https://a.example/' },
        { id: 'c', url: 'https://c.example/' },
      ],
    });
    const changed = monitorsFrom({ monitors: [{ id: 'a', url: 'https://a.example/', timeout: '5s' }] });
    expect(planReconcile(before, after)).toMatchObject({
      add: [{ id: 'c' }],
      update: [],
      remove: ['b'],
      unchanged: 1,
    });
    expect(planReconcile(before, changed)).toMatchObject({
      add: [],
      update: [{ id: 'a' }],
      remove: ['b'],
      unchanged: 0,
    });
  });
});

describe('maintenance windows', () => {
  const weekly = windowFromConfig({
    id: 'w',
    title: 'Weekly',
    groups: ['Core'],
    weekly: { day: 'sun', at: '23:30', duration: 3_600_000 },
  });
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['2026-11-29T23:29:00Z', false], // a Sunday, before the window
    ['2026-11-29T23:30:00Z', true],
    ['2026-11-30T00:29:59Z', true], // runs past midnight into Monday
    ['2026-11-30T00:30:00Z', false],
    ['2026-12-06T23:45:00Z', true], // the next Sunday
  ])('a weekly window on Sunday 23:30 for 1h covers %s: %s', (time, active) => {
    expect(activeOccurrence(weekly, at(time)) !== null).toBe(active);
  });

  it('cover monitors by id or group, and know their next occurrence', () => {
    expect(inMaintenance([weekly], { id: 'a', group: 'Core' }, at('2026-11-29T23:45:00Z'))).toBe(true);
    expect(inMaintenance([weekly], { id: 'a', group: 'Edge' }, at('2026-11-29T23:45:00Z'))).toBe(false);
    expect(nextOccurrence(weekly, at('2026-11-26T12:00:00Z'))).toEqual({
      start: at('2026-11-29T23:30:00Z'),
      end: at('2026-11-30T00:30:00Z'),
    });
  });
});

describe('latency histogram', () => {
  it('puts samples in log-scale buckets and reads quantiles back within their bucket', () => {
    expect([5, 10, 11, 35, 36, 1000, 1001, 60_000].map(bucketOf)).toEqual([0, 0, 1, 2, 3, 11, 12, 15]);
    const counts = new Array(16).fill(0);
    for (const ms of [12, 14, 15, 18, 19, 110, 120, 130, 140, 900]) counts[bucketOf(ms)]++;
    expect(quantile(counts, 0.5, 12, 900)).toBeGreaterThanOrEqual(12);
    expect(quantile(counts, 0.5, 12, 900)).toBeLessThanOrEqual(20);
    expect(quantile(counts, 0.8, 12, 900)).toBeGreaterThan(100);
    expect(quantile(counts, 0.8, 12, 900)).toBeLessThanOrEqual(150);
    expect(quantile(counts, 0.99, 12, 900)).toBeGreaterThan(750);
    expect(quantile(counts, 0.99, 12, 900)).toBeLessThanOrEqual(900);
    expect(quantile(new Array(16).fill(0), 0.5, 0, 0)).toBeNull();
  });
});

const result = (
  monitorId: string,
  region: ProbeResult['region'],
  outcome: ProbeResult['outcome'],
  extra: Partial<ProbeResult> = {},
): ProbeResult => ({
  monitorId,
  region,
  colo: 'local',
  startedAt: 0,
  ttfbMs: outcome === 'up' || outcome === 'degraded' ? 10 : null,
  totalMs: outcome === 'up' || outcome === 'degraded' ? 20 : null,
  httpStatus: outcome === 'up' || outcome === 'degraded' ? 200 : null,
  outcome,
  cause: outcome === 'up' ? null : outcome === 'unknown' ? 'lookout.prober_failed' : 'net.timeout',
  detail: null,
  findings: [],
  ...extra,
});

describe('applyRechecks', () => {
  it.each([
    ['up', 'unknown'],
    ['degraded', 'unknown'],
    ['down', 'down'],
    ['unknown', 'down'],
  ] as const)('a re-check that got %s makes the failure vote %s', (recheck, vote) => {
    const failed = result('m', 'apac', 'down');
    const { stored, votes } = applyRechecks(
      [failed, result('m', 'weur', 'up')],
      [result('m', 'weur', recheck)],
    );
    expect(votes[0]?.outcome).toBe(vote);
    expect(stored[0]?.outcome).toBe('down');
    expect(stored[0]?.detail ?? '').toSatisfy(
      (d: string) => (vote === 'down') === !d.includes('not confirmed'),
    );
  });
});

describe('finding notices', () => {
  const subject = {
    id: 'm',
    name: 'M',
    group: null,
    dependsOn: [],
    policy: policySchema.parse({}),
    state: null,
  };
  const sunset = { code: 'api.sunset_soon', detail: 'Sunset in 20 days', data: { days_left: 20 } };
  const notices = new Map([['m api.sunset_soon', null]]);
  const decide = (results: ProbeResult[]) =>
    decideFindingAlerts([subject], results, notices, (_, partial) => partial as never);

  it.each([
    ['every region down', [result('m', 'weur', 'down'), result('m', 'apac', 'down')], []],
    ['every region unknown', [result('m', 'weur', 'unknown')], []],
    [
      'a region answering without it',
      [result('m', 'weur', 'down'), result('m', 'apac', 'up')],
      [['m', 'api.sunset_soon']],
    ],
    ['a degraded answer without it', [result('m', 'weur', 'degraded')], [['m', 'api.sunset_soon']]],
    [
      'one answer still showing it',
      [result('m', 'weur', 'up'), result('m', 'apac', 'up', { findings: [sunset] })],
      [],
    ],
  ])('an announced finding is forgotten only after a response showed it gone: %s', (_, results, removed) => {
    const decisions = decide(results);
    expect(decisions.removals).toEqual(removed);
    expect(decisions.events).toEqual([]);
  });

  it('announces a finding that names its lead (tls.expiring) once per lead crossed', () => {
    const expiring = (daysLeft: number, lead: number) => [
      result('m', 'weur', 'up', {
        findings: [{ code: 'tls.expiring', detail: 'x', data: { days_left: daysLeft, lead_days: lead } }],
      }),
    ];
    const upserts = (results: ProbeResult[], last: number | null) =>
      decideFindingAlerts([subject], results, new Map([['m tls.expiring', last]]), (_, p) => p as never)
        .upserts;
    expect(decideFindingAlerts([subject], expiring(25, 30), new Map(), (_, p) => p as never).upserts).toEqual(
      [['m', 'tls.expiring', 30]],
    );
    // Still inside the lead already announced: nothing new.
    expect(upserts(expiring(20, 30), 30)).toEqual([]);
    expect(upserts(expiring(13, 14), 30)).toEqual([['m', 'tls.expiring', 14]]);
    expect(upserts(expiring(6, 7), 14)).toEqual([['m', 'tls.expiring', 7]]);
  });
});

describe('decideAlerts', () => {
  const T = Date.UTC(2026, 10, 26, 12);
  const subject = (id: string, extra: Partial<AlertSubject> = {}): AlertSubject => ({
    id,
    name: id,
    group: null,
    dependsOn: [],
    policy: policySchema.parse({ fail_after: 1, reminder_every: '10m' }),
    state: null,
    ...extra,
  });
  const input = (subjects: AlertSubject[], outcome: ProbeResult['outcome'], now = T): DecideInput => ({
    subjects,
    results: subjects.map((s) => result(s.id, 'weur', outcome)),
    windows: [],
    lastReminders: new Map(),
    notices: new Map(),
    now,
    statusPageUrl: null,
  });

  it('derives incident and event ids from what they are, so the same decision twice has the same ids', () => {
    const first = decideAlerts(input([subject('a'), subject('b')], 'down'));
    const again = decideAlerts(input([subject('a'), subject('b')], 'down'));
    expect(first.events.map((e) => e.id)).toEqual(again.events.map((e) => e.id));
    expect(first.writes).toEqual(again.writes);
    const ids = first.events.map((e) => e.incident?.id);
    expect(ids).toEqual([incidentId('a', T), incidentId('b', T)]);
    expect(first.events[0]?.id).toBe(eventId('incident.opened', incidentId('a', T)));
    expect(new Set(first.events.map((e) => e.id)).size).toBe(2);
  });

  it('a tick decided again from the state it wrote decides nothing', () => {
    const first = decideAlerts(input([subject('a')], 'down'));
    const state = first.states.get('a') ?? null;
    const again = decideAlerts(input([subject('a', { state })], 'down'));
    expect(again.events).toEqual([]);
    expect(again.writes).toEqual([]);
  });

  it('reminds of an open incident only when its opening was told and no window covers it now', () => {
    const window = {
      id: 'w',
      title: 'Upgrade',
      monitors: ['a'],
      groups: [],
      startsAt: T + 5 * 60_000,
      endsAt: T + 30 * 60_000,
      weekly: null,
    };
    const opened = decideAlerts(input([subject('a')], 'down'));
    const state = opened.states.get('a') ?? null;
    const id = incidentId('a', T);
    const remindAt = (now: number) =>
      decideAlerts({
        ...input([subject('a', { state })], 'down', now),
        windows: [window],
        lastReminders: new Map([[id, null]]),
      }).events.map((e) => e.type);
    expect(remindAt(T + 20 * 60_000)).toEqual([]); // in the window
    expect(remindAt(T + 40 * 60_000)).toEqual(['incident.reminder']);
  });
});

describe('downtimeOf', () => {
  const row = (region: string, bucket: 'hour' | 'day', bucketStart: number, downtimeS: number) =>
    ({ region, bucket, bucketStart, downtimeS }) as RollupRow;
  it('counts each bucket once, at its worst region: an outage seen from three regions is not three', () => {
    expect(
      downtimeOf([row('weur', 'hour', 0, 600), row('enam', 'hour', 0, 600), row('apac', 'hour', 0, 540)]),
    ).toBe(600);
    expect(
      downtimeOf([
        row('weur', 'hour', 0, 600),
        row('weur', 'hour', 3_600_000, 60),
        row('apac', 'hour', 3_600_000, 120),
      ]),
    ).toBe(720);
    expect(downtimeOf([row('weur', 'day', 0, 600), row('weur', 'hour', 86_400_000, 60)])).toBe(660);
  });
});
