/**
 * Sending to subscribers: notices and sign-up confirmations from the outbox (one row per subscriber
 * and event), and the webhook confirmation sent when a URL signs up. Mail goes through the provider
 * and `from` of the email channel named by `subscribers.via`; webhooks are signed per Standard
 * Webhooks with a secret derived from the key and the subscriber's id.
 */
import { deliverDue, SUBSCRIBER_CHANNEL_PREFIX, type DeliveryStats } from '../alerting/outbox';
import {
  sendChannelRequest,
  signWebhook,
  USER_AGENT,
  type CloudflareEmailChannel,
  type ResendEmailChannel,
  type SendResult,
} from '../alerting/channels';
import { resolveChannel } from '../alerting/routing';
import type { ChannelConfig } from '../config/alerting-schema';
import type { Database } from '../db/client';
import type { EmailContent } from '../email/message';
import { matchLanguage } from '../i18n/negotiate';
import { translator, type Translator } from '../i18n/translator';
import { resendRequest, sendWithBinding, type EmailBinding } from '../email/providers';
import { readCapped } from '../probes/read-body';
import { resolveTemplate, type SecretLookup } from '../probes/templates';
import type { SubscriberSettings } from './config';
import { confirmationUnneeded, isConfirmation, type ConfirmationRequest } from './confirmations';
import { confirmationEmail, noticeEmail, noticePayload } from './messages';
import type { SubscriberEvent } from './notices';
import { findSubscriber, type SubscriberRow } from './store';
import { signGrant, webhookSecretOf } from './tokens';

export interface SubscriberTransport {
  settings: SubscriberSettings;
  channels: readonly ChannelConfig[];
  secrets: SecretLookup;
  fetch: typeof fetch;
  emailBinding?: ((name: string) => EmailBinding | undefined) | undefined;
  timeoutMs: number;
}

/** The signing key, read at use. Throws MissingValueError when the secret is unset. */
export const signingKey = (t: Pick<SubscriberTransport, 'settings' | 'secrets'>) =>
  resolveTemplate(t.settings.key, { secrets: t.secrets, vars: {}, used: new Set() });

/** A page link with its token; `language`, for links in mail, opens the page in the mail's language. */
export const pageLink = (settings: SubscriberSettings, path: string, token?: string, language?: string) => {
  const url = new URL(path, settings.publicUrl);
  if (token !== undefined) url.searchParams.set('token', token);
  if (language !== undefined) url.searchParams.set('lang', language);
  return url.toString();
};

export async function unsubscribeUrl(
  t: SubscriberTransport,
  subscriberId: string,
  language?: string,
): Promise<string> {
  return pageLink(
    t.settings,
    '/unsubscribe',
    await signGrant(signingKey(t), { a: 'unsubscribe', s: subscriberId }),
    language,
  );
}

/** The email channel that sends subscriber mail, its secrets resolved; null when none is configured. */
function mailChannel(t: SubscriberTransport): ResendEmailChannel | CloudflareEmailChannel | null {
  const config = t.channels.find((c) => c.id === t.settings.via);
  if (config?.kind !== 'email') return null;
  const channel = resolveChannel(config, t.secrets);
  return channel.kind === 'email' ? channel : null;
}

const failed = (error: string): SendResult => ({ ok: false, status: null, retryAfterS: null, error });

/**
 * Sends one mail through the subscriber channel. The idempotency key names the event and the
 * subscriber: one event is a different mail to each subscriber.
 */
export async function sendMail(
  t: SubscriberTransport,
  build: (from: string) => EmailContent,
  idempotencyKey: string,
): Promise<SendResult> {
  const channel = mailChannel(t);
  if (!channel) return failed('subscribers.via names no email channel');
  const mail = build(channel.from);
  if (channel.provider === 'cloudflare') {
    const binding = t.emailBinding?.(channel.binding);
    if (!binding) return failed(`no send_email binding named ${channel.binding}`);
    const outcome = await sendWithBinding(binding, mail);
    return outcome.ok ? { ok: true, status: null, retryAfterS: null, error: null } : failed(outcome.error);
  }
  const request = resendRequest(channel.apiUrl, channel.apiKey, mail, idempotencyKey);
  return sendChannelRequest(
    t.fetch,
    { ...request, headers: { ...request.headers, 'user-agent': USER_AGENT } },
    t.timeoutMs,
  );
}

/** A signed JSON POST to a webhook subscriber; `keepAnswer` reads up to 4 KiB of the answer. */
export async function postWebhook(
  t: SubscriberTransport,
  subscriberId: string,
  url: string,
  messageId: string,
  payload: unknown,
  keepAnswer = false,
): Promise<SendResult & { answer?: string }> {
  const body = JSON.stringify(payload);
  const timestampS = Math.floor(Date.now() / 1000);
  const signature = await signWebhook(
    await webhookSecretOf(signingKey(t), subscriberId),
    messageId,
    timestampS,
    body,
  );
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), t.timeoutMs);
  try {
    const response = await t.fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': messageId,
        'webhook-timestamp': String(timestampS),
        'webhook-signature': signature,
      },
      body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const answer = keepAnswer
      ? (await readCapped(response.body, 4096).catch(() => ({ text: '' }))).text
      : (await response.body?.cancel(), '');
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, retryAfterS: null, error: null, answer };
  } catch (error) {
    return failed(
      controller.signal.aborted ? 'timeout' : error instanceof Error ? error.message : String(error),
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The outbox's sender for `subscriber:<id>` rows: notices to an active subscriber, the sign-up
 * confirmation to a pending one (or an active one changing its groups). Null when the subscriber
 * is gone (unsubscribed, removed), a reason when a confirmation is no longer wanted: the row is
 * dead, never sent. Throws only when the key or a credential is unset (the outbox retries, in case
 * it gets set). `clock` is the real time a confirm link's expiry is measured on.
 */
export function subscriberSender(db: Database, t: SubscriberTransport, clock: () => number = Date.now) {
  return async (
    subscriberId: string,
    event: SubscriberEvent | ConfirmationRequest,
  ): Promise<SendResult | string | null> => {
    const subscriber = await findSubscriber(db, subscriberId);
    if (isConfirmation(event)) {
      const unneeded = confirmationUnneeded(event, subscriber, clock());
      if (unneeded !== null || subscriber === null) return unneeded;
      return sendConfirmation(t, subscriber, event);
    }
    if (!subscriber || subscriber.status !== 'active') return null;
    if (subscriber.kind === 'webhook') {
      const unsubscribe = await unsubscribeUrl(t, subscriber.id);
      return postWebhook(t, subscriber.id, subscriber.address, event.id, noticePayload(event, unsubscribe));
    }
    const tr = mailTranslator(subscriber.language, t.settings);
    const unsubscribe = await unsubscribeUrl(t, subscriber.id, tr.tag);
    const result = await sendMail(
      t,
      (from) =>
        noticeEmail(event, tr, {
          from,
          to: subscriber.address,
          pageTitle: t.settings.pageTitle,
          pageUrl: t.settings.publicUrl,
          unsubscribeUrl: unsubscribe,
        }),
      `${event.id}:${subscriber.id}`,
    );
    return withoutAddress(result, subscriber.address);
  };
}

/**
 * The double opt-in mail, its link signed now from what the row holds: the same token on every
 * attempt (HMAC of the same payload), and the same idempotency key, so Resend keeps one.
 */
async function sendConfirmation(
  t: SubscriberTransport,
  subscriber: SubscriberRow,
  request: ConfirmationRequest,
): Promise<SendResult | string> {
  // A webhook confirms by answering a challenge at sign-up (src/routes/status/subscribe.tsx).
  if (subscriber.kind !== 'email') return 'webhook subscribers confirm by their challenge, not by mail';
  const token = await signGrant(signingKey(t), {
    a: 'confirm',
    s: subscriber.id,
    g: request.groups,
    x: request.expiresAt,
  });
  const tr = mailTranslator(request.language, t.settings);
  const result = await sendMail(
    t,
    (from) =>
      confirmationEmail(tr, {
        from,
        to: subscriber.address,
        pageTitle: t.settings.pageTitle,
        pageUrl: t.settings.publicUrl,
        confirmUrl: pageLink(t.settings, '/subscribe/confirm', token, tr.tag),
        expiresAt: request.expiresAt,
      }),
    `${request.id}:${subscriber.id}`,
  );
  return withoutAddress(result, subscriber.address);
}

/** The outbox keeps the error, and the read API shows it: never with the address in it. */
const withoutAddress = (result: SendResult, address: string): SendResult =>
  result.error === null ? result : { ...result, error: result.error.replaceAll(address, '[subscriber]') };

/**
 * Delivers one subscriber's due rows now, through the outbox (claims, outcomes, backoff): how a
 * sign-up sends its confirmation at once. What fails here is retried by the tick's delivery phase.
 */
export function deliverToSubscriber(
  db: Database,
  t: SubscriberTransport,
  subscriberId: string,
  now = Date.now(),
): Promise<DeliveryStats> {
  return deliverDue({
    db,
    channels: t.channels,
    secrets: t.secrets,
    fetch: t.fetch,
    ...(t.emailBinding ? { emailBinding: t.emailBinding } : {}),
    now,
    timeoutMs: t.timeoutMs,
    subscribers: subscriberSender(db, t),
    channel: `${SUBSCRIBER_CHANNEL_PREFIX}${subscriberId}`,
  });
}

/** The subscriber's language (the sign-up page's); unknown or none, the page's default. */
export function mailTranslator(language: string | null, settings: SubscriberSettings): Translator {
  return translator((language === null ? null : matchLanguage(language)) ?? settings.language);
}
