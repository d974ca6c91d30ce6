import { env } from 'cloudflare:workers';
import { expect, inject } from 'vitest';

/** The local alert receivers (test/setup/receivers.ts), as tests drive and read them. */
export const receiversUrl = inject('receiversUrl');

export interface Received {
  kind: string;
  name: string;
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
  status: number | null;
  verified: boolean | null;
  /** Read whole, then the connection dropped without an answer (`dropNext`). */
  dropped: boolean;
}

export async function controlReceiver(
  kind: string,
  name: string,
  body: Record<string, unknown> | null,
): Promise<void> {
  const response = await fetch(`${receiversUrl}/__control/${kind}/${name}`, {
    method: body ? 'POST' : 'DELETE',
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status).toBe(200);
  await response.body?.cancel();
}

export async function receivedBy(kind: string, name: string): Promise<Received[]> {
  const response = await fetch(`${receiversUrl}/__received/${kind}/${name}`);
  return (await response.json()) as Received[];
}

/** The webhook ids a receiver accepted (2xx), in arrival order: what a deduplicating receiver keeps. */
export async function acceptedIds(kind: string, name: string): Promise<string[]> {
  return (await receivedBy(kind, name))
    .filter((r) => r.status !== null && r.status < 300)
    .map((r) => r.headers['webhook-id'] ?? '');
}

/** A receiver name no other test uses: the receivers server is shared by every test file. */
let counter = 0;
export const uniqueName = (label: string) => `${label}-${Date.now().toString(36)}-${counter++}`;

/** A signed webhook channel on a fresh local receiver, and what it accepted. */
export async function webhookReceiver(label: string, events?: string[], id = `hook-${label}`) {
  const name = uniqueName(label);
  await controlReceiver('webhook', name, { secret: env.TEST_WEBHOOK_SECRET });
  const channel = {
    id,
    kind: 'webhook',
    url: `${receiversUrl}/webhook/${name}`,
    secret: '${{ secrets.TEST_WEBHOOK_SECRET }}',
    route: events ? { events } : {},
  };
  /** Event ids the receiver answered 2xx to, in arrival order (repeats included). */
  const accepted = async () => {
    const requests = (await receivedBy('webhook', name)).filter((r) => r.status !== null && r.status < 300);
    for (const r of requests) expect(r.verified).toBe(true);
    // The Standard Webhooks id: the event's id, the same on every attempt.
    return requests.map((r) => ({ id: r.headers['webhook-id'] ?? '', type: r.body.type as string }));
  };
  return { name, channel, accepted };
}

/**
 * A signed webhook channel (`hook`) and a PagerDuty channel (`pager`) on fresh receivers sharing
 * one name, routed to the given event types.
 */
export async function webhookAndPager(label: string, hookEvents: string[], pagerEvents: string[]) {
  const { name, channel } = await webhookReceiver(label, hookEvents, 'hook');
  return {
    name,
    list: [
      channel,
      {
        id: 'pager',
        kind: 'pagerduty',
        routing_key: '${{ secrets.TEST_PD_KEY }}',
        events_url: `${receiversUrl}/pagerduty/${name}/v2/enqueue`,
        route: { events: pagerEvents },
      },
    ],
  };
}
