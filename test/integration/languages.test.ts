import { exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { LANGUAGE_TAGS, LANGUAGES } from '../../src/i18n';
import { applyConfig, MINUTE, resetDb, target, tick } from '../helpers';

beforeEach(resetDb);

const DAY = 86_400_000;
const thisMinute = () => Math.floor(Date.now() / MINUTE) * MINUTE;
const NBSP = '\u00a0';

const get = (path: string, language?: string) =>
  exports.default.fetch(`http://lookout.test${path}`, {
    headers: language ? { 'accept-language': language } : {},
  });

const ok = target('/ok', 'lang');
const file = (url: string) => ({
  regions: ['weur'],
  alerting: { fail_after: 1, recover_after: 1 },
  monitors: [{ id: 'orders', name: 'Orders API', url }],
});

/** Three days up, one (two days ago) down: 75% over the week, and an incident. */
async function seedHistory(now: number) {
  await applyConfig(file(ok), now - 3 * DAY);
  await tick(now - 3 * DAY);
  await applyConfig(file(target('/status/503', 'lang')), now - 2 * DAY);
  await tick(now - 2 * DAY);
  await applyConfig(file(ok), now - DAY);
  await tick(now - DAY);
  await tick(now);
}

describe('the status page in six languages', () => {
  it.each(LANGUAGE_TAGS)('renders / in %s with its own texts and lang attribute', async (tag) => {
    const now = thisMinute();
    await seedHistory(now);
    const response = await get('/', `${tag};q=0.9, en;q=0.1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe(tag);
    expect(response.headers.get('vary')).toContain('Accept-Language');
    const body = await response.text();
    const { messages } = LANGUAGES[tag];
    expect(body).toContain(`<html lang="${tag}">`);
    expect(body).toContain(`<h1 class="sr-only">${messages['page.heading']}</h1>`);
    expect(body).toContain(`<p class="banner up" role="status">${messages['banner.up']}</p>`);
    expect(body).toContain(`<span class="status up">${messages['status.up']}</span>`);
    expect(body).toContain(`<nav aria-label="${messages['layout.nav']}">`);
    expect(body).toContain(`data-pause="${messages['layout.pause']}"`);
    expect(body).toContain(`<span>${messages['page.today']}</span>`);
    // The other languages' versions are linked, not this one.
    expect(body).not.toContain(`hreflang="${tag}"`);
    for (const other of LANGUAGE_TAGS.filter((t) => t !== tag))
      expect(body).toContain(`<link rel="alternate" hreflang="${other}" href="/?lang=${other}"/>`);
    if (tag !== 'en') {
      expect(body).not.toContain('All systems operational');
      expect(body).not.toContain('Skip to content');
    }
  });

  it('writes percentages and dates as the reader does', async () => {
    const now = thisMinute();
    await seedHistory(now);
    const failed = new Date(now - 2 * DAY);
    const [en, de, fr, ja] = await Promise.all(
      ['en', 'de', 'fr', 'ja'].map(async (tag) => (await get('/', tag)).text()),
    );
    expect(en).toContain('<dt>7d</dt><dd>75.00%</dd>');
    expect(de).toContain(`<dt>7 Tage</dt><dd>75,00${NBSP}%</dd>`);
    expect(fr).toContain(`<dt>7 j</dt><dd>75,00${NBSP}%</dd>`);
    expect(ja).toContain('<dt>7日</dt><dd>75.00%</dd>');
    // The failing day's bar: month before day in Japanese, day before month in German.
    const month = failed.getUTCMonth() + 1;
    const day = failed.getUTCDate();
    expect(ja).toContain(`${month}月${day}日：稼働率 0.00%、停止 1分、インシデント 1 件（http.upstream）`);
    const germanDay = new Intl.DateTimeFormat('de', {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(failed);
    expect(germanDay.startsWith(`${day}. `)).toBe(true);
    expect(de).toContain(
      `${germanDay}: 0,00${NBSP}% Verfügbarkeit, 1 Min. ausgefallen, 1 Vorfall (http.upstream)`,
    );
  });

  it('answers in the configured default when the reader accepts none, and to ?lang= over the header', async () => {
    await applyConfig(file(ok));
    const unknown = await get('/', 'pt-BR, it;q=0.5');
    expect(unknown.headers.get('content-language')).toBe('en');
    expect(await unknown.text()).toContain('<html lang="en">');
    const chosen = await get('/?lang=zh-CN', 'de');
    expect(chosen.headers.get('content-language')).toBe('zh-CN');
    expect(await chosen.text()).toContain('<h1 class="sr-only">当前状态</h1>');
    const swiss = await get('/', 'de-CH,de;q=0.9,en;q=0.8');
    expect(await swiss.text()).toContain('<html lang="de">');
  });

  it('caches a copy per language: a German reader never gets the English page, nor the other way', async () => {
    await applyConfig(file(ok));
    await tick(thisMinute());
    const firstGerman = await get('/', 'de');
    expect(firstGerman.headers.get('x-lookout-cache')).toBe('miss');
    expect(await firstGerman.text()).toContain('Alle Systeme in Betrieb');
    await expect.poll(async () => (await get('/', 'de')).headers.get('x-lookout-cache')).toBe('hit');

    // The same URL in English is another copy, rendered in English.
    const english = await get('/', 'en-US');
    expect(english.headers.get('x-lookout-cache')).toBe('miss');
    expect(await english.text()).toContain('All systems operational');
    await expect.poll(async () => (await get('/', 'en')).headers.get('x-lookout-cache')).toBe('hit');
    const englishHit = await get('/', 'en');
    expect(englishHit.headers.get('content-language')).toBe('en');
    expect(englishHit.headers.get('vary')).toBe('Accept-Language');
    expect(await englishHit.text()).not.toContain('Alle Systeme');

    const germanHit = await get('/', 'de-AT');
    expect(germanHit.headers.get('x-lookout-cache')).toBe('hit');
    expect(germanHit.headers.get('content-language')).toBe('de');
    expect(await germanHit.text()).not.toContain('All systems operational');

    // A browser's ETag from the English page does not revalidate the German one.
    const etag = englishHit.headers.get('etag') as string;
    expect(germanHit.headers.get('etag')).not.toBe(etag);
    expect(
      (
        await exports.default.fetch('http://lookout.test/', {
          headers: { 'if-none-match': etag, 'accept-language': 'de' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await exports.default.fetch('http://lookout.test/', {
          headers: { 'if-none-match': etag, 'accept-language': 'en' },
        })
      ).status,
    ).toBe(304);
  });

  it('speaks the reader’s language on the monitor page, the incident history and the feed', async () => {
    const now = thisMinute();
    await seedHistory(now);
    const monitor = await (await get('/monitors/orders', 'ja')).text();
    expect(monitor).toContain('<html lang="ja">');
    expect(monitor).toContain('<h2 id="history">過去365日間</h2>');
    expect(monitor).toContain('<dt>24時間</dt>');
    expect(monitor).toContain('西ヨーロッパから毎分チェック');
    // The cause's short name is translated, and so are its explanation and hint that follow.
    expect(monitor).toContain('<code>http.upstream</code> ゲートウェイまたは上流の障害（502、503、504）');
    expect(monitor).toContain(
      'ゲートウェイ、またはサービスの背後にある依存先が失敗しました（502、503、504）。 サービス自身の依存先を確認してください',
    );
    expect(monitor).not.toContain('A gateway or a dependency behind the service failed');

    const missing = await get('/monitors/nope', 'es');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Nada público tiene el id <code>nope</code>.');

    const incidents = await (await get('/incidents', 'fr')).text();
    expect(incidents).toContain('<html lang="fr">');
    expect(incidents).toContain('<h2 id="history-heading">Historique des incidents</h2>');
    expect(incidents).toContain('<strong>Détecté</strong>');
    expect(incidents).toContain('<dt>Durée</dt>');

    const feed = await get('/feed.atom', 'zh-CN');
    expect(feed.headers.get('content-language')).toBe('zh-CN');
    const xml = await feed.text();
    expect(xml).toContain('xml:lang="zh-CN"');
    expect(xml).toContain('<subtitle type="text">事件与维护</subtitle>');
    expect(xml).toContain('<title type="text">Orders API：网关或上游故障（502、503、504）（已解决）</title>');
  });
});
