import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadedConfig } from '../../src/config/monitor';
import { createApp } from '../../src/app';
import { DEFAULT_RETENTION, runHousekeeping } from '../../src/jobs/housekeeping';
import { PageSubscribe } from '../../src/routes/status/subscribe-form';
import { loadConfigText } from '../../src/config/load';
import { translator } from '../../src/i18n';
import { readGrant, signGrant } from '../../src/subscribers/tokens';
import { applyConfig, db, loadConfig, makeToken, MINUTE, resetDb, T0, target, tick } from '../helpers';
import { controlReceiver, receivedBy, receiversUrl, uniqueName } from '../receivers-client';
import {
  addresses,
  call,
  confirmLink,
  formPost as postForm,
  type Mail,
  mailsTo,
  pathOf,
  subscribersFile,
} from '../subscribers-client';

/**
 * Status page subscribers end to end, in workerd against the local receivers: sign-up form ->
 * confirmation mail (Resend stand-in) -> confirm page and button -> a real tick opens an incident
 * -> the subscriber's mail with RFC 8058 headers -> one-click unsubscribe -> nothing more. Also
 * groups, private monitors, expiry, no enumeration, rate limits, webhooks, the API, the outbox.
 */
beforeEach(async () => {
  await resetDb();
  await env.DB.prepare('DELETE FROM subscribers').run();
});
afterEach(() => vi.restoreAllMocks());

const freshIp = addresses('198.51.100');
const file = subscribersFile;
const formPost = (fields: Record<string, string | string[]>, ip = freshIp()) => postForm(fields, ip);

async function subscriberRows() {
  return (
    await env.DB.prepare('SELECT id, kind, address, groups, status FROM subscribers ORDER BY id').all<{
      id: string;
      kind: string;
      address: string;
      groups: string | null;
      status: string;
    }>()
  ).results;
}

/** Subscribes through the form and the mailed link's button: an active subscriber. */
async function subscribeByMail(config: LoadedConfig, name: string, address: string, groups?: string[]) {
  const fields: Record<string, string | string[]> = groups
    ? { kind: 'email', address, scope: 'groups', groups }
    : { kind: 'email', address };
  expect((await call(config, '/subscribe', formPost(fields))).status).toBe(200);
  const [mail] = await mailsTo(name, address);
  const link = confirmLink(mail as Mail);
  expect(link).not.toBe('');
  const confirmed = await call(config, pathOf(link), { method: 'POST' });
  expect(confirmed.status).toBe(200);
  return link;
}

const down = (tag: string) => target('/regional', tag, { down: 'weur,enam,apac', status: '503' });

describe('email subscription, end to end', () => {
  it('form -> mail -> confirm button -> incident mail with one-click unsubscribe -> nothing after', async () => {
    const name = uniqueName('subs');
    const address = `${name}@example.com`;
    const failing = file(name, [
      { id: 'api', name: 'Orders API', group: 'Checkout', url: down('subs-flow') },
    ]);
    const healthy = file(name, [
      { id: 'api', name: 'Orders API', group: 'Checkout', url: target('/ok', 'subs-flow') },
    ]);
    const config = await loadConfig(failing);
    await applyConfig(failing, T0);

    // The form is on /subscribe (and the status page), no JavaScript needed.
    const page = await call(config, '/subscribe');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form class="card" method="post" action="/subscribe">');
    expect(page.text).toContain('value="Checkout"');
    expect(page.text).not.toContain('<script');

    const signUp = await call(
      config,
      '/subscribe',
      formPost({ kind: 'email', address: address.toUpperCase() }),
    );
    expect(signUp.status).toBe(200);
    expect(signUp.text).toContain('Check your inbox');
    expect(signUp.headers.get('cache-control')).toBe('no-store');
    expect(signUp.text).not.toContain(name);

    const [confirmation, ...others] = await mailsTo(name, address);
    expect(others).toEqual([]);
    expect(confirmation?.subject).toBe('[Acme status] Confirm your subscription to Acme status');
    expect(confirmation?.html).toContain('Confirm the subscription');
    const link = confirmLink(confirmation as Mail);
    expect(link).not.toBe('');

    // A mail scanner fetching the link confirms nothing: GET shows a button that POSTs.
    const shown = await call(config, pathOf(link));
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(
      `<form class="confirm" method="post" action="${pathOf(link).replaceAll('&', '&amp;')}">`,
    );
    expect((await subscriberRows()).map((r) => r.status)).toEqual(['pending']);
    const confirmed = await call(config, pathOf(link), { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('You are subscribed');
    const [row] = await subscriberRows();
    expect(row).toMatchObject({ kind: 'email', address, groups: null, status: 'active' });

    // A real tick: the monitor fails everywhere twice, the incident opens, the subscriber hears.
    await tick(T0, { config });
    await tick(T0 + MINUTE, { config });
    const notices = (await mailsTo(name, address)).slice(1);
    expect(notices).toHaveLength(1);
    const notice = notices[0] as Mail & { idempotencyKey: string };
    expect(notice.subject).toBe('[Acme status] Orders API is down');
    expect(notice.text).toContain('Details: https://status.example.test/monitors/api');
    expect(notice.idempotencyKey).toMatch(new RegExp(`^evt_[0-9a-f]{16}:${row?.id}$`));
    const unsubscribe =
      /^<(https:\/\/status\.example\.test\/unsubscribe\?token=[A-Za-z0-9_.-]+(?:&lang=[A-Za-z-]+)?)>$/.exec(
        notice.headers?.['List-Unsubscribe'] ?? '',
      )?.[1];
    expect(unsubscribe).toBeDefined();
    expect(notice.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(notice.text).toContain(`Unsubscribe: ${unsubscribe}`);

    // RFC 8058 one-click: the mail client POSTs the body below; 200, nothing to render.
    const oneClick = await call(config, pathOf(unsubscribe ?? ''), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toBe('');
    expect(await subscriberRows()).toEqual([]);

    // Recovery and the next incident reach nobody.
    for (const [minute, next] of [
      [2, healthy],
      [3, healthy],
      [4, failing],
      [5, failing],
    ] as const) {
      await applyConfig(next, T0 + minute * MINUTE);
      await tick(T0 + minute * MINUTE, { config: await loadConfig(next) });
    }
    expect(await mailsTo(name, address)).toHaveLength(2);
    // The same link again: unsubscribed already, the page says so all the same.
    const again = await call(config, pathOf(unsubscribe ?? ''), { method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.text).toContain('You are unsubscribed');
  });

  it('subscribing twice keeps one row and answers the same, subscribed or not (no enumeration)', async () => {
    const name = uniqueName('subs-dup');
    const config = await loadConfig(file(name, []));
    const known = `${name}-known@example.com`;
    await subscribeByMail(config, name, known);
    const answers = [];
    for (const address of [known, `${name}-new@example.com`, `${name}-new@example.com`])
      answers.push(await call(config, '/subscribe', formPost({ kind: 'email', address })));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    const rows = await subscriberRows();
    expect(rows.map((r) => [r.address, r.status]).sort()).toEqual([
      [known, 'active'],
      [`${name}-new@example.com`, 'pending'],
    ]);
    // An active subscriber stays active until a new link is confirmed (changing its groups).
    expect(await mailsTo(name, known)).toHaveLength(2);
  });

  it('refuses junk with a 4xx problem, never a 5xx', async () => {
    const config = await loadConfig(file(uniqueName('subs-junk'), []));
    for (const init of [
      formPost({ kind: 'email', address: 'not an address' }),
      formPost({ kind: 'fax', address: 'a@example.com' }),
      formPost({ kind: 'webhook', address: 'ftp://example.com/x' }),
      formPost({ kind: 'webhook', address: 'http://example.com/plain-http' }),
      formPost({ kind: 'email', address: 'a@example.com', scope: 'groups', groups: 'No such group' }),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshIp() },
        body: '{"a":',
      },
    ]) {
      const answer = await call(config, '/subscribe', init);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
    for (const path of ['/subscribe/confirm?token=x.y', '/unsubscribe?token=', '/unsubscribe?token=%00']) {
      expect((await call(config, path)).status).toBe(400);
      expect((await call(config, path, { method: 'POST' })).status).toBe(400);
    }
    expect(await subscriberRows()).toEqual([]);
    // Without `subscribers:` in the file there is nothing here.
    const off = await loadConfig({ monitors: [] });
    expect((await call(off, '/subscribe')).status).toBe(404);
  });

  it('rate-limits sign-ups per client address: 429 with Retry-After', async () => {
    const name = uniqueName('subs-limit');
    const config = await loadConfig(file(name, []));
    const ip = freshIp();
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await call(
            config,
            '/subscribe',
            formPost({ kind: 'email', address: `${name}-${i}@example.com` }, ip),
          )
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await call(
      config,
      '/subscribe',
      formPost({ kind: 'email', address: `${name}@example.com` }, ip),
    );
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(JSON.parse(limited.text)).toMatchObject({ code: 'rate_limited' });
    expect(
      (await call(config, '/subscribe', formPost({ kind: 'email', address: `${name}-other@example.com` })))
        .status,
    ).toBe(200);
  });

  it('unconfirmed sign-ups expire: housekeeping deletes them after the window, and the link is dead', async () => {
    const name = uniqueName('subs-expire');
    const config = await loadConfig(file(name, [], {}));
    const address = `${name}@example.com`;
    await call(config, '/subscribe', formPost({ kind: 'email', address }));
    const link = confirmLink((await mailsTo(name, address))[0] as Mail);
    const stats = await runHousekeeping(db, Date.now() + 23 * 3_600_000, DEFAULT_RETENTION, 24 * 3_600_000);
    expect(stats.subscribersExpired).toBe(0);
    const later = await runHousekeeping(db, Date.now() + 25 * 3_600_000, DEFAULT_RETENTION, 24 * 3_600_000);
    expect(later.subscribersExpired).toBe(1);
    expect(await subscriberRows()).toEqual([]);
    const dead = await call(config, pathOf(link), { method: 'POST' });
    expect(dead.status).toBe(400);
    expect(dead.text).toContain('This link is not valid');

    // Through a tick, with the file's own window (confirm_within).
    const short = file(name, [], {});
    (short.subscribers as Record<string, unknown>).confirm_within = '1h';
    const shortConfig = await loadConfig(short);
    await call(shortConfig, '/subscribe', formPost({ kind: 'email', address }));
    const next = Date.now() + 2 * 3_600_000;
    await tick(next - (next % MINUTE), { config: shortConfig });
    expect(await subscriberRows()).toEqual([]);
  });
});

describe('what subscribers are sent', () => {
  it('groups filter, private monitors never reach a subscriber', async () => {
    const name = uniqueName('subs-groups');
    const failing = file(name, [
      { id: 'pay', name: 'Payments API', group: 'Payments', url: down('subs-groups') },
      { id: 'search', name: 'Search API', group: 'Search', url: down('subs-groups') },
      { id: 'ledger', name: 'Internal ledger', group: 'Payments', public: false, url: down('subs-groups') },
    ]);
    const config = await loadConfig(failing);
    await applyConfig(failing, T0);
    const everything = `${name}-all@example.com`;
    const searchOnly = `${name}-search@example.com`;
    await subscribeByMail(config, name, everything);
    // The form lists only public monitors' groups; choosing some keeps to them.
    expect((await call(config, '/subscribe')).text).not.toContain('Internal ledger');
    await subscribeByMail(config, name, searchOnly, ['Search']);
    expect((await subscriberRows()).find((r) => r.address === searchOnly)?.groups).toBe('["Search"]');

    await tick(T0, { config });
    await tick(T0 + MINUTE, { config });
    const subjects = async (address: string) =>
      (await mailsTo(name, address))
        .slice(1)
        .map((m) => m.subject)
        .sort();
    expect(await subjects(everything)).toEqual([
      '[Acme status] Payments API is down',
      '[Acme status] Search API is down',
    ]);
    expect(await subjects(searchOnly)).toEqual(['[Acme status] Search API is down']);
    const rows = await env.DB.prepare(
      `SELECT count(*) AS n FROM deliveries WHERE monitor_id = 'ledger' AND channel_id LIKE 'subscriber:%'`,
    ).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("the team's manual status updates reach subscribers, escaped in the HTML part", async () => {
    const name = uniqueName('subs-note');
    const failing = file(name, [{ id: 'api', name: 'Orders API', url: down('subs-note') }]);
    const config = await loadConfig(failing);
    await applyConfig(failing, T0);
    const address = `${name}@example.com`;
    await subscribeByMail(config, name, address);
    await tick(T0, { config });
    await tick(T0 + MINUTE, { config });
    const incident = await env.DB.prepare('SELECT id FROM incidents WHERE monitor_id = ?')
      .bind('api')
      .first<{ id: string }>();
    const write = await makeToken(['write']);
    const posted = await call(config, `/api/v1/incidents/${incident?.id}/updates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        status: 'identified',
        message: 'A bad deploy <script>x</script>; rolling back',
      }),
    });
    expect(posted.status).toBe(201);
    // Enqueued on the request's clock: the next real minute's tick sends it.
    const next = Date.now() + MINUTE;
    await tick(next - (next % MINUTE), { config });
    const mails = (await mailsTo(name, address)).slice(1);
    expect(mails.map((m) => m.subject)).toEqual([
      '[Acme status] Orders API is down',
      '[Acme status] Orders API: Identified',
    ]);
    expect(mails[1]?.text).toContain('A bad deploy <script>x</script>; rolling back');
    expect(mails[1]?.html).toContain('A bad deploy &lt;script&gt;x&lt;/script&gt;; rolling back');
    expect(mails[1]?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('maintenance: announced a day ahead, started and completed, once each, to the groups it covers', async () => {
    const name = uniqueName('subs-maint');
    const start = T0 + 2 * 3_600_000;
    const config = file(
      name,
      [
        { id: 'pay', name: 'Payments API', group: 'Payments', url: target('/ok', 'subs-maint') },
        { id: 'search', name: 'Search API', group: 'Search', url: target('/ok', 'subs-maint') },
      ],
      {
        maintenance: [
          {
            id: 'db-upgrade',
            title: 'Database upgrade <b>',
            groups: ['Payments'],
            start: new Date(start).toISOString(),
            end: new Date(start + 3_600_000).toISOString(),
          },
        ],
      },
    );
    const loaded = await loadConfig(config);
    await applyConfig(config, T0);
    const payments = `${name}-pay@example.com`;
    const search = `${name}-search@example.com`;
    await subscribeByMail(loaded, name, payments, ['Payments']);
    await subscribeByMail(loaded, name, search, ['Search']);
    for (const at of [T0, T0 + MINUTE, start, start + MINUTE, start + 3_600_000, start + 3_600_000 + MINUTE])
      await tick(at, { config: loaded });
    const paymentsMail = (await mailsTo(name, payments)).slice(1);
    expect(paymentsMail.map((m) => m.subject)).toEqual([
      '[Acme status] Scheduled maintenance: Database upgrade <b>',
      '[Acme status] Maintenance in progress: Database upgrade <b>',
      '[Acme status] Maintenance completed: Database upgrade <b>',
    ]);
    expect(paymentsMail[0]?.html).toContain('Database upgrade &lt;b&gt;');
    expect(paymentsMail[0]?.text).toContain('Window: Nov 26, 2026, 14:00 UTC to Nov 26, 2026, 15:00 UTC.');
    expect(await mailsTo(name, search)).toHaveLength(1);
  });
});

/** The Standard Webhooks secret the endpoint learns, computed here from the key and the id. */
async function derivedSecret(id: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(env.TEST_SUBSCRIBE_KEY),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`webhook:${id}`));
  return `whsec_${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
}

describe('webhook subscribers', () => {
  it('confirmed by answering the signed challenge, then sent signed notices', async () => {
    const name = uniqueName('subs-hook');
    const failing = file(name, [
      { id: 'api', name: 'Orders API', group: 'Checkout', url: down('subs-hook') },
    ]);
    const config = await loadConfig(failing);
    await applyConfig(failing, T0);
    await controlReceiver('webhook', name, { subscriber: true });
    const url = `${receiversUrl}/webhook/${name}`;
    const answer = await call(
      config,
      '/subscribe',
      formPost({ kind: 'webhook', address: url, scope: 'groups', groups: 'Checkout' }),
    );
    expect(answer.status).toBe(200);
    const [row] = await subscriberRows();
    expect(row).toMatchObject({ kind: 'webhook', address: url, status: 'active', groups: '["Checkout"]' });
    const [confirmation] = await receivedBy('webhook', name);
    expect(confirmation?.verified).toBe(true);
    expect(confirmation?.body).toMatchObject({
      type: 'subscription.confirm',
      data: { secret: await derivedSecret(row?.id ?? ''), groups: ['Checkout'] },
    });

    await tick(T0, { config });
    await tick(T0 + MINUTE, { config });
    const notices = (await receivedBy('webhook', name)).slice(1);
    expect(notices.map((n) => [n.status, n.verified])).toEqual([[200, true]]);
    expect(notices[0]?.body).toMatchObject({
      type: 'incident.opened',
      data: { title: 'Orders API is down', monitor: { id: 'api', group: 'Checkout' } },
    });
    expect(JSON.stringify(notices[0]?.body)).not.toContain('regions');
  });

  it('stays pending when the endpoint answers 2xx without the challenge, or refuses', async () => {
    const name = uniqueName('subs-hook-no');
    const config = await loadConfig(file(name, []));
    await call(config, '/subscribe', formPost({ kind: 'webhook', address: target('/ok', 'subs-hook-no') }));
    await call(
      config,
      '/subscribe',
      formPost({ kind: 'webhook', address: `${receiversUrl}/webhook/${name}` }),
    );
    expect((await subscriberRows()).map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  it('a subscriber refusing for good goes dead at once without holding back the others', async () => {
    const name = uniqueName('subs-dead');
    const failing = file(name, [{ id: 'api', name: 'Orders API', url: down('subs-dead') }]);
    const config = await loadConfig(failing);
    await applyConfig(failing, T0);
    const write = await makeToken(['write']);
    const imported = [];
    for (const label of ['gone', 'fine']) {
      const response = await call(config, '/api/v1/subscribers', {
        method: 'POST',
        headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'webhook', address: `${receiversUrl}/webhook/${name}-${label}` }),
      });
      expect(response.status).toBe(201);
      imported.push(JSON.parse(response.text) as { id: string });
    }
    await controlReceiver('webhook', `${name}-gone`, { failWith: 410 });
    await controlReceiver('webhook', `${name}-fine`, { secret: await derivedSecret(imported[1]?.id ?? '') });
    await tick(T0, { config });
    await tick(T0 + MINUTE, { config });
    const rows = await env.DB.prepare(
      `SELECT channel_id, status, attempts, last_status FROM deliveries WHERE channel_id LIKE 'subscriber:%' ORDER BY channel_id`,
    ).all();
    expect(rows.results).toEqual(
      [
        { channel_id: `subscriber:${imported[0]?.id}`, status: 'dead', attempts: 1, last_status: 410 },
        { channel_id: `subscriber:${imported[1]?.id}`, status: 'sent', attempts: 1, last_status: 200 },
      ].sort((a, b) => a.channel_id.localeCompare(b.channel_id)),
    );
    expect((await receivedBy('webhook', `${name}-fine`)).map((r) => r.verified)).toEqual([true]);
    // Ticked again (the same minute twice): nothing enqueued or sent twice.
    await tick(T0 + MINUTE, { config });
    expect(await receivedBy('webhook', `${name}-fine`)).toHaveLength(1);
  });
});

describe('the form on the status page', () => {
  it('renders only with subscriptions configured, groups in the page order', () => {
    const html = String(
      PageSubscribe({
        subscribers: { via: 'mail', webhooks: true },
        monitors: [{ group: 'Search' }, { group: 'Billing' }, { group: null }, { group: 'Search' }],
        order: [{ name: 'Search' }],
        tr: translator('en'),
      }),
    );
    expect(html).toContain('<form class="card" method="post" action="/subscribe">');
    expect(html).toContain('<input type="hidden" name="kind" value="webhook"/>');
    expect(html.indexOf('value="Search"')).toBeLessThan(html.indexOf('value="Billing"'));
    expect(html.match(/value="Search"/g)).toHaveLength(2); // once per form
    expect(PageSubscribe({ subscribers: null, monitors: [], order: [], tr: translator('en') })).toBeNull();
  });
});

describe('the subscribers API', () => {
  it('needs a write token: list, page, export (JSON, CSV), import, remove', async () => {
    const name = uniqueName('subs-api');
    const config = await loadConfig(file(name, []));
    const write = await makeToken(['write']);
    const read = await makeToken(['read']);
    const as = (token: string | null, init: RequestInit = {}) => ({
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    for (const path of ['/api/v1/subscribers', '/api/v1/subscribers/export']) {
      expect((await call(config, path, as(null))).status).toBe(401);
      expect((await call(config, path, as(read))).status).toBe(403);
    }
    expect((await call(config, '/api/v1/subscribers/sub_x', as(read, { method: 'DELETE' }))).status).toBe(
      403,
    );
    const add = (body: unknown) =>
      call(
        config,
        '/api/v1/subscribers',
        as(write, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    expect((await add({ kind: 'email', address: 'nope' })).status).toBe(422);
    const first = JSON.parse(
      (await add({ kind: 'email', address: `=1+${name}@example.com`, groups: ['A, "b"'] })).text,
    );
    const second = JSON.parse((await add({ kind: 'email', address: `${name}-2@example.com` })).text);
    expect(first).toMatchObject({ status: 'active', groups: ['A, "b"'] });

    const page1 = JSON.parse((await call(config, '/api/v1/subscribers?limit=1', as(write))).text);
    expect(page1.subscribers).toHaveLength(1);
    const page2 = JSON.parse(
      (await call(config, `/api/v1/subscribers?limit=1&cursor=${page1.next_cursor}`, as(write))).text,
    );
    expect([...page1.subscribers, ...page2.subscribers].map((s: { id: string }) => s.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    expect(page2.next_cursor).toBeNull();

    const json = await call(config, '/api/v1/subscribers/export', as(write));
    expect(JSON.parse(json.text).subscribers).toHaveLength(2);
    const csv = await call(config, '/api/v1/subscribers/export?format=csv', as(write));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,kind,address,groups,status,created_at,confirmed_at');
    expect(lines).toContainEqual(
      expect.stringContaining(`,email,'=1+${name}@example.com,"A, ""b""",active,`),
    );

    expect(
      (await call(config, `/api/v1/subscribers/${first.id}`, as(write, { method: 'DELETE' }))).status,
    ).toBe(204);
    expect(
      (await call(config, `/api/v1/subscribers/${first.id}`, as(write, { method: 'DELETE' }))).status,
    ).toBe(404);
    expect((await subscriberRows()).map((r) => r.id)).toEqual([second.id]);
  });
});

describe('addresses stay private', () => {
  it('a planted address appears in no page, feed, public or read API answer, metrics or log', async () => {
    const name = uniqueName('subs-leak');
    const address = `planted-${name}@example.com`;
    const failing = file(name, [{ id: 'api', name: 'Orders API', url: down('subs-leak') }]);
    const config = await loadConfig(failing);
    await applyConfig(failing, T0);
    const logs: string[] = [];
    for (const method of ['log', 'error', 'warn', 'info'] as const)
      vi.spyOn(console, method).mockImplementation(
        (...args: unknown[]) => void logs.push(args.map(String).join(' ')),
      );
    await subscribeByMail(config, name, address);
    await tick(T0, { config });
    await tick(T0 + MINUTE, { config });
    expect(await mailsTo(name, address)).toHaveLength(2);
    const read = await makeToken(['read']);
    for (const path of [
      '/',
      '/subscribe',
      '/incidents',
      '/monitors/api',
      '/feed.atom',
      '/api/v1/status',
      '/api/v1/monitors',
      '/api/v1/deliveries',
      '/api/v1/health',
      '/api/v2/summary.json',
      '/metrics',
    ]) {
      const answer = await call(config, path, { headers: { authorization: `Bearer ${read}` } });
      // /api/v1/health answers 503 here (the test's ticks are in the past): what counts is the body.
      expect(answer.status, path).not.toBe(500);
      expect(answer.text, path).not.toContain(name);
    }
    expect(logs.join('\n')).not.toContain(name);
  });
});

describe("subscriber mail through Cloudflare's send_email binding", () => {
  it('sends the confirmation and the notices; the binding takes the List-Unsubscribe headers', async () => {
    const name = uniqueName('subs-binding');
    const address = `${name}@example.com`;
    const failing = {
      ...file(name, [{ id: 'api', name: `Orders API ${name}`, url: down('subs-binding') }]),
      channels: [
        {
          id: 'mail',
          kind: 'email',
          provider: 'cloudflare',
          binding: 'TEST_EMAIL',
          from: 'Acme status <status@example.com>',
          to: ['team@example.com'],
          route: { events: ['lookout.tick_missed'] },
        },
      ],
    };
    const config = await loadConfig(failing);
    await applyConfig(failing, T0);
    const signUp = await call(config, '/subscribe', formPost({ kind: 'email', address }));
    expect(signUp.status).toBe(200);
    const sent = async (marker: string) =>
      (await (await fetch(`${receiversUrl}/__mail?contains=${encodeURIComponent(marker)}`)).json()) as {
        text: string[];
      };
    // The confirmation names no address in its text; its link carries the subscriber id.
    const [row] = await subscriberRows();
    const confirmations = (await sent('subscribe/confirm?token=')).text;
    const link = confirmations
      .map((text) => confirmLink({ text } as Mail))
      .find((l) =>
        atob(l.split('token=')[1]?.split('.')[0]?.replace(/-/g, '+').replace(/_/g, '/') ?? '').includes(
          row?.id ?? '-',
        ),
      );
    expect(link).toBeDefined();
    expect((await call(config, pathOf(link ?? ''), { method: 'POST' })).status).toBe(200);
    await tick(T0, { config });
    await tick(T0 + MINUTE, { config });
    const notices = (await sent(`Orders API ${name} is down`)).text;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('Unsubscribe: https://status.example.test/unsubscribe?token=');
    const delivery = await env.DB.prepare(`SELECT status FROM deliveries WHERE channel_id = ?`)
      .bind(`subscriber:${row?.id}`)
      .first<{ status: string }>();
    expect(delivery?.status).toBe('sent');
  });
});

describe('a private status page (PUBLIC_READS = "false")', () => {
  it('keeps its sign-up form private, while the links in mail still work by their token', async () => {
    const name = uniqueName('private-page');
    const config = await loadConfig(file(name, [{ id: 'api', url: target('/ok', name) }]));
    const closed = { ...env, PUBLIC_READS: 'false' };
    const app = createApp(() => Promise.resolve(config));
    const request = async (path: string, init: RequestInit = {}) => {
      const ctx = createExecutionContext();
      const response = await app.request(`https://status.example.test${path}`, init, closed, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    const address = `${name}@example.com`;
    expect((await request('/subscribe')).status).toBe(401);
    expect((await request('/subscribe', formPost({ kind: 'email', address }))).status).toBe(401);
    expect(await mailsTo(name, address)).toEqual([]);
    const token = await makeToken(['read']);
    const signedUp = await request('/subscribe', {
      ...formPost({ kind: 'email', address }),
      headers: {
        ...(formPost({ kind: 'email', address }).headers as Record<string, string>),
        authorization: `Bearer ${token}`,
      },
    });
    expect(signedUp.status).toBe(200);
    await expect.poll(async () => (await mailsTo(name, address)).length).toBe(1);
    // The mailed link needs no token: it is the capability.
    const [mail] = await mailsTo(name, address);
    const page = await request(pathOf(confirmLink(mail as Mail)));
    expect(page.status).toBe(200);
  });
});

describe('subscribers config and links', () => {
  it('refuses a via that is no email channel, a missing status_page.url, a key that is no secret reference', () => {
    const problems = (text: string) => {
      const result = loadConfigText(text);
      return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(
      problems(
        'channels:\n  - { id: hook, kind: slack, webhook_url: "${{ secrets.S }}" }\nsubscribers:\n  via: hook\n  key: plain-text-key\n',
      ),
    ).toEqual([
      expect.stringMatching(/^subscribers\.key: expected a secret reference/),
      'subscribers.via: no email channel has the id "hook"',
      'status_page.url: subscribers need status_page.url: confirm and unsubscribe links point there',
    ]);
    // The key is a reserved secret: no monitor may send it anywhere.
    expect(
      problems(
        'status_page: { url: "https://s.example" }\nsubscribers: { webhooks: true, key: "${{ secrets.SUBSCRIBE_KEY }}" }\nmonitors:\n  - { id: a, url: "https://a.example/", headers: { x: "${{ secrets.SUBSCRIBE_KEY }}" } }\n',
      ),
    ).toEqual([expect.stringContaining('SUBSCRIBE_KEY is the key of subscribers')]);
  });

  it('tokens: a changed payload, another key or an expired confirmation reads as nothing', async () => {
    const key = env.TEST_SUBSCRIBE_KEY;
    const now = Date.now();
    const token = await signGrant(key, { a: 'confirm', s: 'sub_1', g: ['A'], x: now + 1000 });
    expect(await readGrant(key, token, now)).toEqual({ a: 'confirm', s: 'sub_1', g: ['A'], x: now + 1000 });
    expect(await readGrant(key, token, now + 1000)).toBeNull();
    expect(await readGrant(`${key}x`, token, now)).toBeNull();
    const [body, mac] = token.split('.') as [string, string];
    const forged = btoa(JSON.stringify({ a: 'confirm', s: 'sub_2', g: ['A'], x: now + 1000 }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(await readGrant(key, `${forged}.${mac}`, now)).toBeNull();
    expect(await readGrant(key, `${body}.${mac}.x`, now)).toBeNull();
    const unsubscribe = await signGrant(key, { a: 'unsubscribe', s: 'sub_1' });
    expect(await readGrant(key, unsubscribe, now + 365 * 86_400_000)).toEqual({
      a: 'unsubscribe',
      s: 'sub_1',
    });
  });
});
