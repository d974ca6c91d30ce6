/**
 * Alert channels: a pure builder per channel turns an event into one HTTP request, and one small
 * sender delivers it. Retries, backoff and bookkeeping belong to the outbox, not here.
 */
import type { AlertEvent } from '../events';
import { classifyNetworkError } from '../../probes/network-error';
import { readCapped } from '../../probes/read-body';
import { discordMessage } from './discord';
import { pagerDutyEvent } from './pagerduty';
import { slackMessage } from './slack';
import type { Channel, ChannelRequest } from './types';
import { signWebhook, webhookPayload } from './webhook';

export type * from './types';
export { PAGERDUTY_EVENTS_URL } from './types';
export { slackMessage } from './slack';
export { discordMessage } from './discord';
export { pagerDutyDedupKey, pagerDutyEvent } from './pagerduty';
export { signWebhook, webhookPayload } from './webhook';

export const USER_AGENT = 'Lookout/0.1';

/** Enough of a receiver's answer to free the connection; the rest is not read. */
const BODY_READ_LIMIT = 16 * 1024;

/**
 * The request that delivers `event` to `channel`. `nowS` is the send time, signed into webhook
 * requests (receivers reject stale timestamps), so each attempt is built anew with the same
 * event id. Rejects only on a malformed webhook secret.
 */
export async function buildChannelRequest(
  channel: Channel,
  event: AlertEvent,
  nowS: number,
): Promise<ChannelRequest> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT };
  const post = (url: string, payload: unknown): ChannelRequest => ({
    url,
    method: 'POST',
    headers,
    body: JSON.stringify(payload),
  });
  switch (channel.kind) {
    case 'slack':
      return post(channel.webhookUrl, slackMessage(event));
    case 'discord':
      return post(channel.webhookUrl, discordMessage(event));
    case 'pagerduty':
      return post(channel.eventsUrl, pagerDutyEvent(event, channel.routingKey));
    case 'webhook': {
      const request = post(channel.url, webhookPayload(event));
      const timestampS = Math.floor(nowS);
      request.headers = {
        ...headers,
        'webhook-id': event.id,
        'webhook-timestamp': String(timestampS),
        'webhook-signature': await signWebhook(channel.secret, event.id, timestampS, request.body),
      };
      return request;
    }
    default:
      return assertNever(channel);
  }
}

export interface SendResult {
  /** A 2xx answer: delivered. */
  ok: boolean;
  /** The status answered, or null when no answer came (timeout, refused, ...). */
  status: number | null;
  /** `Retry-After` in seconds from now, when the receiver sent one. */
  retryAfterS: number | null;
  /** Why no answer came ("timeout", "connection refused", ...); null when the receiver answered. */
  error: string | null;
}

/**
 * Sends one request with one timeout for the whole exchange. Never throws: every outcome is a
 * result the outbox can store. Redirects are not followed: a POST redirected would become a GET,
 * and a receiver that moved should be reconfigured, not guessed at.
 */
export async function sendChannelRequest(
  fetcher: typeof fetch,
  request: ChannelRequest,
  timeoutMs: number,
): Promise<SendResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetcher(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch (error) {
      return { ok: false, status: null, retryAfterS: null, error: describeSendError(error, timedOut) };
    }
    const retryAfterS = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    try {
      await readCapped(response.body, BODY_READ_LIMIT);
    } catch {
      // The status has been answered, and it is what counts: a body cut short changes nothing.
    }
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, retryAfterS, error: null };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `Retry-After` as seconds from `nowMs`: delay-seconds, or an HTTP-date (never negative).
 * Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // Every HTTP-date form names its month; this keeps Date.parse from reading "1.5" as a year.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function describeSendError(error: unknown, timedOut: boolean): string {
  if (timedOut) return 'timeout';
  const failure = classifyNetworkError(error, 0);
  switch (failure.cause) {
    case 'net.timeout':
      return 'timeout';
    case 'net.refused':
      return 'connection refused';
    case 'net.dns':
      return 'dns failure';
    default:
      return failure.detail;
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown channel kind: ${JSON.stringify(value)}`);
}
