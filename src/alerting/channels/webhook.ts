/**
 * Generic webhooks signed per Standard Webhooks (https://www.standardwebhooks.com), so receivers
 * can verify them with any of that specification's libraries.
 */
import type { AlertEvent, AlertEventType } from '../events';

const SECRET_PREFIX = 'whsec_';

export interface WebhookPayload {
  type: AlertEventType;
  /** When the event occurred, ISO 8601. */
  timestamp: string;
  /** The whole event: it holds no secrets (channel configs and credentials never enter it). */
  data: AlertEvent;
}

export function webhookPayload(event: AlertEvent): WebhookPayload {
  return { type: event.type, timestamp: new Date(event.occurredAt).toISOString(), data: event };
}

/**
 * `v1,` + base64 HMAC-SHA256 of "{id}.{timestamp}.{body}", keyed with the base64-decoded part of
 * the secret after `whsec_` (a secret without the prefix is decoded whole, as the reference
 * libraries do). Throws on a secret that is not base64.
 */
export async function signWebhook(
  secret: string,
  id: string,
  timestampS: number,
  body: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    webhookSecretKey(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestampS}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/** The raw key bytes of a `whsec_` secret. */
export function webhookSecretKey(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  let binary: string;
  try {
    binary = atob(encoded);
  } catch {
    throw new Error('webhook secret is not valid base64 (expected "whsec_" + base64)');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}
