import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { controlReceiver, receivedBy, receiversUrl, uniqueName } from './receivers-client';

/**
 * What a fault scenario measured. `npm run bench:faults` collects these rows (the `[fault]` lines
 * the scenarios print) into its report; the tests assert on the same figures.
 */
export interface FaultRow {
  scenario: string;
  ticks: number;
  results_expected: number;
  results_stored: number;
  incidents_opened: number;
  /** Distinct events each receiver accepted. */
  events_sent: Record<string, number>;
  /** Events a receiver accepted more than once with the same id (before any dedupe on its side). */
  redeliveries: number;
  /** Events acted on twice: accepted twice after deduping on the event id (must be 0). */
  duplicates: number;
  /** Events or results that should exist and do not (must be 0). */
  losses: number;
  [extra: string]: unknown;
}

export function reportFault(row: FaultRow): FaultRow {
  console.log(`[fault] ${JSON.stringify(row)}`);
  return row;
}

/** A signed webhook channel on a fresh local receiver, and what it accepted. */
export async function webhookReceiver(label: string, events?: string[]) {
  const name = uniqueName(label);
  await controlReceiver('webhook', name, { secret: env.TEST_WEBHOOK_SECRET });
  const channel = {
    id: `hook-${label}`,
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

/** Redeliveries and losses of what a receiver accepted against the event ids it should have. */
export function tallyEvents(accepted: { id: string }[], expectedIds: readonly string[]) {
  const ids = accepted.map((a) => a.id);
  const distinct = new Set(ids);
  return {
    sent: distinct.size,
    redeliveries: ids.length - distinct.size,
    losses: expectedIds.filter((id) => !distinct.has(id)).length,
  };
}
