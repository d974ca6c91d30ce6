/**
 * Confirm and unsubscribe links carry a capability: what it allows (confirm these groups, or
 * unsubscribe), for which subscriber, signed with HMAC-SHA256 under the `subscribers.key` secret.
 * Nothing is stored: a token is checked by signing its payload again. A confirm token expires with
 * the sign-up; an unsubscribe token lasts as long as its subscriber (a new sign-up is a new id).
 */
import { z } from 'zod';

const confirmPayload = z.object({
  a: z.literal('confirm'),
  /** Subscriber id. */
  s: z.string().max(64),
  /** The groups chosen at sign-up; null for every public monitor. */
  g: z.array(z.string().max(200)).max(100).nullable(),
  /** Expiry, epoch ms. */
  x: z.number().int(),
});
const unsubscribePayload = z.object({ a: z.literal('unsubscribe'), s: z.string().max(64) });
const payloadSchema = z.discriminatedUnion('a', [confirmPayload, unsubscribePayload]);

export type ConfirmGrant = z.output<typeof confirmPayload>;
export type UnsubscribeGrant = z.output<typeof unsubscribePayload>;
export type Grant = z.output<typeof payloadSchema>;

/** Tokens longer than this are refused before any work (a link, not a payload). */
const TOKEN_MAX = 4096;

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

export async function signGrant(secret: string, grant: Grant): Promise<string> {
  const body = base64url(new TextEncoder().encode(JSON.stringify(grant)));
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(body));
  return `${body}.${base64url(new Uint8Array(mac))}`;
}

/**
 * The grant a token holds, or null when it is malformed, forged, or (confirm) expired. The MAC is
 * checked with `crypto.subtle.verify`, in constant time.
 */
export async function readGrant(secret: string, token: string, now: number): Promise<Grant | null> {
  if (token.length > TOKEN_MAX) return null;
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const macBytes = fromBase64url(mac);
  const bodyBytes = fromBase64url(body);
  if (!macBytes || !bodyBytes) return null;
  const valid = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret),
    macBytes,
    new TextEncoder().encode(body),
  );
  if (!valid) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bodyBytes));
  } catch {
    return null;
  }
  const grant = payloadSchema.safeParse(parsed);
  if (!grant.success) return null;
  if (grant.data.a === 'confirm' && grant.data.x <= now) return null;
  return grant.data;
}

/**
 * The Standard Webhooks secret of a webhook subscriber, derived from the key and its id (so it is
 * never stored either): "whsec_" + base64 of HMAC(key, "webhook:" + id).
 */
export async function webhookSecretOf(secret: string, subscriberId: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    new TextEncoder().encode(`webhook:${subscriberId}`),
  );
  return `whsec_${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
