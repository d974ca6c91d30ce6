import { z } from 'zod';
import { durationMs } from '../config/duration';
import type { LanguageTag } from '../i18n/registry';

/**
 * `subscribers:` in lookout.yaml: people and systems that follow the public status page by email or
 * webhook. Subscriber mail goes out through an email channel's provider and `from` (`via`); the
 * confirm and unsubscribe links are HMACs keyed with `key`, so no token is ever stored.
 */
export const subscribersSchema = z
  .object({
    via: z
      .string()
      .optional()
      .describe(
        'The id of an email channel whose provider and from address send subscriber mail; without it, no email sign-ups',
      ),
    webhooks: z.boolean().default(false).describe('Whether webhook URLs may subscribe (default false)'),
    confirm_within: durationMs
      .default(24 * 3_600_000)
      .describe('How long a sign-up waits for its confirmation before it is deleted (default 24h)'),
    key: z
      .string()
      .regex(
        /^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/,
        'expected a secret reference such as ${{ secrets.SUBSCRIBE_KEY }}',
      )
      .describe('Signs confirm and unsubscribe links (HMAC): a secret of 32 random bytes or more'),
  })
  .strict()
  .describe('Status page subscriptions by email or webhook');

export type SubscribersConfig = z.output<typeof subscribersSchema>;

/** What the Worker runs with: the config, and the public URL the links in mail point to. */
export interface SubscriberSettings {
  via: string | null;
  webhooks: boolean;
  confirmWithinMs: number;
  /** The secret reference of the signing key, resolved at use. */
  key: string;
  /** The status page's public URL (status_page.url): the base of every link sent out. */
  publicUrl: string;
  /** The status page's title (status_page.title), as mail names the sender. */
  pageTitle: string;
  /** Mail to a subscriber whose language is unknown (imported): the page's set or default language. */
  language: LanguageTag;
}

/** Config-file checks that span sections: `via` names an email channel, links need a public URL. */
export function checkSubscribers(
  file: {
    subscribers?: SubscribersConfig | undefined;
    channels: { id: string; kind: string }[];
    status_page: { url?: string | undefined };
  },
  ctx: z.RefinementCtx,
): void {
  const settings = file.subscribers;
  if (!settings) return;
  if (settings.via !== undefined) {
    const channel = file.channels.find((c) => c.id === settings.via);
    if (channel?.kind !== 'email')
      ctx.addIssue({
        code: 'custom',
        path: ['subscribers', 'via'],
        message: `no email channel has the id "${settings.via}"`,
      });
  }
  if (settings.via === undefined && !settings.webhooks)
    ctx.addIssue({
      code: 'custom',
      path: ['subscribers'],
      message: 'set via (an email channel) or webhooks: true, or nobody can subscribe',
    });
  if (!file.status_page.url)
    ctx.addIssue({
      code: 'custom',
      path: ['status_page', 'url'],
      message: 'subscribers need status_page.url: confirm and unsubscribe links point there',
    });
}

export function subscriberSettings(file: {
  subscribers?: SubscribersConfig | undefined;
  status_page: {
    url?: string | undefined;
    title: string;
    language?: 'auto' | LanguageTag | undefined;
    default_language?: LanguageTag | undefined;
  };
}): SubscriberSettings | null {
  const page = file.status_page;
  const s = file.subscribers;
  if (!s || !file.status_page.url) return null;
  return {
    via: s.via ?? null,
    webhooks: s.webhooks,
    confirmWithinMs: s.confirm_within,
    key: s.key,
    publicUrl: file.status_page.url,
    pageTitle: file.status_page.title,
    language: page.language && page.language !== 'auto' ? page.language : (page.default_language ?? 'en'),
  };
}
