import { describe, expect, it } from 'vitest';
import { atomFeed } from '../../src/routes/status/atom';
import { feedBase } from '../../src/routes/status/feed';
import { escapeXml } from '../../src/lib/xml';
import { child, childrenNamed, parseXml } from '../xml';

const T = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('the Atom builder', () => {
  const feed = (entries: Parameters<typeof atomFeed>[0]['entries']) =>
    atomFeed({
      id: 'tag:status.example.com,2026:incidents',
      title: 'Acme & Co <status>',
      fallbackUpdated: T,
      selfUrl: 'https://status.example.com/feed.atom',
      alternateUrl: 'https://status.example.com/incidents',
      author: 'Acme',
      entries,
    });

  it('writes RFC 4287 elements, updated from the newest entry, text escaped once', () => {
    const xml = feed([
      {
        id: 'tag:status.example.com,2026:incident/a',
        title: 'Orders: down (resolved)',
        updated: T - 60_000,
        published: T - 120_000,
        link: 'https://status.example.com/incidents?before=1&x=2#incident-a',
        html: '<p>say &lt;b&gt;</p>',
        categories: ['http.upstream'],
      },
      {
        id: 'tag:status.example.com,2026:incident/b',
        title: 'b',
        updated: T + 60_000,
        link: 'https://status.example.com/incidents',
        html: '',
      },
    ]);
    expect(
      xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'),
    ).toBe(true);
    const root = parseXml(xml);
    expect(child(root, 'title').text).toBe('Acme & Co <status>');
    expect(child(root, 'updated').text).toBe(new Date(T + 60_000).toISOString());
    expect(childrenNamed(root, 'link').map((l) => [l.attrs.rel, l.attrs.href])).toEqual([
      ['self', 'https://status.example.com/feed.atom'],
      ['alternate', 'https://status.example.com/incidents'],
    ]);
    expect(child(child(root, 'author'), 'name').text).toBe('Acme');
    const [a] = childrenNamed(root, 'entry');
    expect(child(a!, 'published').text).toBe(new Date(T - 120_000).toISOString());
    expect(child(a!, 'link').attrs.href).toBe('https://status.example.com/incidents?before=1&x=2#incident-a');
    expect(child(a!, 'category').attrs.term).toBe('http.upstream');
    expect(child(a!, 'content').attrs.type).toBe('html');
    // The HTML is the text of the element: its own escapes are escaped again, and read back intact.
    expect(xml).toContain('<content type="html">&lt;p&gt;say &amp;lt;b&amp;gt;&lt;/p&gt;</content>');
    expect(child(a!, 'content').text).toBe('<p>say &lt;b&gt;</p>');
  });

  it('falls back to the given time when there are no entries', () => {
    expect(child(parseXml(feed([])), 'updated').text).toBe(new Date(T).toISOString());
  });

  it('drops characters XML 1.0 cannot carry, even escaped', () => {
    expect(escapeXml('a\u0000b\u001Fc\tc\ud800d')).toBe('abc\tcd');
    expect(escapeXml('😀')).toBe('😀');
  });
});

describe('feed links', () => {
  it('follow the configured status page URL, else the request origin; tag ids name the host only', () => {
    const configured = feedBase('https://status.example.com:8443/', 'http://worker.dev/feed.atom');
    expect(configured.url('/feed.atom')).toBe('https://status.example.com:8443/feed.atom');
    expect(configured.tag('incident/x')).toBe('tag:status.example.com,2026:incident/x');
    const origin = feedBase(null, 'http://lookout.test/feed.atom?x=1');
    expect(origin.url('/incidents')).toBe('http://lookout.test/incidents');
  });
});
