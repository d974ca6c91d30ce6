/**
 * Alert channels: a pure builder per channel turns an event into one HTTP request, and one small
 * sender delivers it; email through Cloudflare's binding is a method call instead, and
 * deliverToChannel picks the transport. Retries, backoff and bookkeeping belong to the outbox.
 */
import type { AlertEvent } from '../events';
import { resendRequest, sendWithBinding, type EmailBinding } from '../../email/providers';
import { classifyNetworkError } from '../../probes/network-error';
import { readCapped } from '../../probes/read-body';
import { discordMessage } from './discord';
import { alertEmail } from './email';
import { googleChatMessage } from './google-chat';
import { matrixMessage, matrixUrl } from './matrix';
import { mattermostMessage } from './mattermost';
import { ntfyMessage } from './ntfy';
import { opsgenieRequest } from './opsgenie';
import { pagerDutyEvent } from './pagerduty';
import { pushoverMessage } from './pushover';
import { slackMessage } from './slack';
import { teamsMessage } from './teams';
import { telegramMessage, telegramUrl } from './telegram';
import type { Channel, ChannelRequest, ResolvedChannel } from './types';
import { signWebhook, webhookPayload } from './webhook';

export type * from './types';
export { PAGERDUTY_EVENTS_URL } from './types';
export { slackMessage } from './slack';
export { discordMessage } from './discord';
export { pagerDutyDedupKey, pagerDutyEvent } from './pagerduty';
export { signWebhook, webhookPayload } from './webhook';
export { telegramMessage } from './telegram';
export { teamsMessage } from './teams';
export { googleChatMessage } from './google-chat';
export { mattermostMessage } from './mattermost';
export { opsgenieRequest } from './opsgenie';
export { ntfyMessage } from './ntfy';
export { pushoverMessage } from './pushover';
export { matrixMessage } from './matrix';
export { alertEmail } from './email';

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
    case 'telegram':
      return post(
        telegramUrl(channel.apiUrl, channel.botToken),
        telegramMessage(event, channel.chatId, channel.threadId),
      );
    case 'teams':
      return post(channel.webhookUrl, teamsMessage(event));
    case 'google_chat':
      return post(channel.webhookUrl, googleChatMessage(event));
    case 'mattermost':
      return post(channel.webhookUrl, mattermostMessage(event));
    case 'opsgenie': {
      const { path, body } = opsgenieRequest(event, channel.tags);
      const request = post(`${channel.apiUrl.replace(/\/+$/, '')}${path}`, body);
      request.headers = { ...headers, authorization: `GenieKey ${channel.apiKey}` };
      return request;
    }
    case 'ntfy': {
      // JSON publishing goes to the server's root; the topic is in the body.
      const request = post(`${channel.serverUrl.replace(/\/+$/, '')}/`, ntfyMessage(event, channel.topic));
      if (channel.token) request.headers = { ...headers, authorization: `Bearer ${channel.token}` };
      return request;
    }
    case 'pushover':
      return post(
        `${channel.apiUrl.replace(/\/+$/, '')}/1/messages.json`,
        pushoverMessage(event, channel.token, channel.user, channel.device),
      );
    case 'matrix':
      return {
        url: matrixUrl(channel.homeserverUrl, channel.roomId, event.id),
        method: 'PUT',
        headers: { ...headers, authorization: `Bearer ${channel.accessToken}` },
        body: JSON.stringify(matrixMessage(event)),
      };
    case 'email': {
      const request = resendRequest(
        channel.apiUrl,
        channel.apiKey,
        alertEmail(event, channel.from, channel.to),
        event.id,
      );
      return { ...request, headers: { ...request.headers, 'user-agent': USER_AGENT } };
    }
    default:
      return assertNever(channel);
  }
}

/** What sending needs besides the message: the network, and the email bindings by name. */
export interface ChannelTransport {
  fetch: typeof fetch;
  /** The Worker's `send_email` binding of that name, if there is one. */
  emailBinding?: (name: string) => EmailBinding | undefined;
  timeoutMs: number;
  /** The send time in epoch seconds, signed into webhook requests. */
  nowS: number;
}

/**
 * Delivers `event` to any channel: one HTTP request, or a call on an email binding. Never throws
 * for a send that failed; rejects only when the request cannot be built (a malformed secret).
 * `keepAnswer` keeps the receiver's answer (up to 16 KiB) for `alert:test` to print.
 */
export async function deliverToChannel(
  channel: ResolvedChannel,
  event: AlertEvent,
  transport: ChannelTransport,
  keepAnswer = false,
): Promise<SendResult> {
  if (channel.kind === 'email' && channel.provider === 'cloudflare') {
    const binding = transport.emailBinding?.(channel.binding);
    // Not an answer from anyone: retried like a network error, in case the binding gets added.
    if (!binding) return failed(`no send_email binding named ${channel.binding}`);
    const outcome = await sendWithBinding(binding, alertEmail(event, channel.from, channel.to));
    if (!outcome.ok) return failed(outcome.error);
    const result: SendResult = { ok: true, status: null, retryAfterS: null, error: null };
    if (keepAnswer) result.answer = JSON.stringify({ messageId: outcome.messageId });
    return result;
  }
  const request = await buildChannelRequest(channel, event, transport.nowS);
  return exchange(transport.fetch, request, transport.timeoutMs, keepAnswer);
}

const failed = (error: string): SendResult => ({ ok: false, status: null, retryAfterS: null, error });

export interface SendResult {
  /** A 2xx answer: delivered. */
  ok: boolean;
  /** The status answered, or null when no answer came (timeout, refused, ...). */
  status: number | null;
  /** `Retry-After` in seconds from now, when the receiver sent one. */
  retryAfterS: number | null;
  /** Why no answer came ("timeout", "connection refused", ...); null when the receiver answered. */
  error: string | null;
  /** The receiver's answer, only when asked for (deliverToChannel's `keepAnswer`). */
  answer?: string;
}

/**
 * Sends one request with one timeout for the whole exchange. Never throws: every outcome is a
 * result the outbox can store. Redirects are not followed: a POST redirected would become a GET,
 * and a receiver that moved should be reconfigured, not guessed at.
 */
export function sendChannelRequest(
  fetcher: typeof fetch,
  request: ChannelRequest,
  timeoutMs: number,
): Promise<SendResult> {
  return exchange(fetcher, request, timeoutMs, false);
}

async function exchange(
  fetcher: typeof fetch,
  request: ChannelRequest,
  timeoutMs: number,
  keepAnswer: boolean,
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
    let answer = '';
    try {
      answer = (await readCapped(response.body, BODY_READ_LIMIT)).text;
    } catch {
      // The status has been answered, and it is what counts: a body cut short changes nothing.
    }
    const ok = response.status >= 200 && response.status < 300;
    const result: SendResult = { ok, status: response.status, retryAfterS, error: null };
    if (keepAnswer) result.answer = answer;
    return result;
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
