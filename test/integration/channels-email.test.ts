import { env } from 'cloudflare:workers';
import { asc } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverToChannel, type ResolvedChannel, type SendResult } from '../../src/alerting/channels';
import type { AlertEvent } from '../../src/alerting/events';
import { deliverDue, enqueue } from '../../src/alerting/outbox';
import { resolveChannel } from '../../src/alerting/routing';
import { channelSchema } from '../../src/config/alerting-schema';
import { deliveries } from '../../src/db/schema';
import { runBatch } from '../../src/db/statements';
import { emailBindingsFrom } from '../../src/email/providers';
import { secretsFromEnv } from '../../src/probes/templates';
import { alertEvent, finding } from '../fixtures/alert-events';
import { db, resetDb, T0 } from '../helpers';
import { receiversUrl, uniqueName } from '../receivers-client';

/**
 * Alert email through both providers: Cloudflare's send_email binding as miniflare emulates it
 * (it writes each part to a file, which the receivers server reads back), and Resend's HTTP API
 * against a local stand-in. Plain text and HTML, outside text escaped in the HTML.
 */
beforeEach(resetDb);

interface Received {
  path: string;
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
  status: number | null;
  duplicate: boolean;
}

const channel = (entry: Record<string, unknown>): ResolvedChannel =>
  resolveChannel(channelSchema.parse({ id: 'mail', ...entry }), secretsFromEnv(env));

const transport = () => ({
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  emailBinding: emailBindingsFrom(env),
  timeoutMs: 5000,
  nowS: Math.floor(Date.now() / 1000),
});

/** The event, with a marker in its monitor's name to find the mail it became. */
function marked(event: AlertEvent, marker: string): AlertEvent {
  return { ...event, monitor: { ...event.monitor, name: `Orders API ${marker}` } };
}

async function sentMail(marker: string): Promise<{ text: string[]; html: string[] }> {
  return (await (await fetch(`${receiversUrl}/__mail?contains=${encodeURIComponent(marker)}`)).json()) as {
    text: string[];
    html: string[];
  };
}

const HOSTILE = '<a href="https://evil.example/x">re-login</a> <img src=x onerror=alert(1)> & "quoted"';

describe("Cloudflare's send_email binding", () => {
  it('sends plain text and HTML: cause, explanation, hint, regions and the link back', async () => {
    const marker = uniqueName('mail');
    const mail = channel({
      kind: 'email',
      provider: 'cloudflare',
      binding: 'TEST_EMAIL',
      from: 'Lookout <alerts@example.com>',
      to: ['oncall@example.com'],
    });
    const result = await deliverToChannel(
      mail,
      marked(alertEvent('incident.opened'), marker),
      transport(),
      true,
    );
    expect(result).toMatchObject({ ok: true, status: null, error: null });
    expect(JSON.parse(result.answer ?? '{}')).toMatchObject({
      messageId: expect.stringMatching(/^<.+@example\.com>$/),
    });

    const { text, html } = await sentMail(marker);
    expect(text).toHaveLength(1);
    expect(text[0]).toContain(`🔴 Down: Orders API ${marker}`);
    expect(text[0]).toContain('Cause: http.upstream A gateway or a dependency');
    expect(text[0]).toContain("Hint: Check the service's own dependencies");
    expect(text[0]).toContain('Regions: Western Europe, Eastern North America');
    expect(text[0]).toContain('Open on the status page: https://status.example.test/monitors/orders-api');
    expect(html).toHaveLength(1);
    expect(html[0]).toContain('<code>http.upstream</code>');
    expect(html[0]).toContain('<a href="https://status.example.test/monitors/orders-api"');
  });

  it('escapes outside text in the HTML part', async () => {
    const marker = uniqueName('mail');
    const event = marked(
      alertEvent('finding.raised', { summary: `Orders: ${HOSTILE}`, finding: finding({ detail: HOSTILE }) }),
      marker,
    );
    const mail = channel({
      kind: 'email',
      provider: 'cloudflare',
      binding: 'TEST_EMAIL',
      from: 'alerts@example.com',
      to: ['oncall@example.com'],
    });
    expect(await deliverToChannel(mail, event, transport())).toMatchObject({ ok: true });
    const { text, html } = await sentMail(marker);
    expect(text[0]).toContain(HOSTILE); // plain text is text
    expect(html[0]).not.toMatch(/<img|<a href="https:\/\/evil/);
    expect(html[0]).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
  });

  it('a binding that refuses the recipient, or a missing binding, is an error the outbox retries', async () => {
    const refused = await deliverToChannel(
      channel({
        kind: 'email',
        provider: 'cloudflare',
        binding: 'TEST_EMAIL_ONCALL_ONLY',
        from: 'alerts@example.com',
        to: ['someone@example.com'],
      }),
      alertEvent('incident.opened'),
      transport(),
    );
    expect(refused).toEqual({
      ok: false,
      status: null,
      retryAfterS: null,
      error: 'email binding: email to someone@example.com not allowed',
    });
    const missing = await deliverToChannel(
      channel({
        kind: 'email',
        provider: 'cloudflare',
        binding: 'NO_SUCH_BINDING',
        from: 'alerts@example.com',
        to: ['oncall@example.com'],
      }),
      alertEvent('incident.opened'),
      transport(),
    );
    expect(missing).toMatchObject({
      ok: false,
      status: null,
      error: 'no send_email binding named NO_SUCH_BINDING',
    });
  });

  it('goes through the outbox: the row is sent, and a refusal is recorded as it happens', async () => {
    const marker = uniqueName('mail');
    const channels = [
      channelSchema.parse({
        id: 'mail',
        kind: 'email',
        provider: 'cloudflare',
        binding: 'TEST_EMAIL',
        from: 'alerts@example.com',
        to: ['oncall@example.com'],
      }),
      channelSchema.parse({
        id: 'mail-refused',
        kind: 'email',
        provider: 'cloudflare',
        binding: 'TEST_EMAIL_ONCALL_ONLY',
        from: 'alerts@example.com',
        to: ['ops@example.com'],
      }),
    ];
    const event = marked(alertEvent('incident.opened'), marker);
    await runBatch(db, enqueue(db, [event], channels, T0));
    const stats = await deliverDue({
      db,
      channels,
      secrets: secretsFromEnv(env),
      fetch: (input, init) => fetch(input, init),
      emailBinding: emailBindingsFrom(env),
      now: T0,
    });
    expect(stats).toMatchObject({ claimed: 2, attempted: 2, sent: 1, failed: 1, dead: 0 });
    const rows = await db.select().from(deliveries).orderBy(asc(deliveries.id));
    expect(rows.map((r) => [r.channelId, r.status, r.attempts, r.lastStatus, r.lastError])).toEqual([
      ['mail', 'sent', 1, null, null],
      ['mail-refused', 'pending', 1, null, 'email binding: email to ops@example.com not allowed'],
    ]);
    expect((await sentMail(marker)).text).toHaveLength(1);
  });
});

describe('Resend', () => {
  const resend = (name: string) =>
    channel({
      kind: 'email',
      provider: 'resend',
      api_key: '${{ secrets.TEST_RESEND_KEY }}',
      api_url: `${receiversUrl}/resend/${name}`,
      from: 'Lookout <alerts@example.com>',
      to: ['oncall@example.com', 'sre@example.com'],
    });

  async function received(name: string): Promise<Received[]> {
    return (await (await fetch(`${receiversUrl}/__received/resend/${name}`)).json()) as Received[];
  }

  it('POSTs /emails with the key and the event id as idempotency key: a retry is one email', async () => {
    const name = uniqueName('resend');
    const event = alertEvent('incident.resolved');
    const first: SendResult = await deliverToChannel(resend(name), event, transport(), true);
    const retry = await deliverToChannel(resend(name), event, transport(), true);
    expect(first).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(retry.answer ?? '{}')).toEqual(JSON.parse(first.answer ?? '{}'));

    const [request, repeat] = await received(name);
    expect(repeat?.duplicate).toBe(true);
    expect(request?.path).toBe(`/resend/${name}/emails`);
    expect(request?.headers.authorization).toBe(`Bearer ${env.TEST_RESEND_KEY}`);
    expect(request?.headers['idempotency-key']).toBe(event.id);
    expect(request?.body).toMatchObject({
      from: 'Lookout <alerts@example.com>',
      to: ['oncall@example.com', 'sre@example.com'],
      subject: '[Lookout] ✅ Recovered: Orders API',
    });
    expect(String(request?.body.text)).toContain('Duration: 1h 5m, since 2026-04-20 12:53 UTC');
    expect(String(request?.body.html)).toContain('<th align="left"');
  });

  it('keeps a hostile subject to one line and escapes the HTML; a bad key is 403 in Resend’s shape', async () => {
    const name = uniqueName('resend');
    const event = alertEvent('incident.opened', {
      monitor: { id: 'm', name: `API\r\nBcc: victim@example.com ${HOSTILE}`, group: null },
    });
    expect(await deliverToChannel(resend(name), event, transport())).toMatchObject({ ok: true, status: 200 });
    const [request] = await received(name);
    expect(String(request?.body.subject)).not.toMatch(/[\r\n]/);
    expect(String(request?.body.html)).not.toContain('<img');

    const badKey = channel({
      kind: 'email',
      provider: 'resend',
      api_key: '${{ secrets.TEST_PD_KEY }}',
      api_url: `${receiversUrl}/resend/${name}`,
      from: 'alerts@example.com',
      to: ['oncall@example.com'],
    });
    const refused = await deliverToChannel(badKey, event, transport(), true);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(JSON.parse(refused.answer ?? '{}')).toMatchObject({ name: 'invalid_api_key' });
  });
});
