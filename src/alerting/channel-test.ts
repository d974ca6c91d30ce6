/**
 * A test message through one channel, now: what `npm run alert:test` and
 * `POST /api/v1/channels/{id}/test` send. It bypasses the outbox (nothing is stored or retried):
 * the point is to see, at once, what the receiver answers.
 */
import type { ChannelConfig } from '../config/alerting-schema';
import type { EmailBinding } from '../email/providers';
import type { SecretLookup } from '../probes/templates';
import { deliverToChannel } from './channels';
import type { AlertEvent } from './events';
import { resolveChannel } from './routing';

export interface ChannelTestDeps {
  secrets: SecretLookup;
  fetch: typeof fetch;
  emailBinding?: (name: string) => EmailBinding | undefined;
  now: number;
  statusPageUrl: string | null;
  timeoutMs?: number;
}

export interface ChannelTestOutcome {
  channel: string;
  kind: string;
  event_id: string;
  /** The receiver took it (2xx, or the email binding accepted it). */
  delivered: boolean;
  /** The receiver's HTTP status; null for the email binding or when no answer came. */
  status: number | null;
  /** Why it failed without an answer (timeout, a missing secret, the binding's refusal). */
  error: string | null;
  /** What the receiver answered (up to 16 KiB). */
  answer: string | null;
}

/**
 * A plausible alert that says it is a test: an incident opening, so every channel shows all it
 * can (cause, explanation, hint, regions, the link back). Its ids are new each time, so
 * deduplicating receivers (PagerDuty, Opsgenie, Matrix) show every test.
 */
export function testEvent(channelId: string, now: number, statusPageUrl: string | null): AlertEvent {
  const stamp = now.toString(36);
  return {
    id: `evt_test_${channelId}_${stamp}`,
    type: 'incident.opened',
    occurredAt: now,
    severity: 'info',
    summary: `Test alert from Lookout to channel "${channelId}": if you read this, the channel works.`,
    monitor: { id: 'lookout-test', name: 'Lookout test alert', group: null },
    incident: {
      id: `inc_test_${channelId}_${stamp}`,
      cause: 'lookout.test',
      explanation: 'A test message sent on request (npm run alert:test), not an incident.',
      hint: 'Nothing to do: this channel is configured correctly.',
      regions: [],
      startedAt: now,
      resolvedAt: null,
      durationS: null,
      previousCause: null,
      dependents: [],
    },
    finding: null,
    statusPageUrl: statusPageUrl ? new URL('/', statusPageUrl).toString() : null,
  };
}

export async function testChannel(config: ChannelConfig, deps: ChannelTestDeps): Promise<ChannelTestOutcome> {
  const event = testEvent(config.id, deps.now, deps.statusPageUrl);
  const outcome = { channel: config.id, kind: config.kind, event_id: event.id };
  try {
    const result = await deliverToChannel(
      resolveChannel(config, deps.secrets),
      event,
      {
        fetch: deps.fetch,
        ...(deps.emailBinding ? { emailBinding: deps.emailBinding } : {}),
        timeoutMs: deps.timeoutMs ?? 10_000,
        nowS: Math.floor(Date.now() / 1000),
      },
      true,
    );
    return {
      ...outcome,
      delivered: result.ok,
      status: result.status,
      error: result.error,
      answer: result.answer ?? null,
    };
  } catch (error) {
    // A secret that is not set, or a malformed webhook secret: said, never the value.
    const message = error instanceof Error ? error.message : String(error);
    return { ...outcome, delivered: false, status: null, error: message, answer: null };
  }
}
