import { exports, env } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeIncidents } from '../../src/alerting/close-incidents';
import { eventId, incidentId } from '../../src/alerting/ids';
import type { AlertEvent } from '../../src/alerting/events';
import { readDays } from '../../src/db/queries/page';
import { deliveries, incidentEvents, incidents, monitorState } from '../../src/db/schema';
import { runBatch, statement } from '../../src/db/statements';
import type { GetProber } from '../../src/jobs/dispatch';
import { probersFrom } from '../../src/regions/prober-namespace';
import {
  applyConfig,
  db,
  loadConfig,
  makeToken,
  MINUTE,
  refusedUrl,
  resetDb,
  storedResults,
  T0,
  target,
  tick,
} from '../helpers';
import { controlReceiver, webhookAndPager, receivedBy, receiversUrl, uniqueName } from '../receivers-client';

/**
 * An incident's life end to end, through real ticks, real targets and real receivers: it opens and
 * is told once however often a tick runs, maintenance mutes events only while it lasts, it is
 * closed when its monitor stops being watched, and the figures around it count once.
 */
beforeEach(resetDb);

const REGIONS = ['weur', 'enam', 'apac'];
const INCIDENT_EVENTS = ['incident.opened', 'incident.updated', 'incident.resolved', 'incident.reminder'];
const down = (tag: string) => target('/regional', tag, { down: REGIONS.join(','), status: '503' });
const up = (tag: string) => target('/ok', tag);

/** A signed webhook channel and a PagerDuty channel on fresh receivers. */
const channels = (events = INCIDENT_EVENTS) => webhookAndPager('lifecycle', events, INCIDENT_EVENTS);

async function run(file: Record<string, unknown>, minutes: number[]) {
  await applyConfig(file);
  const config = await loadConfig(file);
  for (const minute of minutes) await tick(T0 + minute * MINUTE, { config });
}

/** What the webhook receiver accepted, in order: [type, event]. */
async function webhookEvents(name: string) {
  const accepted = (await receivedBy('webhook', name)).filter((r) => r.status !== null && r.status < 300);
  for (const request of accepted) expect(request.verified).toBe(true);
  return accepted.map((r) => r.body.data as AlertEvent);
}

const pagerActions = async (name: string) =>
  (await receivedBy('pagerduty', name)).map((r) => [r.body.event_action, r.body.dedup_key]);

const incidentLog = async () =>
  (await db.select().from(incidentEvents).orderBy(asc(incidentEvents.id))).map((e) => [e.kind, e.message]);

const api = async (method: string, path: string, token: string) => {
  const response = await exports.default.fetch(`http://lookout.test/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};

describe('a tick run twice', () => {
  it('opens one incident and tells it once, whether the runs follow each other or overlap', async () => {
    const { name, list } = await channels();
    const file = { regions: REGIONS, channels: list, monitors: [{ id: 'api', url: down('twice') }] };
    await applyConfig(file);
    const config = await loadConfig(file);
    await tick(T0, { config });
    await tick(T0, { config }); // the same minute again: not a second failing tick
    expect(await db.$count(incidents)).toBe(0);
    await Promise.all([tick(T0 + MINUTE, { config }), tick(T0 + MINUTE, { config })]);
    await tick(T0 + MINUTE, { config });

    const rows = await db.select().from(incidents);
    expect(rows.map((r) => [r.id, r.startedAt])).toEqual([[incidentId('api', T0), T0]]);
    expect(await incidentLog()).toEqual([['opened', null]]);
    const queued = await db.select().from(deliveries).orderBy(asc(deliveries.id));
    expect(queued.map((d) => [d.channelId, d.eventId])).toEqual([
      ['hook', eventId('incident.opened', incidentId('api', T0))],
      ['pager', eventId('incident.opened', incidentId('api', T0))],
    ]);
    expect((await webhookEvents(name)).map((e) => e.type)).toEqual(['incident.opened']);
    expect(await pagerActions(name)).toEqual([['trigger', incidentId('api', T0)]]);
  });
});

describe('maintenance', () => {
  const windowFile = (list: unknown[], url: string, minutes: [number, number]) => ({
    regions: REGIONS,
    channels: list,
    maintenance: [
      {
        id: 'upgrade',
        title: 'DB upgrade',
        monitors: ['api'],
        start: new Date(T0 + minutes[0] * MINUTE).toISOString(),
        end: new Date(T0 + minutes[1] * MINUTE).toISOString(),
      },
    ],
    monitors: [{ id: 'api', url }],
  });

  it('an incident opened in a window and still down after it is told then, once, and its resolution after', async () => {
    const { name, list } = await channels();
    await run(windowFile(list, down('late-open'), [0, 3]), [0, 1, 2]);
    expect(await webhookEvents(name)).toEqual([]);
    await run(windowFile(list, down('late-open'), [0, 3]), [3, 4]);
    await run(windowFile(list, up('late-open'), [0, 3]), [5, 6, 7]);

    const events = await webhookEvents(name);
    expect(events.map((e) => [e.type, e.occurredAt])).toEqual([
      ['incident.opened', T0 + 3 * MINUTE],
      ['incident.resolved', T0 + 6 * MINUTE],
    ]);
    expect(events[0]?.incident?.startedAt).toBe(T0);
    const id = incidentId('api', T0);
    expect(await pagerActions(name)).toEqual([
      ['trigger', id],
      ['resolve', id],
    ]);
  });

  it('a resolution during a window is told when the opening was, so the pager does not stay triggered', async () => {
    const { name, list } = await channels();
    await run(windowFile(list, down('resolve-in'), [3, 60]), [0, 1, 2, 3]);
    await run(windowFile(list, up('resolve-in'), [3, 60]), [4, 5]);
    const id = incidentId('api', T0);
    expect((await webhookEvents(name)).map((e) => e.type)).toEqual(['incident.opened', 'incident.resolved']);
    expect(await pagerActions(name)).toEqual([
      ['trigger', id],
      ['resolve', id],
    ]);
  });

  it('an incident opened and resolved inside a window tells no one', async () => {
    const { name, list } = await channels();
    await run(windowFile(list, down('all-in'), [0, 60]), [0, 1, 2]);
    await run(windowFile(list, up('all-in'), [0, 60]), [3, 4]);
    expect(await db.select().from(incidents)).toMatchObject([
      { inMaintenance: true, resolvedAt: T0 + 3 * MINUTE },
    ]);
    expect(await db.$count(deliveries)).toBe(0);
    expect(await pagerActions(name)).toEqual([]);
  });
});

describe('a monitor that stops being watched', () => {
  it('paused through the API: its incident is resolved with a reason and its alert state cleared; resumed, it starts fresh', async () => {
    const write = await makeToken(['read', 'write']);
    const created = await exports.default.fetch('http://lookout.test/api/v1/monitors', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
      body: JSON.stringify({ id: 'paused', url: down('pause'), regions: ['weur'] }),
    });
    expect(created.status).toBe(201);
    await tick(T0);
    await tick(T0 + MINUTE);
    expect(await db.select().from(incidents)).toMatchObject([{ resolvedAt: null }]);

    const before = Date.now();
    expect((await api('POST', '/monitors/paused/pause', write)).status).toBe(200);
    const [closed] = await db.select().from(incidents);
    expect(closed?.resolvedAt).toBeGreaterThanOrEqual(before);
    expect(await incidentLog()).toEqual([
      ['opened', null],
      ['resolved', 'Closed: the monitor was paused.'],
    ]);
    const state = await db.select().from(monitorState).where(eq(monitorState.monitorId, 'paused')).get();
    expect(state?.alert).toBeNull();
    expect((await tick(T0 + 2 * MINUTE)).checks).toBe(0);

    expect((await api('POST', '/monitors/paused/resume', write)).status).toBe(200);
    await tick(T0 + 3 * MINUTE); // one failing tick of a fresh streak: nothing opens yet
    expect(await db.$count(incidents)).toBe(1);
    await tick(T0 + 4 * MINUTE);
    const reopened = await db.select().from(incidents).orderBy(asc(incidents.startedAt));
    expect(reopened.map((i) => [i.id, i.resolvedAt === null])).toEqual([
      [incidentId('paused', T0), false],
      [incidentId('paused', T0 + 3 * MINUTE), true],
    ]);
  });

  it('deleted through the API: the incident goes with it, without failing', async () => {
    const write = await makeToken(['read', 'write']);
    await exports.default.fetch('http://lookout.test/api/v1/monitors', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
      body: JSON.stringify({ id: 'gone', url: down('delete'), regions: ['weur'] }),
    });
    await tick(T0);
    await tick(T0 + MINUTE);
    expect(await db.$count(incidents)).toBe(1);
    expect((await api('DELETE', '/monitors/gone', write)).status).toBe(204);
    expect(await db.$count(incidents)).toBe(0);
  });

  it('deleted: the resolution is queued in the same batch as the delete and outlives the cascade', async () => {
    const { list } = await channels();
    const file = { regions: ['weur'], channels: list, monitors: [{ id: 'api', url: down('cascade') }] };
    await run(file, [0, 1]);
    const config = await loadConfig(file);
    const closing = await closeIncidents(db, ['api'], 'deleted', { ...config, now: T0 + 2 * MINUTE });
    await runBatch(db, [...closing, statement(db, 'DELETE FROM monitors WHERE id = ?', 'api')]);
    expect(await db.$count(incidents)).toBe(0);
    const resolved = await db.select().from(deliveries).where(eq(deliveries.eventType, 'incident.resolved'));
    expect(resolved.map((d) => [d.channelId, d.eventId])).toEqual([
      ['hook', eventId('incident.resolved', incidentId('api', T0))],
      ['pager', eventId('incident.resolved', incidentId('api', T0))],
    ]);
    expect(resolved[0]?.payload).toMatchObject({
      summary: 'api: incident closed, the monitor was deleted',
      incident: { resolvedAt: T0 + 2 * MINUTE, durationS: 120 },
    });
  });

  it('removed from the config (or renamed): its incident is resolved and the resolution sent', async () => {
    const { name, list } = await channels();
    await run(
      { regions: REGIONS, channels: list, monitors: [{ id: 'old-name', url: down('rename') }] },
      [0, 1],
    );
    // A new id is a removal and an addition: the old incident must not stay open forever.
    await run({ regions: REGIONS, channels: list, monitors: [{ id: 'new-name', url: down('rename') }] }, [2]);
    const id = incidentId('old-name', T0);
    expect((await webhookEvents(name)).map((e) => [e.type, e.incident?.id])).toEqual([
      ['incident.opened', id],
      ['incident.resolved', id],
    ]);
    expect(await pagerActions(name)).toEqual([
      ['trigger', id],
      ['resolve', id],
    ]);
    expect(await db.$count(incidents)).toBe(0); // cascaded with the old monitor; new-name has one failing tick
  });

  it('closed while its opening was never told (muted by a window): closed quietly', async () => {
    const { list } = await channels();
    const file = {
      regions: ['weur'],
      channels: list,
      maintenance: [
        {
          id: 'w',
          title: 'W',
          monitors: ['api'],
          start: new Date(T0).toISOString(),
          end: new Date(T0 + 3_600_000).toISOString(),
        },
      ],
      monitors: [{ id: 'api', url: down('quiet') }],
    };
    await run(file, [0, 1]);
    const closing = await closeIncidents(db, ['api'], 'paused', {
      ...(await loadConfig(file)),
      now: T0 + 2 * MINUTE,
    });
    await runBatch(db, closing);
    expect(await db.select().from(incidents)).toMatchObject([{ resolvedAt: T0 + 2 * MINUTE }]);
    expect(await db.$count(deliveries)).toBe(0);
  });
});

describe('findings', () => {
  it('are not announced again after a full outage: only a response without them clears a notice', async () => {
    const name = uniqueName('outage-findings');
    await controlReceiver('webhook', name, { secret: env.TEST_WEBHOOK_SECRET });
    const file = (url: string) => ({
      regions: ['weur'],
      channels: [
        {
          id: 'hook',
          kind: 'webhook',
          url: `${receiversUrl}/webhook/${name}`,
          secret: '${{ secrets.TEST_WEBHOOK_SECRET }}',
          route: { events: ['finding.raised'] },
        },
      ],
      monitors: [{ id: 'orders', url }],
    });
    const sunset = target('/lifecycle', 'outage-findings', { sunset_days: '20' });
    await run(file(sunset), [0]);
    await run(file(refusedUrl), [1, 2, 3]); // down: no response, no findings
    await run(file(sunset), [4, 5]);
    const codes = (await webhookEvents(name)).map((e) => e.finding?.code);
    expect(codes.sort()).toEqual(['api.sunset_soon', 'security.insecure_transport']);
    expect((await storedResults()).map((r) => r.outcome)).toEqual(['up', 'down', 'down', 'down', 'up', 'up']);
  });
});

describe('a re-check', () => {
  it('whose prober failed does not un-confirm a real failure', async () => {
    const apacOnly = target('/regional', 'recheck-lost', { down: 'apac', status: '503' });
    const file = {
      regions: REGIONS,
      alerting: { quorum: 1, recheck: true },
      monitors: [{ id: 'strict', url: apacOnly }],
    };
    await applyConfig(file);
    const real = probersFrom(env.PROBER);
    const rechecksLost: GetProber = (job) =>
      job.shard.endsWith(':recheck') ? { probe: () => Promise.reject(new Error('prober lost')) } : real(job);
    await tick(T0, { getProber: rechecksLost });
    await tick(T0 + MINUTE, { getProber: rechecksLost });
    expect((await db.select().from(incidents)).map((i) => [i.monitorId, i.regions])).toEqual([
      ['strict', ['apac']],
    ]);
  });
});

describe('a monitor deleted while a tick runs', () => {
  it('does not fail the writes of the others: its incident, events and notices are skipped', async () => {
    const file = {
      regions: ['weur'],
      alerting: { fail_after: 1 },
      monitors: [
        { id: 'doomed', url: down('mid-tick') },
        { id: 'kept', url: down('mid-tick') },
      ],
    };
    await applyConfig(file);
    const real = probersFrom(env.PROBER);
    const deleting: GetProber = (job) => ({
      probe: async (shard) => {
        const results = await real(job).probe(shard);
        await env.DB.prepare("DELETE FROM monitors WHERE id = 'doomed'").run();
        return results;
      },
    });
    await tick(T0, { getProber: deleting });
    expect((await db.select().from(incidents)).map((i) => i.monitorId)).toEqual(['kept']);
    expect(await incidentLog()).toEqual([['opened', null]]);
    const notices = await env.DB.prepare('SELECT monitor_id FROM finding_notices').all<{
      monitor_id: string;
    }>();
    expect(notices.results.map((n) => n.monitor_id)).toEqual(['kept']);
  });
});

describe('downtime', () => {
  it('counts once across regions, the same in the API and on the status page', async () => {
    const file = (url: string) => ({ regions: REGIONS, monitors: [{ id: 'api', url }] });
    await run(file(down('downtime')), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await run(file(up('downtime')), [10, 11]);
    const day = Math.floor(T0 / 86_400_000) * 86_400_000;
    const page = (await readDays(db, day, day + 86_400_000)).get('api')?.get(day);
    expect(page?.downtimeS).toBe(600);

    const read = async <T>(path: string) =>
      (await (await exports.default.fetch(`http://lookout.test/api/v1/monitors/api${path}`)).json()) as T;
    type Uptime = { resolution: string; overall: Downtime; regions: Record<string, Downtime> };
    type Downtime = { downtime_s: number };
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const wholeDay = await read<Uptime>(`/uptime?from=${iso(day)}&to=${iso(day + 86_400_000)}`);
    expect(wholeDay.resolution).toBe('day');
    expect(wholeDay.overall.downtime_s).toBe(page?.downtimeS);
    expect(wholeDay.regions.weur?.downtime_s).toBe(600);
    const hour = Math.floor(T0 / 3_600_000) * 3_600_000;
    const byHour = await read<Uptime>(`/uptime?from=${iso(hour)}&to=${iso(hour + 3_600_000)}`);
    expect(byHour.resolution).toBe('hour');
    expect(byHour.overall.downtime_s).toBe(600);
    const sla = await read<Downtime>(`/sla?from=${iso(day)}&to=${iso(day + 86_400_000)}`);
    expect(sla.downtime_s).toBe(page?.downtimeS);
  });
});
