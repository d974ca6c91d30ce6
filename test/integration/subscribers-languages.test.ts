import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { PageSubscribe } from '../../src/routes/status/subscribe-form';
import { mailTranslator } from '../../src/subscribers/send';
import { applyConfig, loadConfig, MINUTE, resetDb, T0, target, tick } from '../helpers';
import { uniqueName } from '../receivers-client';
import {
  addresses,
  call,
  confirmLink,
  formPost,
  type Mail,
  mailsTo,
  PAGE,
  pathOf,
  subscribersFile,
} from '../subscribers-client';

/**
 * The subscription pages and subscriber mail in the reader's language, in workerd against the
 * local receivers: a German reader sees the form and pages in German, signing up from a German
 * page sends German mail (confirmation, then notices, unsubscribe headers intact), an English
 * sign-up still gets English.
 */
beforeEach(async () => {
  await resetDb();
  await env.DB.prepare('DELETE FROM subscribers').run();
});

const de = translator('de');
const en = translator('en');
const freshIp = addresses('203.0.113');
const file = (name: string, monitors: unknown[]) => subscribersFile(name, monitors);

const withLanguage = (language: string | null, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: {
    ...(init.headers as Record<string, string>),
    ...(language ? { 'accept-language': language } : {}),
  },
});

const signUpPost = (address: string, language: string | null) =>
  withLanguage(language, {
    method: 'POST',
    ...formPost({ kind: 'email', address }, freshIp()),
  });

const unsubscribeLink = (mail: Mail | undefined) =>
  /^<(https:\/\/status\.example\.test\/unsubscribe\?token=[A-Za-z0-9_.-]+(?:&lang=[A-Za-z-]+)?)>$/.exec(
    mail?.headers?.['List-Unsubscribe'] ?? '',
  )?.[1] ?? '';

const languageOf = async (address: string) =>
  (
    await env.DB.prepare('SELECT language FROM subscribers WHERE address = ?')
      .bind(address)
      .first<{ language: string | null }>()
  )?.language;

describe('the subscription pages in the reader language', () => {
  it('a German reader (Accept-Language: de) sees the form and every page in German', async () => {
    const name = uniqueName('subs-de-pages');
    const monitors = [{ id: 'api', name: 'Orders API', group: 'Checkout', url: target('/ok', 'subs-de') }];
    const config = await loadConfig(file(name, monitors));
    await applyConfig(file(name, monitors), T0);

    const form = await call(config, '/subscribe', withLanguage('de-DE,de;q=0.9,en;q=0.5'));
    expect(form.status).toBe(200);
    expect(form.headers.get('content-language')).toBe('de');
    expect(form.text).toContain('<h2 id="subscribe-heading">Benachrichtigt werden</h2>');
    expect(form.text).toContain('E-Mail-Adresse');
    expect(form.text).toContain('Nur diese Gruppen:');
    expect(form.text).toContain('<button type="submit">Abonnieren</button>');
    expect(form.text).not.toContain(en.t('subscribe.heading'));
    expect(form.text).not.toContain(en.t('subscribe.emailLabel'));

    // The same form under the status page's monitors (the page renders it with its translator).
    const onPage = String(
      PageSubscribe({ subscribers: { via: 'mail', webhooks: true }, monitors, order: [], tr: de }),
    );
    expect(onPage).toContain('<h2 id="subscribe-heading">Benachrichtigt werden</h2>');
    expect(onPage).toContain('<summary>Per Webhook (JSON-POST, Standard-Webhooks-Signaturen)</summary>');
    expect(onPage).not.toContain(en.t('subscribe.intro'));

    // ?lang= wins over the header, as on the other pages.
    const french = await call(config, '/subscribe?lang=fr', withLanguage('de'));
    expect(french.text).toContain(translator('fr').t('subscribe.heading'));

    const address = `${name}@example.com`;
    const answer = await call(config, '/subscribe', signUpPost(address, 'de'));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<h1>Sehen Sie in Ihr Postfach</h1>');
    expect(answer.text).toContain(de.t('subscribe.checkInboxText'));
    expect(answer.text).toContain('Zurück zur Statusseite');

    const link = confirmLink((await mailsTo(name, address))[0]);
    expect(link).not.toBe('');
    const confirmPage = await call(config, pathOf(link), withLanguage('de'));
    expect(confirmPage.text).toContain('<h1>Abonnement bestätigen</h1>');
    expect(confirmPage.text).toContain('<button type="submit">Abonnement bestätigen</button>');
    const confirmed = await call(config, pathOf(link), withLanguage('de', { method: 'POST' }));
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('<h1>Ihr Abonnement ist aktiv</h1>');
    const unsubscribe =
      /href="https:\/\/status\.example\.test(\/unsubscribe\?token=[^"]+)"/.exec(confirmed.text)?.[1] ?? '';
    expect(unsubscribe).not.toBe('');

    const leave = await call(config, unsubscribe.replaceAll('&amp;', '&'), withLanguage('de'));
    expect(leave.text).toContain('<button type="submit">Abbestellen</button>');
    const left = await call(
      config,
      unsubscribe.replaceAll('&amp;', '&'),
      withLanguage('de', { method: 'POST' }),
    );
    expect(left.text).toContain('<h1>Sie haben abbestellt</h1>');

    const invalid = await call(config, '/subscribe/confirm?token=nonsense', withLanguage('de'));
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('<h1>Dieser Link ist ungültig</h1>');
    expect(invalid.text).not.toContain(en.t('subscribe.invalidHeading'));
  });
});

describe('subscriber mail in the language of the sign-up page', () => {
  it('German sign-up: German confirmation and incident mail with the unsubscribe headers; English stays English', async () => {
    const name = uniqueName('subs-de-mail');
    const failing = file(name, [
      {
        id: 'api',
        name: 'Orders API',
        url: target('/regional', 'subs-de-mail', { down: 'weur,enam,apac', status: '503' }),
      },
    ]);
    const config = await loadConfig(failing);
    await applyConfig(failing, T0);
    const german = `${name}-de@example.com`;
    const english = `${name}-en@example.com`;

    expect((await call(config, '/subscribe', signUpPost(german, 'de-AT, en;q=0.3'))).status).toBe(200);
    expect((await call(config, '/subscribe', signUpPost(english, null))).status).toBe(200);
    expect(await languageOf(german)).toBe('de');
    expect(await languageOf(english)).toBe('en');

    const [deConfirm] = await mailsTo(name, german);
    expect(deConfirm?.subject).toBe('[Acme status] Bestätigen Sie Ihr Abonnement von Acme status');
    expect(deConfirm?.text).toContain('Zum Bestätigen öffnen Sie diesen Link:');
    expect(deConfirm?.text).toMatch(/Der Link gilt bis \d+\. \S+ \d{4}, \d\d:\d\d UTC\./);
    expect(deConfirm?.html).toContain('<div lang="de">');
    expect(deConfirm?.html).toContain('>Abonnement bestätigen</a>');
    const [enConfirm] = await mailsTo(name, english);
    expect(enConfirm?.subject).toBe('[Acme status] Confirm your subscription to Acme status');
    expect(enConfirm?.text).toContain('To confirm, open this link:');
    expect(enConfirm?.html).toContain('<div lang="en">');

    // The mailed link opens its page in the mail's language, whatever the browser asks for.
    expect(confirmLink(deConfirm)).toContain('lang=de');
    const deLanding = await call(config, pathOf(confirmLink(deConfirm)), withLanguage('en'));
    expect(deLanding.text).toContain('<h1>Abonnement bestätigen</h1>');
    expect(deLanding.text).toMatch(/action="\/subscribe\/confirm\?token=[^"]+&amp;lang=de"/);

    // Confirmed from a browser that asks for English: the mail keeps the sign-up page's language.
    for (const mail of [deConfirm, enConfirm]) {
      const confirmed = await call(config, pathOf(confirmLink(mail)), withLanguage('en', { method: 'POST' }));
      expect(confirmed.status).toBe(200);
    }

    await tick(T0, { config });
    await tick(T0 + MINUTE, { config });

    const [deNotice, ...deMore] = (await mailsTo(name, german)).slice(1);
    expect(deMore).toEqual([]);
    expect(deNotice?.subject).toBe('[Acme status] Orders API ist ausgefallen');
    expect(deNotice?.text).toContain(`Seit ${de.dateTime(T0)}.`);
    // What happened, in German too: the taxonomy's explanation of the 503 (http.upstream).
    expect(deNotice?.text).toContain(de.explanation('http.upstream'));
    expect(deNotice?.text).toContain('Details: https://status.example.test/monitors/api');
    expect(deNotice?.text).toContain(de.t('mail.unsubscribe.footer', { page: 'Acme status' }));
    const deUnsubscribe = unsubscribeLink(deNotice);
    expect(deUnsubscribe).not.toBe('');
    expect(deUnsubscribe).toContain('lang=de');
    expect(deNotice?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(deNotice?.text).toContain(`Abbestellen: ${deUnsubscribe}`);
    expect(deNotice?.html).toContain('>Details auf der Statusseite</a>');
    expect(deNotice?.text).not.toContain('Unsubscribe:');

    const [enNotice] = (await mailsTo(name, english)).slice(1);
    expect(enNotice?.subject).toBe('[Acme status] Orders API is down');
    expect(enNotice?.text).toContain(`Since ${en.dateTime(T0)}.`);
    const enUnsubscribe = unsubscribeLink(enNotice);
    expect(enNotice?.text).toContain(`Unsubscribe: ${enUnsubscribe}`);
    expect(enNotice?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    // The German mail's one-click link works like any other.
    const oneClick = await call(config, pathOf(deUnsubscribe), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await languageOf(german)).toBeUndefined();
  });

  it("without a stored language (imported), mail follows the page's set or default language", () => {
    const settings = (language: 'en' | 'fr' | 'ja') => ({
      via: 'mail',
      webhooks: false,
      confirmWithinMs: 0,
      key: '',
      publicUrl: PAGE,
      pageTitle: 'Acme status',
      language,
    });
    expect(mailTranslator(null, settings('fr')).tag).toBe('fr');
    expect(mailTranslator('zh-CN', settings('fr')).tag).toBe('zh-CN');
    expect(mailTranslator('de', settings('ja')).tag).toBe('de');
    // A tag this version no longer speaks falls back too.
    expect(mailTranslator('zh-TW', settings('ja')).tag).toBe('ja');
  });
});
