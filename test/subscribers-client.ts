import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createApp } from '../src/app';
import type { LoadedConfig } from '../src/config/monitor';
import { receivedBy, receiversUrl } from './receivers-client';

/**
 * What the subscriber tests share: a config whose subscriber mail goes through a Resend stand-in,
 * requests to the app with that config, sign-up form posts, and the mail the stand-in received.
 */
export const PAGE = 'https://status.example.test';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** A config with the subscriber mail going through a Resend stand-in named `name`. */
export function subscribersFile(name: string, monitors: unknown[], extra: Record<string, unknown> = {}) {
  return {
    regions: ['weur', 'enam', 'apac'],
    status_page: { url: PAGE, title: 'Acme status' },
    channels: [
      {
        id: 'mail',
        kind: 'email',
        provider: 'resend',
        api_url: `${receiversUrl}/resend/${name}`,
        api_key: '${{ secrets.TEST_RESEND_KEY }}',
        from: 'Acme status <status@example.com>',
        to: ['team@example.com'],
        // The team's own alerts are not what these tests read.
        route: { events: ['lookout.tick_missed'] },
      },
    ],
    subscribers: { via: 'mail', webhooks: true, key: '${{ secrets.TEST_SUBSCRIBE_KEY }}' },
    monitors,
    ...extra,
  };
}

/** Client addresses of their own (one prefix per test file), so one test's sign-up limit never reaches another. */
export function addresses(prefix: string) {
  let n = 0;
  return () => `${prefix}.${++n}`;
}

export async function call(config: LoadedConfig, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const response = await createApp(() => Promise.resolve(config)).request(`${PAGE}${path}`, init, env, ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, headers: response.headers, text };
}

/** The sign-up form posted from client address `ip`. */
export function formPost(fields: Record<string, string | string[]>, ip: string): RequestInit {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip },
    body: body.toString(),
  };
}

/** The mail the Resend stand-in `name` accepted for `address`, with each send's idempotency key. */
export async function mailsTo(name: string, address: string): Promise<(Mail & { idempotencyKey: string })[]> {
  return (await receivedBy('resend', name))
    .filter((r) => r.status === 200 && (r.body.to as string[]).includes(address))
    .map((r) => ({ ...(r.body as unknown as Mail), idempotencyKey: r.headers['idempotency-key'] ?? '' }));
}

export const pathOf = (url: string) => url.slice(PAGE.length);

export const confirmLink = (mail: Mail | undefined) =>
  /https:\/\/status\.example\.test\/subscribe\/confirm\?token=[A-Za-z0-9_.-]+(?:&lang=[A-Za-z-]+)?/.exec(
    mail?.text ?? '',
  )?.[0] ?? '';
