import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { bundledConfig } from '../../config/bundled';
import type { LoadedConfig } from '../../config/monitor';
import { emailBindingsFrom } from '../../email/providers';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { parseInput } from '../../lib/validate';
import { MissingValueError, secretsFromEnv } from '../../probes/templates';
import type { SubscriberSettings } from '../../subscribers/config';
import { emailAddress, signUpForm, webhookUrl } from '../../subscribers/input';
import { enqueueConfirmation } from '../../subscribers/confirmations';
import {
  deliverToSubscriber,
  pageLink,
  postWebhook,
  signingKey,
  unsubscribeUrl,
  type SubscriberTransport,
} from '../../subscribers/send';
import { confirm, remove, signUp, type SubscriberKind } from '../../subscribers/store';
import { readGrant, signGrant, webhookSecretOf } from '../../subscribers/tokens';
import { addressKey, rateLimit } from '../limits';
import { pageTranslator } from './language';
import type { Translator } from '../../i18n/translator';
import { Layout, sendPage } from './layout';
import { SUBSCRIBE_STYLES, SubscribeForm } from './subscribe-form';
import { publicGroups } from '../../subscribers/groups';

type Config = Pick<LoadedConfig, 'subscribers' | 'channels' | 'page'>;

const signUpLimit = rateLimit('SUBSCRIBE_LIMITER', addressKey);

/**
 * Status page subscriptions, without JavaScript: the sign-up form and its answer, the confirm
 * link (GET shows a button that POSTs, so mail scanners that follow links confirm nothing), and
 * unsubscribe (a page, and RFC 8058 one-click POST from mail clients). The links' tokens are the
 * capability; the sign-up form needs none and is rate-limited per client address. Every answer
 * to a sign-up is the same, subscribed before or not: the page never tells who is subscribed.
 */
export function subscribeRoutes(config: () => Promise<Config> = bundledConfig) {
  return new Hono<AppEnv>()
    .get('/subscribe', async (c) => {
      const { settings, page } = await enabled(config);
      const groups = await publicGroups(c.var.db, page.groups);
      const tr = await pageTranslator(c);
      return render(c, page, tr, tr.t('subscribe.heading'), [
        <SubscribeForm groups={groups} email={settings.via !== null} webhooks={settings.webhooks} tr={tr} />,
      ]);
    })
    .post('/subscribe', signUpLimit, async (c) => {
      const loaded = await enabled(config);
      const { settings, page } = loaded;
      const form = parseInput(signUpForm, await c.req.parseBody({ all: true }).catch(() => ({})));
      const kind: SubscriberKind = form.kind;
      if (kind === 'email' && settings.via === null)
        throw new ApiError(
          422,
          'email_subscriptions_disabled',
          'This status page takes no email subscriptions.',
        );
      if (kind === 'webhook' && !settings.webhooks)
        throw new ApiError(
          422,
          'webhook_subscriptions_disabled',
          'This status page takes no webhook subscriptions.',
        );
      const address = parseInput(kind === 'email' ? emailAddress : webhookUrl, form.address);
      const groups = await chosenGroups(c, form.scope, form.groups, page);
      const transport = transportFor(c, loaded);
      const key = keyOf(transport);
      // The language of the page signed up on: its confirmation mail and later notices speak it.
      const tr = await pageTranslator(c);
      const now = Date.now();
      const { id, status } = await signUp(c.var.db, kind, address, now, tr.tag);
      if (kind === 'email') {
        // Written before the answer, so the mail is retried by the tick even if this invocation
        // ends; a repeat of the same sign-up enqueues nothing (src/subscribers/confirmations.ts).
        await enqueueConfirmation(c.var.db, {
          subscriberId: id,
          status,
          groups,
          language: tr.tag,
          now,
          confirmWithinMs: settings.confirmWithinMs,
        }).run();
        // After the answer: the page takes as long whether the address was known or not.
        later(c, sendConfirmationNow(c, transport, id));
      } else {
        const token = await signGrant(key, {
          a: 'confirm',
          s: id,
          g: groups,
          x: now + settings.confirmWithinMs,
        });
        later(c, confirmWebhook(c, transport, id, address, groups, token));
      }
      return render(c, page, tr, tr.t('subscribe.checkInbox'), [
        <h1>{tr.t(kind === 'email' ? 'subscribe.checkInbox' : 'subscribe.confirmHeading')}</h1>,
        <p>{tr.t(kind === 'email' ? 'subscribe.checkInboxText' : 'subscribe.checkWebhook')}</p>,
        <p>
          <a href={tr.link('/')}>{tr.t('monitor.back')}</a>
        </p>,
      ]);
    })
    .get('/subscribe/confirm', async (c) => {
      const loaded = await enabled(config);
      const token = c.req.query('token') ?? '';
      const grant = await readGrant(keyOf(transportFor(c, loaded)), token, Date.now());
      const tr = await pageTranslator(c);
      if (grant?.a !== 'confirm') return invalid(c, loaded.page, tr);
      return render(c, loaded.page, tr, tr.t('subscribe.confirmHeading'), [
        <h1>{tr.t('subscribe.confirmHeading')}</h1>,
        <p>{tr.t('subscribe.confirmText')}</p>,
        <form
          class="confirm"
          method="post"
          action={tr.link(`/subscribe/confirm?token=${encodeURIComponent(token)}`)}
        >
          <button type="submit">{tr.t('subscribe.confirmButton')}</button>
        </form>,
      ]);
    })
    .post('/subscribe/confirm', async (c) => {
      const loaded = await enabled(config);
      const transport = transportFor(c, loaded);
      const grant = await readGrant(keyOf(transport), await tokenOf(c), Date.now());
      const tr = await pageTranslator(c);
      if (grant?.a !== 'confirm' || !(await confirm(c.var.db, grant.s, grant.g, Date.now())))
        return invalid(c, loaded.page, tr);
      return render(c, loaded.page, tr, tr.t('subscribe.confirmedHeading'), [
        <h1>{tr.t('subscribe.confirmedHeading')}</h1>,
        <p>{tr.t('subscribe.confirmedText')}</p>,
        <p>
          <a href={await unsubscribeUrl(transport, grant.s)}>{tr.t('subscribe.unsubscribeButton')}</a> ·{' '}
          <a href={tr.link('/')}>{tr.t('monitor.back')}</a>
        </p>,
      ]);
    })
    .get('/unsubscribe', async (c) => {
      const loaded = await enabled(config);
      const token = c.req.query('token') ?? '';
      const grant = await readGrant(keyOf(transportFor(c, loaded)), token, Date.now());
      const tr = await pageTranslator(c);
      if (grant?.a !== 'unsubscribe') return invalid(c, loaded.page, tr);
      return render(c, loaded.page, tr, tr.t('subscribe.unsubscribeHeading'), [
        <h1>{tr.t('subscribe.unsubscribeHeading')}</h1>,
        <p>{tr.t('subscribe.unsubscribeText')}</p>,
        <form
          class="confirm"
          method="post"
          action={tr.link(`/unsubscribe?token=${encodeURIComponent(token)}`)}
        >
          <button type="submit">{tr.t('subscribe.unsubscribeButton')}</button>
        </form>,
      ]);
    })
    .post('/unsubscribe', async (c) => {
      const loaded = await enabled(config);
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const grant = await readGrant(keyOf(transportFor(c, loaded)), await tokenOf(c, body), Date.now());
      const oneClick = body['List-Unsubscribe'] === 'One-Click';
      if (grant?.a !== 'unsubscribe') {
        if (oneClick) throw new ApiError(400, 'invalid_token', 'The unsubscribe link is not valid.');
        return invalid(c, loaded.page, await pageTranslator(c));
      }
      // Gone already is fine: unsubscribing twice ends the same way.
      await remove(c.var.db, grant.s);
      // RFC 8058: the mail client posts on the reader's behalf and shows nothing; no page, no state.
      if (oneClick) return c.body(null, 200, { 'cache-control': 'no-store' });
      const tr = await pageTranslator(c);
      return render(c, loaded.page, tr, tr.t('subscribe.unsubscribedHeading'), [
        <h1>{tr.t('subscribe.unsubscribedHeading')}</h1>,
        <p>{tr.t('subscribe.unsubscribedText')}</p>,
        <p>
          <a href={tr.link('/')}>{tr.t('monitor.back')}</a>
        </p>,
      ]);
    });
}

export const subscribePages = subscribeRoutes();

async function enabled(config: () => Promise<Config>): Promise<Config & { settings: SubscriberSettings }> {
  const loaded = await config();
  if (!loaded.subscribers)
    throw new ApiError(404, 'subscriptions_disabled', 'This status page takes no subscriptions.');
  return { ...loaded, settings: loaded.subscribers };
}

function transportFor(
  c: Context<AppEnv>,
  loaded: Config & { settings: SubscriberSettings },
): SubscriberTransport {
  return {
    settings: loaded.settings,
    channels: loaded.channels,
    secrets: secretsFromEnv(c.env),
    fetch: (input, init) => fetch(input, init),
    emailBinding: emailBindingsFrom(c.env),
    timeoutMs: 5000,
  };
}

/** The signing key; unset, subscriptions are unavailable (503), not an internal error. */
function keyOf(transport: SubscriberTransport): string {
  try {
    return signingKey(transport);
  } catch (error) {
    if (!(error instanceof MissingValueError)) throw error;
    console.error('[lookout] subscribers: the signing key secret is not set');
    throw new ApiError(503, 'subscriptions_unavailable', 'Subscriptions are not available right now.');
  }
}

/** The token from the query (links), or from the form body. */
async function tokenOf(c: Context<AppEnv>, body?: Record<string, unknown>): Promise<string> {
  const fromQuery = c.req.query('token');
  if (fromQuery) return fromQuery;
  const form = body ?? (await c.req.parseBody().catch(() => ({}) as Record<string, unknown>));
  return typeof form.token === 'string' ? form.token : '';
}

/** The groups a sign-up chose, among the public monitors' groups; null for everything. */
async function chosenGroups(
  c: Context<AppEnv>,
  scope: 'all' | 'groups',
  wanted: string[],
  page: Config['page'],
): Promise<string[] | null> {
  if (scope === 'all') return null;
  const known = new Set(await publicGroups(c.var.db, page.groups));
  const groups = [...new Set(wanted)].filter((g) => known.has(g));
  if (groups.length === 0)
    throw new ApiError(422, 'validation_failed', 'Choose at least one group, or everything on the page.', {
      errors: [{ field: 'groups', message: 'no group of this page chosen' }],
    });
  return groups;
}

/**
 * The confirmation's first attempt, through the outbox: a failure is recorded on the row (the
 * provider's error, the address cut out) and retried with backoff by the tick's delivery phase.
 */
async function sendConfirmationNow(c: Context<AppEnv>, t: SubscriberTransport, id: string): Promise<void> {
  const stats = await deliverToSubscriber(c.var.db, t, id);
  if (stats.failed > 0)
    console.error('[lookout] subscribers: confirmation mail not sent yet; the outbox retries it');
}

/**
 * A webhook subscription is confirmed when its endpoint answers Lookout's signed confirmation
 * request with 2xx and the request's challenge in the body (as WebSub and Slack do): a URL that
 * answers 2xx to anything cannot be signed up by someone else. The request carries the signing
 * secret the endpoint verifies later notices with.
 */
async function confirmWebhook(
  c: Context<AppEnv>,
  t: SubscriberTransport,
  id: string,
  url: string,
  groups: string[] | null,
  token: string,
): Promise<void> {
  const key = signingKey(t);
  const challenge = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const result = await postWebhook(
    t,
    id,
    url,
    `msg_confirm_${challenge}`,
    {
      type: 'subscription.confirm',
      timestamp: new Date().toISOString(),
      data: {
        challenge,
        secret: await webhookSecretOf(key, id),
        groups,
        status_page: t.settings.publicUrl,
        unsubscribe_url: await unsubscribeUrl(t, id),
        confirm_url: pageLink(t.settings, '/subscribe/confirm', token),
      },
    },
    true,
  );
  if (result.ok && result.answer?.includes(challenge)) await confirm(c.var.db, id, groups, Date.now());
}

/** Work after the answer (waitUntil); run inline where there is no execution context. */
function later(c: Context<AppEnv>, work: Promise<void>): void {
  const logged = work.catch((error: unknown) =>
    console.error(`[lookout] subscribers: ${error instanceof Error ? error.name : 'error'} after sign-up`),
  );
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    void logged;
  }
}

function invalid(c: Context<AppEnv>, page: Config['page'], tr: Translator) {
  return render(
    c,
    page,
    tr,
    tr.t('subscribe.invalidHeading'),
    [
      <h1>{tr.t('subscribe.invalidHeading')}</h1>,
      <p>{tr.t('subscribe.invalidText')}</p>,
      <p>
        <a href={tr.link('/')}>{tr.t('monitor.back')}</a>
      </p>,
    ],
    400,
  );
}

/**
 * A subscription page, in the reader's language (`tr`, from pageTranslator, which also set
 * Content-Language): never cached (it answers a person's own request), and no referrer (the URL
 * holds a token, and the page links out).
 */
function render(
  c: Context<AppEnv>,
  page: Config['page'],
  tr: Translator,
  title: string,
  children: Child[],
  status = 200,
) {
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-robots-tag', 'noindex');
  c.status(status as 200);
  return sendPage(
    c,
    <Layout settings={page} tr={tr} title={title}>
      <style dangerouslySetInnerHTML={{ __html: SUBSCRIBE_STYLES }} />
      {children}
    </Layout>,
  );
}
