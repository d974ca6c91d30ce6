import { beforeEach, describe, expect, it } from 'vitest';
import { incidents } from '../../src/db/schema';
import { runInDurableObject } from 'cloudflare:test';
import type { TickCoordinator } from '../../src/coordinator/tick-coordinator';
import { coordinatorWith } from '../coordinator';
import {
  applyConfig,
  db,
  loadConfig,
  MINUTE,
  resetDb,
  storedResults,
  T0,
  target,
  targetRequests,
  targetUrl,
  tick,
} from '../helpers';
import { uniqueName, webhookReceiver } from '../receivers-client';

/**
 * Monitors checked every 10, 15, 20 or 30 seconds: the minute's tick checks them, slots inside the
 * minute check them again, thresholds count checks, and an outage is confirmed and told within
 * seconds, through real probers, a real target and a real receiver.
 */
beforeEach(resetDb);

const REGIONS = ['weur', 'enam', 'apac'];
const SECOND = 1_000;

async function setAnswer(name: string, status: number) {
  const response = await fetch(new URL(`/__switch/${name}?status=${status}`, targetUrl), { method: 'POST' });
  await response.body?.cancel();
}

describe('checks inside the minute', () => {
  it('probe only the sub-minute monitors due at each slot and store every check under its slot', async () => {
    const tag = uniqueName('slots');
    const file = {
      regions: REGIONS,
      monitors: [
        { id: 'every10', url: target('/ok', tag, { m: '10' }), interval: '10s', timeout: '4s' },
        { id: 'every30', url: target('/ok', tag, { m: '30' }), interval: '30s', timeout: '4s' },
        { id: 'minutely', url: target('/ok', tag, { m: '60' }) },
      ],
    };
    await applyConfig(file);
    const config = await loadConfig(file);
    const minute = await tick(T0, { config });
    expect(minute.slots).toEqual([10, 20, 30, 40, 50].map((s) => s * SECOND));
    for (const offset of minute.slots) await tick(T0 + offset, { config, slot: true });
    const byMonitor = (id: string) => storedResults({ monitorId: id });
    // 6 checks a minute per region for every10, 2 for every30, 1 for minutely.
    expect((await byMonitor('every10')).length).toBe(6 * REGIONS.length);
    expect((await byMonitor('every30')).length).toBe(2 * REGIONS.length);
    expect((await byMonitor('minutely')).length).toBe(REGIONS.length);
    expect([...new Set((await byMonitor('every30')).map((r) => r.tickAt - T0))]).toEqual([0, 30 * SECOND]);
    const requests = await targetRequests(tag);
    expect(requests.filter((r) => r.url.includes('m=60')).length).toBe(REGIONS.length);
    expect(requests.filter((r) => r.url.includes('m=10')).length).toBe(6 * REGIONS.length);
    // A slot is not a tick: health and missed-minute counts see one tick.
    const ticks = await db.$client.prepare('SELECT count(*) AS n FROM ticks').first<{ n: number }>();
    expect(ticks?.n).toBe(1);
  });

  it('open an incident after fail_after failing checks, seconds after the outage began, and tell the channel at once', async () => {
    const name = uniqueName('fast-outage');
    const hook = await webhookReceiver('fast', ['incident.opened', 'incident.resolved']);
    const file = {
      regions: REGIONS,
      channels: [hook.channel],
      monitors: [
        { id: 'fast', url: new URL(`/switch/${name}`, targetUrl).toString(), interval: '10s', timeout: '4s' },
      ],
    };
    await applyConfig(file);
    const config = await loadConfig(file);
    await setAnswer(name, 200);
    await tick(T0, { config });
    await tick(T0 + 10 * SECOND, { config, slot: true });
    // The target fails between 10 s and 20 s: two failing checks (fail_after 2) confirm it.
    await setAnswer(name, 503);
    const first = await tick(T0 + 20 * SECOND, { config, slot: true });
    expect([first.down, first.incidents.opened]).toEqual([3, 0]);
    const second = await tick(T0 + 30 * SECOND, { config, slot: true });
    expect(second.incidents.opened).toBe(1);
    const [incident] = await db.select().from(incidents);
    expect(incident?.startedAt).toBe(T0 + 20 * SECOND);
    // Told by the slot that decided it, not a minute later.
    expect(second.deliveries.sent).toBe(1);
    expect((await hook.accepted()).map((e) => e.type)).toEqual(['incident.opened']);
    // The same slot run again decides nothing new.
    await tick(T0 + 30 * SECOND, { config, slot: true });
    expect(await db.$count(incidents)).toBe(1);
    await setAnswer(name, 200);
    await tick(T0 + 40 * SECOND, { config, slot: true });
    const resolved = await tick(T0 + 50 * SECOND, { config, slot: true });
    expect(resolved.incidents.resolved).toBe(1);
    expect((await hook.accepted()).map((e) => e.type)).toEqual(['incident.opened', 'incident.resolved']);
    const [closed] = await db.select().from(incidents);
    expect(closed?.resolvedAt).toBe(T0 + 40 * SECOND);
  });

  it('count downtime by the interval: ten seconds for each failing check of a 10 s monitor', async () => {
    const name = uniqueName('downtime');
    const file = {
      regions: ['weur'],
      monitors: [
        { id: 'fast', url: new URL(`/switch/${name}`, targetUrl).toString(), interval: '10s', timeout: '4s' },
      ],
    };
    await applyConfig(file);
    const config = await loadConfig(file);
    await setAnswer(name, 503);
    await tick(T0, { config });
    for (const s of [10, 20]) await tick(T0 + s * SECOND, { config, slot: true });
    await setAnswer(name, 200);
    for (const s of [30, 40, 50]) await tick(T0 + s * SECOND, { config, slot: true });
    await tick(T0 + MINUTE, { config });
    const token = (await import('../helpers')).makeToken;
    const read = await token(['read']);
    const { exports } = await import('cloudflare:workers');
    const response = await exports.default.fetch(
      `http://lookout.test/api/v1/monitors/fast/uptime?from=${new Date(T0).toISOString()}&to=${new Date(T0 + 2 * MINUTE).toISOString()}`,
      { headers: { authorization: `Bearer ${read}` } },
    );
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(JSON.stringify(body)).toContain('"downtime_s":30');
  });
});

describe('the D1 budget', () => {
  it('costs a slot at most two rows per block of monitors, whatever the number of monitors', async () => {
    const tag = uniqueName('budget');
    const stub = await coordinatorWith({
      regions: REGIONS,
      monitors: Array.from({ length: 100 }, (_, i) => ({
        id: `m${i}`,
        url: target('/ok', tag, { i: String(i) }),
        interval: '10s',
        timeout: '4s',
      })),
    });
    // A first minute writes every monitor's first state; the second is the steady state.
    await stub.run(T0, 'manual');
    for (const s of [10, 20, 30, 40, 50]) await stub.runSlot(T0 + s * SECOND);
    const minute = await stub.run(T0 + MINUTE, 'manual');
    const slots = [];
    for (const s of [10, 20, 30, 40, 50]) slots.push(await stub.runSlot(T0 + MINUTE + s * SECOND));
    const runs = [minute, ...slots].map((run) => (run.status === 'ran' ? run : null));
    expect(runs.map((run) => run?.summary.checks)).toEqual([300, 300, 300, 300, 300, 300]);
    const written = runs.map((run) => run?.usage.d1.rowsWritten ?? NaN);
    // A packed row and a newest-checks row per block (16 blocks): nothing per monitor or check.
    for (const rows of written.slice(1)) expect(rows).toBeLessThanOrEqual(2 * 16);
    const total = written.reduce((a, b) => a + b, 0);
    console.log(
      `[budget] 100 monitors x 3 regions every 10 s, a minute: ${written.join(' + ')} = ${total} rows`,
    );
    // At most 6 x 33 rows a minute however many there are: 0.2 a monitor at 1,000 (the budget is 1.1).
    expect(total).toBeLessThanOrEqual(6 * 33);
  });
});

describe('the coordinator', () => {
  it('runs each planned slot once, only inside the minute last run', async () => {
    const tag = uniqueName('coord-slots');
    const stub = await coordinatorWith({
      regions: ['weur'],
      monitors: [{ id: 'fast', url: target('/ok', tag), interval: '20s', timeout: '4s' }],
    });
    const ran = await stub.run(T0, 'manual');
    expect(ran.status).toBe('ran');
    expect((await stub.runSlot(T0 + 20 * SECOND)).status).toBe('ran');
    expect((await stub.runSlot(T0 + 20 * SECOND)).status).toBe('duplicate');
    // Not in the plan (10 s is no multiple of 20 s), or already passed.
    expect((await stub.runSlot(T0 + 10 * SECOND)).status).toBe('stale');
    await stub.run(T0 + MINUTE, 'manual');
    expect((await stub.runSlot(T0 + 40 * SECOND)).status).toBe('stale');
    expect((await stub.runSlot(T0 + MINUTE + 20 * SECOND)).status).toBe('ran');
    expect((await targetRequests(tag)).length).toBe(4);
    const plan = await runInDurableObject(stub, (_: TickCoordinator, state) =>
      state.storage.get('slot_plan'),
    );
    expect(plan).toEqual({ minute: T0 + MINUTE, offsets: [20 * SECOND, 40 * SECOND] });
  });
});
