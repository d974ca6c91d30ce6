import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { CAUSES } from '../../src/probes/taxonomy';
import { applyConfig, loadConfig, MINUTE, resetDb, target, tick } from '../helpers';
import { uniqueName } from '../receivers-client';
import { addresses, call, formPost, subscribersFile } from '../subscribers-client';

/**
 * Failure causes in the reader's language, end to end: a real failing check against the local
 * target, read back through the Worker as the monitor page, the incident history and the feed.
 * Also: a language picked with `?lang=` survives every internal link of the page.
 */
beforeEach(resetDb);

const get = (path: string, language?: string) =>
  exports.default.fetch(`http://lookout.test${path}`, {
    headers: language ? { 'accept-language': language } : {},
  });
const text = async (path: string, language?: string) => {
  const response = await get(path, language);
  expect(response.status).toBe(200);
  return response.text();
};

/** Minute-aligned ticks in the recent past: each test starts at its own offset, so runs never share a tick. */
const recent = (minutesAgo: number) => Math.floor(Date.now() / MINUTE) * MINUTE - minutesAgo * MINUTE;

/** The texts of every element inside the page marked English (`hreflang` is not `lang`). */
const markedEnglish = (html: string) =>
  [...html.matchAll(/<(?!html)(\w+)[^>]*\slang="en"[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2] ?? '');

/** Client addresses of this file's own, so no other file's sign-up limit reaches it. */
const freshIp = addresses('192.0.2');
const escaped = (text: string) => text.replaceAll("'", '&#39;');
const de = translator('de');
const upstream = { explanation: de.explanation('http.upstream'), hint: de.hint('http.upstream') };

/** Orders API answers 503 for two ticks, then recovers: one http.upstream incident. */
async function outage(start: number, tag: string) {
  for (const minute of [0, 1, 2]) {
    await applyConfig(
      {
        regions: ['weur'],
        alerting: { fail_after: 1, recover_after: 1 },
        monitors: [
          {
            id: 'orders',
            name: 'Orders API',
            url: target(minute < 2 ? '/status/503' : '/ok', tag),
            interval: '10s',
            timeout: '5s',
          },
        ],
      },
      start + minute * MINUTE,
    );
    await tick(start + minute * MINUTE);
  }
}

describe('causes explained in the reader’s language', () => {
  it('a German monitor page with a failing check explains the cause and hint in German, not marked English', async () => {
    const start = recent(20);
    // Two failing ticks: the page shows the current cause, and the incident is still open.
    for (const minute of [0, 1]) {
      await applyConfig(
        {
          regions: ['weur'],
          alerting: { fail_after: 1, recover_after: 1 },
          monitors: [{ id: 'orders', name: 'Orders API', url: target('/status/503', 'cause-de') }],
        },
        start + minute * MINUTE,
      );
      await tick(start + minute * MINUTE);
    }
    const page = await text('/monitors/orders', 'de-DE,de;q=0.9');
    expect(page).toContain('<html lang="de">');
    expect(upstream.explanation).toBe(
      'Ein Gateway oder eine Abhängigkeit hinter dem Dienst ist ausgefallen (502, 503, 504).',
    );
    // The current cause, with its regions; and the open incident under "Recent incidents".
    expect(page).toContain(
      `<li class="cause" data-cause="http.upstream"><code>http.upstream</code> Gateway- oder Upstream-Fehler (502, 503, 504) <span class="meta">${upstream.explanation} ${upstream.hint} (weur)</span></li>`,
    );
    expect(page).toContain(`<p class="meta">${upstream.explanation} ${upstream.hint}</p>`);
    expect(page).not.toContain(CAUSES['http.upstream'].explanation);
    expect(page).not.toContain(CAUSES['http.upstream'].hint);
    // Whatever else is marked English (a check's own words), the taxonomy's texts are not.
    for (const marked of markedEnglish(page)) {
      expect(marked).not.toContain(upstream.explanation);
      expect(marked).not.toContain(upstream.hint);
    }
  });

  it('the incident history, the feed and English readers get the same cause in their own words', async () => {
    await outage(recent(40), 'cause-history');
    const history = await text('/incidents', 'de');
    expect(history).toContain(`<p class="hint meta">${upstream.explanation} ${upstream.hint}</p>`);
    expect(markedEnglish(history).join(' ')).not.toContain(upstream.hint);

    const feed = await text('/feed.atom', 'de');
    expect(feed).toContain('xml:lang="de"');
    // The entry's HTML is escaped into the XML: the text itself has nothing to escape.
    expect(feed).toContain(`${upstream.explanation} ${upstream.hint}`);
    expect(feed).not.toContain('lang=&quot;en&quot;');

    // English: the explanation is the label, the hint follows; nothing marked.
    const english = await text('/incidents', 'en');
    expect(english).toContain(
      `<code>http.upstream</code> ${CAUSES['http.upstream'].explanation}</p><p class="hint meta">${escaped(CAUSES['http.upstream'].hint)}</p>`,
    );
    expect(markedEnglish(english)).toEqual([]);
  });

  it('says no check interval in the footer: monitors here run every 10 s, not every minute', async () => {
    await outage(recent(60), 'cause-footer');
    for (const tag of ['en', 'de', 'ja'] as const) {
      const page = await text('/', tag);
      expect(page).toContain(`<footer>${translator(tag).t('layout.footer')}`);
      expect(page).not.toMatch(/every minute|jede Minute|毎分/i);
    }
    expect(await text('/monitors/orders', 'en')).toContain('checked every 10 s from Western Europe');
  });
});

describe('a language chosen with ?lang=', () => {
  it('stays in the links of the status page, the monitor page and the incident history', async () => {
    await outage(recent(80), 'lang-links');
    const home = await text('/?lang=ja', 'de');
    expect(home).toContain('<html lang="ja">');
    expect(home).toContain('<a class="name" href="/monitors/orders?lang=ja">');
    expect(home).toContain('<a class="brand" href="/?lang=ja">');
    expect(home).toContain('<a href="/incidents?lang=ja">');
    expect(home).toContain('<a href="/feed.atom?lang=ja">');
    expect(home).toContain('href="/feed.atom?lang=ja"/>');

    const monitor = await text('/monitors/orders?lang=ja', 'de');
    expect(monitor).toMatch(/<a class="name" href="\/incidents\?lang=ja#incident-[^"]+">/);
    expect(monitor).toContain(`<a href="/?lang=ja">${translator('ja').t('layout.status')}</a>`);
    const missing = await get('/monitors/nope?lang=ja');
    expect(await missing.text()).toContain(`<a href="/?lang=ja">${translator('ja').t('monitor.back')}</a>`);

    const history = await text('/incidents?lang=ja', 'de');
    expect(history).toContain('<a href="/monitors/orders?lang=ja">Orders API</a>');
    const older = await text(`/incidents?before=${Date.now()}&lang=ja`, 'de');
    expect(older).toContain(`<a href="/incidents?lang=ja">${translator('ja').t('incidents.newest')}</a>`);

    // The feed asked for in Japanese links to the pages in Japanese.
    const feed = await text('/feed.atom?lang=ja', 'de');
    expect(feed).toMatch(/href="http:\/\/lookout\.test\/incidents\?before=\d+&amp;lang=ja#incident-/);
    expect(feed).toContain(
      'rel="self" type="application/atom+xml" href="http://lookout.test/feed.atom?lang=ja"',
    );

    // Chosen by the header, or an unknown ?lang=: the links stay plain, the URL decides nothing.
    const negotiated = await text('/', 'ja');
    expect(negotiated).toContain('<a class="name" href="/monitors/orders">');
    expect(negotiated).not.toContain('?lang=ja"');
    expect(await text('/?lang=klingon', 'ja')).toContain('<a class="name" href="/monitors/orders">');
  });

  it('keeps it on “Older incidents”, with the page’s own query', async () => {
    const start = recent(120);
    const ids = Array.from({ length: 13 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    // 13 monitors fail together at minutes 0, 2 and 4: 39 incidents, more than a page holds.
    for (const minute of [0, 1, 2, 3, 4, 5]) {
      await applyConfig(
        {
          regions: ['weur'],
          alerting: { fail_after: 1, recover_after: 1 },
          monitors: ids.map((id) => ({
            id,
            url: target(minute % 2 === 0 ? '/status/503' : '/ok', 'lang-pages'),
          })),
        },
        start + minute * MINUTE,
      );
      await tick(start + minute * MINUTE);
    }
    const first = await text('/incidents?lang=zh-CN');
    const next = /<a href="\/incidents\?before=(\d+)&amp;lang=zh-CN" rel="next">/.exec(first);
    expect(next?.[1]).toBe(String(start + 2 * MINUTE));
    const second = await text(`/incidents?before=${next?.[1]}&lang=zh-CN`);
    expect(second).toContain('<html lang="zh-CN">');
    expect(second).toContain(
      `<a href="/incidents?lang=zh-CN">${translator('zh-CN').t('incidents.newest')}</a>`,
    );
  });

  it('signs a reader up in the language they chose: the form posts to /subscribe?lang=', async () => {
    const name = uniqueName('lang-subscribe');
    const file = subscribersFile(name, [{ id: 'api', name: 'Orders API', url: target('/ok', 'lang-sub') }]);
    const config = await loadConfig(file);
    await applyConfig(file);
    const form = await call(config, '/subscribe?lang=ja', { headers: { 'accept-language': 'de' } });
    expect(form.text).toContain('<form class="card" method="post" action="/subscribe?lang=ja">');

    const address = `${name}@example.com`;
    const post = formPost({ kind: 'email', address }, freshIp());
    const signedUp = await call(config, '/subscribe?lang=ja', {
      ...post,
      headers: { ...(post.headers as Record<string, string>), 'accept-language': 'de' },
    });
    expect(signedUp.status).toBe(200);
    const row = await env.DB.prepare('SELECT language FROM subscribers WHERE address = ?')
      .bind(address)
      .first<{ language: string }>();
    expect(row?.language).toBe('ja');
  });
});
