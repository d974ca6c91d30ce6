import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  buildChannelRequest,
  sendChannelRequest,
  type Channel,
  type SendResult,
} from '../../src/alerting/channels';
import type { AlertEvent } from '../../src/alerting/events';
import { alertEvent } from '../fixtures/alert-events';

/** What test/setup/receivers.ts records of each request. */
interface Received {
  kind: string;
  name: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
  receivedAt: number;
  status: number | null;
  verified: boolean | null;
  verifyError: string | null;
}

const receiversUrl = inject('receiversUrl');
const SECRET = `whsec_${btoa('lookout-test-signing-key-0123456789')}`;
const OTHER_SECRET = `whsec_${btoa('someone-elses-signing-key-9876543210')}`;
const nowS = () => Math.floor(Date.now() / 1000);

/** A receiver name no other test uses: the receivers server is shared by every test file. */
let counter = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${counter++}`;

const controlled: string[] = [];
async function control(kind: string, name: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${receiversUrl}/__control/${kind}/${name}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  await response.body?.cancel();
  controlled.push(`${kind}/${name}`);
}
async function received(kind: string, name: string): Promise<Received[]> {
  const response = await fetch(`${receiversUrl}/__received/${kind}/${name}`);
  return (await response.json()) as Received[];
}

afterEach(async () => {
  for (const key of controlled.splice(0)) {
    await (await fetch(`${receiversUrl}/__control/${key}`, { method: 'DELETE' })).body?.cancel();
  }
});

async function deliver(
  channel: Channel,
  event: AlertEvent,
  timeoutMs = 5000,
  at = nowS(),
): Promise<SendResult> {
  return sendChannelRequest(fetch, await buildChannelRequest(channel, event, at), timeoutMs);
}

const delivered: SendResult = { ok: true, status: 200, retryAfterS: null, error: null };

describe('delivery to local receivers', () => {
  it('Slack receives a Block Kit message', async () => {
    const name = unique('slack');
    const event = alertEvent('incident.opened');
    const result = await deliver(
      { kind: 'slack', id: 'c1', webhookUrl: `${receiversUrl}/slack/${name}` },
      event,
    );
    expect(result).toEqual(delivered);
    const [request, ...rest] = await received('slack', name);
    expect(rest).toHaveLength(0);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('Lookout/0.1');
    expect(request?.body.text).toBe(event.summary);
    expect(request?.body.blocks).toEqual(
      expect.arrayContaining([
        { type: 'header', text: { type: 'plain_text', text: '🔴 Down: Orders API', emoji: true } },
      ]),
    );
    expect(request?.status).toBe(200);
  });

  it('Discord receives one embed', async () => {
    const name = unique('discord');
    const event = alertEvent('incident.resolved');
    const result = await deliver(
      { kind: 'discord', id: 'c2', webhookUrl: `${receiversUrl}/discord/${name}` },
      event,
    );
    expect(result).toEqual({ ...delivered, status: 204 });
    const [request] = await received('discord', name);
    expect(request?.body.embeds).toEqual([
      expect.objectContaining({ title: '✅ Recovered: Orders API', timestamp: '2026-04-20T13:05:00.000Z' }),
    ]);
  });

  it('PagerDuty receives a trigger and then a resolve under the incident id', async () => {
    const name = unique('pd');
    const channel: Channel = {
      kind: 'pagerduty',
      id: 'c3',
      routingKey: 'R0UTINGKEY0123456789abcdefabcdef',
      eventsUrl: `${receiversUrl}/pagerduty/${name}/v2/enqueue`,
    };
    expect(await deliver(channel, alertEvent('incident.opened'))).toEqual({ ...delivered, status: 202 });
    expect(await deliver(channel, alertEvent('incident.resolved'))).toEqual({ ...delivered, status: 202 });
    const requests = await received('pagerduty', name);
    expect(requests.map((r) => [r.path, r.body.event_action, r.body.dedup_key, r.status])).toEqual([
      [`/pagerduty/${name}/v2/enqueue`, 'trigger', 'inc_01HZX4', 202],
      [`/pagerduty/${name}/v2/enqueue`, 'resolve', 'inc_01HZX4', 202],
    ]);
    expect(requests[0]?.body.payload).toMatchObject({ source: 'orders-api', severity: 'critical' });
  });

  it('a webhook receiver verifies the Standard Webhooks signature', async () => {
    const name = unique('hook');
    await control('webhook', name, { secret: SECRET });
    const event = alertEvent('finding.raised');
    const channel: Channel = {
      kind: 'webhook',
      id: 'c4',
      url: `${receiversUrl}/webhook/${name}`,
      secret: SECRET,
    };
    expect(await deliver(channel, event)).toEqual(delivered);
    expect(await deliver(channel, event)).toEqual(delivered); // a retry: same id, new timestamp
    const requests = await received('webhook', name);
    expect(requests.map((r) => [r.verified, r.status, r.headers['webhook-id']])).toEqual([
      [true, 200, event.id],
      [true, 200, event.id],
    ]);
    expect(requests[0]?.body).toEqual({
      type: 'finding.raised',
      timestamp: '2026-04-20T13:05:00.000Z',
      data: event,
    });
  });

  it('a webhook signed with the wrong secret is rejected with 401, not delivered', async () => {
    const name = unique('hook');
    await control('webhook', name, { secret: SECRET });
    const channel: Channel = {
      kind: 'webhook',
      id: 'c5',
      url: `${receiversUrl}/webhook/${name}`,
      secret: OTHER_SECRET,
    };
    expect(await deliver(channel, alertEvent('incident.opened'))).toEqual({
      ok: false,
      status: 401,
      retryAfterS: null,
      error: null,
    });
    const [request] = await received('webhook', name);
    expect(request).toMatchObject({ verified: false, status: 401, verifyError: 'no matching signature' });
  });

  it('a webhook with a timestamp over 5 minutes old is rejected with 400', async () => {
    const name = unique('hook');
    await control('webhook', name, { secret: SECRET });
    const channel: Channel = {
      kind: 'webhook',
      id: 'c6',
      url: `${receiversUrl}/webhook/${name}`,
      secret: SECRET,
    };
    const result = await deliver(channel, alertEvent('incident.opened'), 5000, nowS() - 6 * 60);
    expect(result).toMatchObject({ ok: false, status: 400 });
    const [request] = await received('webhook', name);
    expect(request).toMatchObject({ verified: false, status: 400 });
  });
});

describe('receivers that fail', () => {
  it('a 503 with Retry-After: 120 is not ok and says when to retry; then it recovers', async () => {
    const name = unique('slack');
    await control('slack', name, { failWith: 503, retryAfter: '120' });
    const channel: Channel = { kind: 'slack', id: 'c7', webhookUrl: `${receiversUrl}/slack/${name}` };
    const event = alertEvent('incident.opened');
    expect(await deliver(channel, event)).toEqual({ ok: false, status: 503, retryAfterS: 120, error: null });

    await (await fetch(`${receiversUrl}/__control/slack/${name}`, { method: 'DELETE' })).body?.cancel();
    expect(await deliver(channel, event)).toEqual(delivered);
    expect((await received('slack', name)).map((r) => r.status)).toEqual([503, 200]);
  });

  it('reads Retry-After as an HTTP-date too', async () => {
    const name = unique('discord');
    await control('discord', name, {
      failWith: 429,
      retryAfter: new Date(Date.now() + 90_000).toUTCString(),
    });
    const channel: Channel = { kind: 'discord', id: 'c8', webhookUrl: `${receiversUrl}/discord/${name}` };
    const result = await deliver(channel, alertEvent('incident.opened'));
    expect(result).toMatchObject({ ok: false, status: 429 });
    expect(result.retryAfterS).toBeGreaterThanOrEqual(85);
    expect(result.retryAfterS).toBeLessThanOrEqual(91);
  });

  it('a hanging receiver is cut at the timeout', async () => {
    const name = unique('pd');
    await control('pagerduty', name, { hangMs: 10_000 });
    const channel: Channel = {
      kind: 'pagerduty',
      id: 'c9',
      routingKey: 'K',
      eventsUrl: `${receiversUrl}/pagerduty/${name}/v2/enqueue`,
    };
    const started = Date.now();
    const result = await deliver(channel, alertEvent('incident.opened'), 300);
    expect(result).toEqual({ ok: false, status: null, retryAfterS: null, error: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await received('pagerduty', name)).toHaveLength(1); // it arrived; the answer did not
  });

  it('a refused connection is not ok', async () => {
    const channel: Channel = { kind: 'slack', id: 'c10', webhookUrl: `${inject('refusedUrl')}/slack/nobody` };
    expect(await deliver(channel, alertEvent('incident.opened'))).toEqual({
      ok: false,
      status: null,
      retryAfterS: null,
      error: 'connection refused',
    });
  });
});
