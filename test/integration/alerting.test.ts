import { exports, env } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertEvent, AlertIncident } from '../../src/alerting/events';
import { sha256Hex } from '../../src/lib/hash';
import { deliveries, incidentEvents, incidents } from '../../src/db/schema';
import {
  applyConfig,
  countResults,
  db,
  loadConfig,
  makeToken,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  target,
  targetRequests,
  tick,
} from '../helpers';
import { controlReceiver, webhookAndPager, receivedBy, receiversUrl, uniqueName } from '../receivers-client';

/**
 * Incidents and alerts end to end: real local targets and receivers, ticks driven by a test clock.
 */
beforeEach(resetDb);

const REGIONS = ['weur', 'enam', 'apac'];
const down = (tag: string, regions = 'weur,enam,apac') =>
  target('/regional', tag, { down: regions, status: '503' });
const up = (tag: string) => target('/ok', tag);

// Local targets are plain http, so every monitor also has a security finding: those are routed
// apart here, and tested on their own below.
const INCIDENT_EVENTS = [
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'incident.reminder',
  'heartbeat.missed',
];

/** A webhook channel (signed) and a PagerDuty channel on fresh receivers. */
const channels = () => webhookAndPager('alert', [...INCIDENT_EVENTS, 'monitor.degraded'], INCIDENT_EVENTS);

/** Applies the file and runs ticks at the given minutes after `start`, alerting with its channels. */
async function run(file: Record<string, unknown>, minutes: number[], start = T0) {
  await applyConfig(file, start);
  const config = await loadConfig(file);
  for (const minute of minutes) await tick(start + minute * MINUTE, { config });
}

/** What the webhook receiver accepted (2xx): event types in order, each event id once. */
async function webhookEvents(name: string) {
  const accepted = (await receivedBy('webhook', name)).filter((r) => r.status !== null && r.status < 300);
  for (const request of accepted) expect(request.verified).toBe(true);
  return accepted.map((r) => ({
    type: r.body.type as string,
    data: r.body.data as AlertEvent & { incident: AlertIncident },
  }));
}

describe('incidents', () => {
  it('open after two failing ticks by a majority of regions, once, and resolve after two passing ticks', async () => {
    const { name, list } = await channels();
    const file = (apiUrl: string) => ({
      regions: REGIONS,
      channels: list,
      monitors: [
        { id: 'api', name: 'API', url: apiUrl },
        // One region of three failing is not a majority: never an incident.
        { id: 'minor', url: down('inc', 'apac') },
      ],
    });
    await run(file(down('inc', 'weur,enam')), [0]);
    expect(await webhookEvents(name)).toEqual([]);
    await run(file(down('inc', 'weur,enam')), [1, 2]);
    await run(file(up('inc')), [3, 4, 5]);

    const events = await webhookEvents(name);
    expect(events.map((e) => e.type)).toEqual(['incident.opened', 'incident.resolved']);
    const [opened, resolved] = events;
    expect(opened?.data.incident).toMatchObject({
      cause: 'http.upstream',
      regions: ['enam', 'weur'],
      startedAt: T0,
    });
    expect(opened?.data.incident.hint).toContain('dependencies');
    expect(resolved?.data.incident).toMatchObject({ id: opened?.data.incident.id, durationS: 180 });
    expect(resolved?.data.summary).toBe('API recovered after 3 min');

    const [row] = await db.select().from(incidents);
    expect(row).toMatchObject({
      monitorId: 'api',
      cause: 'http.upstream',
      startedAt: T0,
      resolvedAt: T0 + 3 * MINUTE,
    });
    const log = await db.select().from(incidentEvents).orderBy(asc(incidentEvents.id));
    expect(log.map((e) => [e.kind, e.source])).toEqual([
      ['opened', 'auto'],
      ['resolved', 'auto'],
    ]);

    // PagerDuty: trigger and resolve under the incident id.
    const pager = (await receivedBy('pagerduty', name)).map((r) => [r.body.event_action, r.body.dedup_key]);
    expect(pager).toEqual([
      ['trigger', opened?.data.incident.id],
      ['resolve', opened?.data.incident.id],
    ]);
  });

  it('with quorum 1 open on a single failing region, unless an immediate re-check from another region passes', async () => {
    const apacOnly = target('/regional', 'recheck', { down: 'apac', status: '503' });
    await run(
      { regions: REGIONS, alerting: { quorum: 1 }, monitors: [{ id: 'strict', url: apacOnly }] },
      [0, 1],
    );
    expect((await db.select().from(incidents)).map((i) => [i.monitorId, i.regions])).toEqual([
      ['strict', ['apac']],
    ]);

    await resetDb();
    await run(
      {
        regions: REGIONS,
        alerting: { quorum: 1, recheck: true },
        monitors: [{ id: 'rechecked', url: apacOnly }],
      },
      [0, 1, 2],
    );
    expect(await db.$count(incidents)).toBe(0);
    const apac = await storedResults({ region: 'apac' });
    expect(apac).toHaveLength(3);
    for (const row of apac) {
      expect(row.outcome).toBe('down');
      expect(row.detail).toMatch(/not confirmed: (weur|enam) re-checked and got up$/);
    }
    const rechecks = (await targetRequests('recheck')).filter((r) => r.shard?.endsWith(':recheck'));
    expect(rechecks).toHaveLength(3);
  });

  it('do not open while a monitor flaps every tick', async () => {
    const { name, list } = await channels();
    for (let minute = 0; minute < 6; minute++) {
      const url = minute % 2 === 0 ? down('flap') : up('flap');
      await run({ regions: REGIONS, channels: list, monitors: [{ id: 'flappy', url }] }, [minute]);
    }
    expect(await db.$count(incidents)).toBe(0);
    expect(await webhookEvents(name)).toEqual([]);
  });

  it('update an open incident once when its cause changes, not for a one-tick blip', async () => {
    const { name, list } = await channels();
    const file = (path: string) => ({
      regions: REGIONS,
      channels: list,
      monitors: [{ id: 'api', url: target(path, 'cause') }],
    });
    await run(file('/status/503'), [0, 1]);
    await run(file('/status/500'), [2]); // a blip
    await run(file('/status/503'), [3]);
    await run(file('/status/500'), [4, 5, 6]);
    const events = await webhookEvents(name);
    expect(events.map((e) => [e.type, e.data.incident.cause, e.data.incident.previousCause])).toEqual([
      ['incident.opened', 'http.upstream', null],
      ['incident.updated', 'http.server_error', 'http.upstream'],
    ]);
    const log = await db.select().from(incidentEvents).orderBy(asc(incidentEvents.id));
    expect(log.map((e) => [e.kind, e.cause])).toEqual([
      ['opened', 'http.upstream'],
      ['cause_changed', 'http.server_error'],
    ]);
  });

  it('remind channels while open, at the configured interval', async () => {
    const { name, list } = await channels();
    await run(
      {
        regions: REGIONS,
        channels: list,
        alerting: { reminder_every: '10m' },
        monitors: [{ id: 'api', url: down('remind') }],
      },
      [0, 1, 2, 5, 10, 11, 12],
    );
    expect((await webhookEvents(name)).map((e) => e.type)).toEqual(['incident.opened', 'incident.reminder']);
  });

  it('page for degraded only when the policy says so', async () => {
    const slow = { url: target('/delay/120', 'degraded'), assertions: [{ latency: { degraded: '50ms' } }] };
    const quiet = await channels();
    await run({ regions: ['weur'], channels: quiet.list, monitors: [{ id: 'slow', ...slow }] }, [0, 1, 2]);
    expect(await webhookEvents(quiet.name)).toEqual([]);
    expect(await db.$count(incidents)).toBe(0);

    await resetDb();
    const loud = await channels();
    await run(
      {
        regions: ['weur'],
        channels: loud.list,
        monitors: [{ id: 'slow', ...slow, alerting: { alert_on_degraded: true } }],
      },
      [0, 1, 2],
    );
    expect((await webhookEvents(loud.name)).map((e) => e.type)).toEqual(['monitor.degraded']);
  });
});

describe('the outbox', () => {
  it('delivers every event exactly once to a receiver that was down for several ticks', async () => {
    const { name, list } = await channels();
    await controlReceiver('webhook', name, { secret: env.TEST_WEBHOOK_SECRET, failWith: 503 });
    const file = (url: string) => ({ regions: REGIONS, channels: list, monitors: [{ id: 'api', url }] });
    await run(file(down('outbox')), [0, 1, 2, 3]);
    await run(file(up('outbox')), [4, 5, 6]);
    const failedSoFar = (await receivedBy('webhook', name)).filter((r) => r.status === 503).length;
    expect(failedSoFar).toBeGreaterThanOrEqual(3);

    await controlReceiver('webhook', name, { secret: env.TEST_WEBHOOK_SECRET, failWith: 0 });
    await controlReceiver('webhook', name, null);
    const config = await loadConfig(file(up('outbox')));
    for (let minute = 7; minute <= 30; minute++) await tick(T0 + minute * MINUTE, { config });

    const accepted = await webhookEvents(name);
    expect(accepted.map((e) => e.type)).toEqual(['incident.opened', 'incident.resolved']);
    const ids = accepted.map((e) => e.data.id);
    expect(new Set(ids).size).toBe(2);
    // Every attempt carried the same event id.
    const attempts = await receivedBy('webhook', name);
    expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(2);
    const rows = await db.select().from(deliveries).where(eq(deliveries.channelId, 'hook'));
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    // The opening was retried; the resolution waited behind it (a channel gets events in order).
    expect(rows[0]?.attempts).toBeGreaterThan(2);
  });

  it('honours Retry-After and gives up after 24 hours, showing the dead delivery in the API', async () => {
    const { name, list } = await channels();
    await controlReceiver('webhook', name, {
      secret: env.TEST_WEBHOOK_SECRET,
      failWith: 429,
      retryAfter: '600',
    });
    const file = { regions: REGIONS, channels: list, monitors: [{ id: 'api', url: down('dead') }] };
    await run(file, [0, 1]);
    const [first] = await db.select().from(deliveries).where(eq(deliveries.channelId, 'hook'));
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 429 });
    expect(first?.nextAttemptAt).toBeGreaterThanOrEqual(T0 + MINUTE + 600_000);

    await run(file, [60 * 25]);
    const [dead] = await db.select().from(deliveries).where(eq(deliveries.channelId, 'hook'));
    expect(dead?.status).toBe('dead');

    const token = await readToken();
    const response = await exports.default.fetch('http://lookout.test/api/v1/deliveries?status=dead', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      deliveries: { channel_id: string; event_type: string; last_status: number }[];
    };
    expect(body.deliveries).toEqual([
      expect.objectContaining({ channel_id: 'hook', event_type: 'incident.opened', last_status: 429 }),
    ]);
    const anonymous = await exports.default.fetch('http://lookout.test/api/v1/deliveries');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('maintenance and dependencies', () => {
  it('keeps measuring during a maintenance window, marks the incident, and alerts no one', async () => {
    const { name, list } = await channels();
    await run(
      {
        regions: REGIONS,
        channels: list,
        maintenance: [
          {
            id: 'upgrade',
            title: 'DB upgrade',
            groups: ['Core'],
            start: new Date(T0).toISOString(),
            end: new Date(T0 + 3_600_000).toISOString(),
          },
        ],
        monitors: [{ id: 'api', group: 'Core', url: down('maint') }],
      },
      [0, 1, 2],
    );
    expect(await countResults()).toBe(9);
    const [incident] = await db.select().from(incidents);
    expect(incident).toMatchObject({ inMaintenance: true });
    expect(await webhookEvents(name)).toEqual([]);
    expect(await db.$count(deliveries)).toBe(0);
  });

  it("mutes a child whose parent is down, and lists it in the parent's alert", async () => {
    const { name, list } = await channels();
    await run(
      {
        regions: REGIONS,
        channels: list,
        monitors: [
          { id: 'database', url: down('deps') },
          { id: 'api', url: target('/status/502', 'deps'), depends_on: ['database'] },
        ],
      },
      [0, 1],
    );
    const events = await webhookEvents(name);
    expect(events.map((e) => [e.type, e.data.monitor.id])).toEqual([['incident.opened', 'database']]);
    expect(events[0]?.data.incident.dependents).toEqual(['api']);
    const child = await db.select().from(incidents).where(eq(incidents.monitorId, 'api')).get();
    expect(child).toMatchObject({ cause: 'dependency.down', dependencyOf: 'database' });
  });
});

describe('heartbeats', () => {
  it('are up while pinged, open heartbeat.missed when pings stop, and report a failed job', async () => {
    const { name, list } = await channels();
    const start = Math.floor(Date.now() / MINUTE) * MINUTE;
    const file = {
      regions: REGIONS,
      channels: list,
      monitors: [
        {
          id: 'nightly',
          kind: 'heartbeat',
          token: '${{ secrets.TEST_HEARTBEAT_TOKEN }}',
          period: '5m',
          grace: '1m',
        },
      ],
    };
    await run(file, [0], start);
    const ping = (query = '') =>
      exports.default.fetch(`http://lookout.test/api/v1/heartbeats/${env.TEST_HEARTBEAT_TOKEN}${query}`, {
        method: 'POST',
      });
    expect((await ping()).status).toBe(200);
    await run(file, [1, 2], start);
    expect((await storedResults()).map((r) => r.outcome)).toEqual(['up', 'up', 'up']);

    expect((await ping('?status=fail&msg=disk%20full')).status).toBe(200);
    await run(file, [3], start);
    const last = await storedResults();
    expect(last.at(-1)).toMatchObject({
      outcome: 'down',
      cause: 'heartbeat.failed',
      detail: 'the job reported: disk full',
    });

    // No ping since: late after period + grace (6 min), and the incident opens on the second failing tick.
    await run(file, [9], start);
    const events = await webhookEvents(name);
    expect(events.map((e) => [e.type, e.data.incident.cause])).toEqual([
      ['heartbeat.missed', 'heartbeat.missed'],
    ]);

    const unknown = await exports.default.fetch('http://lookout.test/api/v1/heartbeats/not-a-token');
    expect(unknown.status).toBe(404);
    // Only the token's hash is stored.
    const stored = await env.DB.prepare('SELECT token_hash FROM heartbeats').first<{ token_hash: string }>();
    expect(stored?.token_hash).toBe(await sha256Hex(env.TEST_HEARTBEAT_TOKEN));
  });
});

describe('findings', () => {
  it('are announced once, reminded of at each lead time, and announced again after they went away', async () => {
    const name = uniqueName('findings');
    await controlReceiver('webhook', name, { secret: env.TEST_WEBHOOK_SECRET });
    const file = (query: Record<string, string>) => ({
      regions: ['weur'],
      alerting: { finding_reminders: ['7d', '1d'] },
      channels: [
        {
          id: 'hook',
          kind: 'webhook',
          url: `${receiversUrl}/webhook/${name}`,
          secret: '${{ secrets.TEST_WEBHOOK_SECRET }}',
          route: { events: ['finding.raised'] },
        },
      ],
      monitors: [{ id: 'orders-v1', url: target('/lifecycle', 'findings', query) }],
    });
    await run(file({ sunset_days: '20' }), [0, 1]);
    await run(file({ sunset_days: '5' }), [2, 3]);
    await run(file({}), [4]);
    await run(file({ sunset_days: '20' }), [5]);

    const events = (await webhookEvents(name)).map((e) => [e.data.finding?.code, e.data.summary]);
    expect(events).toEqual([
      ['api.sunset_soon', expect.stringMatching(/^orders-v1: Sunset in (19|20) days/)],
      ['security.insecure_transport', expect.stringContaining('orders-v1: ')],
      ['api.sunset_soon', expect.stringMatching(/^orders-v1: reminder, Sunset in [45] days/)],
      ['api.sunset_soon', expect.stringMatching(/^orders-v1: Sunset in (19|20) days/)],
    ]);
  });
});

describe('manual status updates', () => {
  it('need a write token and are recorded on the incident', async () => {
    await run({ regions: REGIONS, monitors: [{ id: 'api', url: down('manual') }] }, [0, 1]);
    const [incident] = await db.select().from(incidents);
    const post = (token: string | null, body: unknown) =>
      exports.default.fetch(`http://lookout.test/api/v1/incidents/${incident?.id}/updates`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const update = { status: 'identified', message: 'A bad deploy; rolling back.' };
    expect((await post(null, update)).status).toBe(401);
    expect((await post(await readToken(), update)).status).toBe(403);
    const invalid = await post(await writeToken(), { status: 'fixed' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'status' }, { field: 'message' }],
    });

    const created = await post(await writeToken(), update);
    expect(created.status).toBe(201);
    const log = await db.select().from(incidentEvents).orderBy(asc(incidentEvents.id));
    expect(log.map((e) => [e.kind, e.source, e.message])).toEqual([
      ['opened', 'auto', null],
      ['identified', 'manual', 'A bad deploy; rolling back.'],
    ]);
  });
});

const readToken = () => makeToken(['read']);
const writeToken = () => makeToken(['read', 'write']);
