import { el, xmlDocument, type XmlChild } from '../../lib/xml';

/** An Atom (RFC 4287) feed as plain data; `atomFeed` writes it. Times are epoch milliseconds. */
export interface AtomEntry {
  id: string;
  title: string;
  updated: number;
  published?: number;
  /** The entry's page (rel="alternate"). */
  link: string;
  /** HTML, escaped once more here as the text of a type="html" content element. */
  html: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  /** The language of its text (xml:lang), a BCP 47 tag. */
  lang?: string;
  title: string;
  subtitle?: string;
  /** Used when there are no entries; otherwise the newest entry's `updated`. */
  fallbackUpdated: number;
  selfUrl: string;
  alternateUrl: string;
  author: string;
  entries: AtomEntry[];
}

const time = (ms: number) => new Date(ms).toISOString();

function entry(e: AtomEntry) {
  return el(
    'entry',
    {},
    el('id', {}, e.id),
    el('title', { type: 'text' }, e.title),
    el('updated', {}, time(e.updated)),
    e.published === undefined ? null : el('published', {}, time(e.published)),
    el('link', { rel: 'alternate', type: 'text/html', href: e.link }),
    ...(e.categories ?? []).map((term): XmlChild => el('category', { term })),
    el('content', { type: 'html' }, e.html),
  );
}

/** The feed document. Pure: the same data gives the same bytes. */
export function atomFeed(feed: AtomFeed): string {
  const updated = feed.entries.reduce((max, e) => Math.max(max, e.updated), -Infinity);
  return xmlDocument(
    el(
      'feed',
      feed.lang
        ? { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.lang }
        : { xmlns: 'http://www.w3.org/2005/Atom' },
      el('id', {}, feed.id),
      el('title', { type: 'text' }, feed.title),
      feed.subtitle ? el('subtitle', { type: 'text' }, feed.subtitle) : null,
      el('updated', {}, time(Number.isFinite(updated) ? updated : feed.fallbackUpdated)),
      el('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl }),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.alternateUrl }),
      el('author', {}, el('name', {}, feed.author)),
      el('generator', {}, 'Lookout'),
      ...feed.entries.map(entry),
    ),
  );
}
