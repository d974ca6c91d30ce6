import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../src/config/monitor';
import { enqueueConfirmation, SAME_SIGN_UP_MS } from '../../src/subscribers/confirmations';
import { applyConfig, db, loadConfig, makeToken, MINUTE, resetDb, target, tick } from '../helpers';
import { controlReceiver, receivedBy, uniqueName } from '../receivers-client';
import {
  addresses,
  call,
  confirmLink,
  formPost as postForm,
  type Mail,
  mailsTo,
  pathOf,
  subscribersFile as file,
} from '../subscribers-client';

/**
 * The sign-up confirmation mail goes through the outbox: a provider failing the first attempt
 * (503 from the Resend stand-in) leaves a pending row that the tick's delivery phase sends once
 * its backoff has passed; a repeated sign-up enqueues nothing; a row whose link expired, or whose
 * subscriber confirmed meanwhile or is gone, is dead and sends nothing; D1 never holds the address
 * outside `subscribers`, nor the token.
 */
beforeEach(async () => {
  await resetDb();
  await env.DB.prepare('DELETE FROM subscribers').run();
});

const freshIp = addresses('198.51.101');
const formPost = (fields: Record<string, string | string[]>) => postForm(fields, freshIp());

interface DeliveryRow {
  event_id: string;
  channel_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: number;
}

async function confirmationRows(): Promise<DeliveryRow[]> {
  const rows = await env.DB.prepare(
    `SELECT event_id, channel_id, event_type, status, attempts, last_status, last_error, next_attempt_at
     FROM deliveries WHERE event_type = 'subscription.confirm' ORDER BY id`,
  ).all<DeliveryRow>();
  return rows.results;
}

const subscriberOf = (address: string) =>
  env.DB.prepare('SELECT id, status, groups FROM subscribers WHERE address = ?')
    .bind(address)
    .first<{ id: string; status: string; groups: string | null }>();

/** A tick (its delivery phase) at the first whole minute after `at`. */
const tickAfter = (config: LoadedConfig, at: number) =>
  tick(Math.ceil((at + 1) / MINUTE) * MINUTE, { config });

/** Every row of every table but `subscribers` (where the address belongs), as text. */
async function d1OutsideSubscribers(): Promise<string> {
  const tables = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table'
     AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('subscribers', 'd1_migrations')`,
  ).all<{ name: string }>();
  expect(tables.results.map((t) => t.name)).toContain('deliveries');
  const dumps = [];
  for (const { name } of tables.results)
    dumps.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results));
  return dumps.join('\n');
}

describe('the confirmation mail through the outbox', () => {
  it('a provider failing the first attempt (503): the next delivery run sends it once, and its link confirms', async () => {
    const name = uniqueName('subs-retry');
    const address = `${name}@example.com`;
    const config = await loadConfig(file(name, []));
    await controlReceiver('resend', name, { failWith: 503 });

    const signedUpAt = Date.now();
    expect((await call(config, '/subscribe', formPost({ kind: 'email', address }))).status).toBe(200);
    expect((await receivedBy('resend', name)).map((r) => r.status)).toEqual([503]);
    expect(await mailsTo(name, address)).toEqual([]);
    const subscriber = await subscriberOf(address);
    const [row] = await confirmationRows();
    expect(row).toMatchObject({
      channel_id: `subscriber:${subscriber?.id}`,
      status: 'pending',
      attempts: 1,
      last_status: 503,
    });
    // The outbox's backoff: 15 to 30 s after the first failure.
    expect(row?.next_attempt_at).toBeGreaterThan(signedUpAt + 14_000);

    // The provider is back; a delivery run before the retry is due sends nothing.
    await controlReceiver('resend', name, null);
    await tick(Math.floor(signedUpAt / MINUTE) * MINUTE, { config });
    expect(await mailsTo(name, address)).toEqual([]);

    await tickAfter(config, row?.next_attempt_at ?? 0);
    const mails = await mailsTo(name, address);
    expect(mails).toHaveLength(1);
    expect((await confirmationRows()).map((r) => [r.status, r.attempts])).toEqual([['sent', 2]]);
    // Both attempts carried the same idempotency key: a provider that did send the first keeps one.
    const keys = (await receivedBy('resend', name)).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([mails[0]?.idempotencyKey, mails[0]?.idempotencyKey]);
    expect(mails[0]?.idempotencyKey).toBe(`${row?.event_id}:${subscriber?.id}`);

    const link = confirmLink(mails[0] as Mail);
    expect(link).not.toBe('');
    const confirmed = await call(config, pathOf(link), { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('You are subscribed');
    expect((await subscriberOf(address))?.status).toBe('active');

    // Later runs send nothing more.
    await tickAfter(config, (row?.next_attempt_at ?? 0) + 10 * MINUTE);
    expect(await receivedBy('resend', name)).toHaveLength(2);
  });

  it('a double sign-up sends one mail; another choice of groups is a new request', async () => {
    const name = uniqueName('subs-double');
    const address = `${name}@example.com`;
    const monitors = [{ id: 'api', name: 'Orders API', group: 'Checkout', url: target('/ok', name) }];
    const config = await loadConfig(file(name, monitors));
    await applyConfig(file(name, monitors));

    // Twice at once (a double click), then once more after the first mail went out.
    const twice = await Promise.all([
      call(config, '/subscribe', formPost({ kind: 'email', address })),
      call(config, '/subscribe', formPost({ kind: 'email', address })),
    ]);
    expect(twice.map((a) => a.status)).toEqual([200, 200]);
    const again = await call(config, '/subscribe', formPost({ kind: 'email', address }));
    expect(again.text).toBe(twice[0]?.text);
    expect(await mailsTo(name, address)).toHaveLength(1);
    expect(await confirmationRows()).toHaveLength(1);

    const groups = await call(
      config,
      '/subscribe',
      formPost({ kind: 'email', address, scope: 'groups', groups: 'Checkout' }),
    );
    expect(groups.status).toBe(200);
    const mails = await mailsTo(name, address);
    expect(mails).toHaveLength(2);
    expect((await confirmationRows()).map((r) => r.status)).toEqual(['sent', 'sent']);
    // The second link confirms the groups it was sent for.
    expect((await call(config, pathOf(confirmLink(mails[1] as Mail)), { method: 'POST' })).status).toBe(200);
    expect(await subscriberOf(address)).toMatchObject({ status: 'active', groups: '["Checkout"]' });
  });

  it('a repeat just across a window boundary is the same sign-up; one a window later is a new one', async () => {
    const boundary = Math.ceil(Date.now() / SAME_SIGN_UP_MS) * SAME_SIGN_UP_MS;
    const sign = (now: number) =>
      enqueueConfirmation(db, {
        subscriberId: 'sub_window',
        status: 'pending',
        groups: null,
        language: 'en',
        now,
        confirmWithinMs: 86_400_000,
      }).run();
    await sign(boundary - 1000);
    await sign(boundary + 1000);
    await sign(boundary + SAME_SIGN_UP_MS - 2000);
    expect(await confirmationRows()).toHaveLength(1);
    await sign(boundary + SAME_SIGN_UP_MS + 1000);
    expect(await confirmationRows()).toHaveLength(2);
  });

  it('dead, never sent: a link expired before it could go, a subscriber confirmed meanwhile or gone', async () => {
    const name = uniqueName('subs-dead-confirm');
    const monitors = [{ id: 'api', name: 'Orders API', group: 'Checkout', url: target('/ok', name) }];
    const short = file(name, monitors);
    (short.subscribers as Record<string, unknown>).confirm_within = '1s';
    const config = await loadConfig(short);
    await applyConfig(short);
    const write = await makeToken(['write']);

    // Expired: an active subscriber asks to change its groups while the provider fails.
    const active = `${name}-active@example.com`;
    const imported = await call(config, '/api/v1/subscribers', {
      method: 'POST',
      headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'email', address: active }),
    });
    expect(imported.status).toBe(201);
    // Gone: a pending sign-up that housekeeping deletes once `confirm_within` has passed.
    const pending = `${name}-pending@example.com`;
    await controlReceiver('resend', name, { failWith: 503 });
    await call(
      config,
      '/subscribe',
      formPost({ kind: 'email', address: active, scope: 'groups', groups: 'Checkout' }),
    );
    await call(config, '/subscribe', formPost({ kind: 'email', address: pending }));
    expect(await confirmationRows()).toHaveLength(2);
    await controlReceiver('resend', name, null);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const latest = Math.max(...(await confirmationRows()).map((r) => r.next_attempt_at));
    await tickAfter(config, latest);

    const rows = await confirmationRows();
    expect(rows.map((r) => [r.status, r.attempts, r.last_error])).toEqual([
      ['dead', 1, 'the sign-up expired before its link could be sent'],
      ['dead', 1, 'the subscriber unsubscribed or was removed'],
    ]);
    expect(await mailsTo(name, active)).toEqual([]);
    expect(await mailsTo(name, pending)).toEqual([]);
    expect(await subscriberOf(active)).toMatchObject({ status: 'active', groups: null });
    expect(await subscriberOf(pending)).toBeNull();

    // Confirmed meanwhile: the first link went out and was confirmed while a second sign-up (other
    // groups) waited for its retry.
    const longer = await loadConfig(file(name, monitors));
    const person = `${name}-person@example.com`;
    await call(longer, '/subscribe', formPost({ kind: 'email', address: person }));
    const [first] = await mailsTo(name, person);
    await controlReceiver('resend', name, { failWith: 503 });
    await call(
      longer,
      '/subscribe',
      formPost({ kind: 'email', address: person, scope: 'groups', groups: 'Checkout' }),
    );
    await controlReceiver('resend', name, null);
    expect((await call(longer, pathOf(confirmLink(first as Mail)), { method: 'POST' })).status).toBe(200);
    const waiting = (await confirmationRows()).at(-1);
    expect(waiting?.status).toBe('pending');
    await tickAfter(longer, waiting?.next_attempt_at ?? 0);
    expect((await confirmationRows()).at(-1)).toMatchObject({
      status: 'dead',
      last_error: 'the subscription was confirmed since this sign-up',
    });
    expect(await mailsTo(name, person)).toHaveLength(1);
    expect(await subscriberOf(person)).toMatchObject({ status: 'active', groups: null });
  });

  it('D1 holds neither the address outside subscribers nor the token, even while a mail is retried', async () => {
    const name = uniqueName('subs-d1-scan');
    const address = `planted-${name}@example.com`;
    const config = await loadConfig(file(name, []));
    await controlReceiver('resend', name, { failWith: 503 });
    await call(config, '/subscribe', formPost({ kind: 'email', address }));
    expect(await d1OutsideSubscribers()).not.toContain(name);

    await controlReceiver('resend', name, null);
    await tickAfter(config, (await confirmationRows())[0]?.next_attempt_at ?? 0);
    const link = confirmLink((await mailsTo(name, address))[0] as Mail);
    const token = decodeURIComponent(link.split('token=')[1] ?? '');
    const mac = token.split('.')[1] ?? '';
    expect(mac.length).toBeGreaterThan(40);
    const dump = await d1OutsideSubscribers();
    expect(dump).toContain('subscription.confirm');
    for (const secret of [name, token, mac]) expect(dump).not.toContain(secret);
    const subscribers = JSON.stringify((await env.DB.prepare('SELECT * FROM subscribers').all()).results);
    expect(subscribers).not.toContain(mac);
  });
});
