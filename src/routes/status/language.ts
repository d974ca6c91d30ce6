import type { Context } from 'hono';
import { bundledConfig } from '../../config/bundled';
import type { AppEnv } from '../../env';
import { chooseLanguage, matchLanguage } from '../../i18n/negotiate';
import type { LanguageTag } from '../../i18n/registry';
import { translator, type Translator } from '../../i18n/translator';

/** The language a public request is answered in: `?lang=`, else the config, else Accept-Language. */
export async function requestLanguage(
  c: Context<AppEnv>,
): Promise<{ tag: LanguageTag; negotiated: boolean; chosen: boolean }> {
  const { page } = await bundledConfig();
  const query = c.req.query('lang');
  const tag = chooseLanguage({
    setting: page.language,
    fallback: page.default_language,
    query,
    header: c.req.header('accept-language'),
  });
  // The reader picked it: `?lang=` named a language the pages speak (an unknown one is ignored).
  const chosen = query !== undefined && matchLanguage(query) === tag;
  return { tag, negotiated: page.language === 'auto', chosen };
}

/** `path` (maybe with a query and a fragment) with `lang=<tag>` added to its query. Pure. */
export function withLanguage(path: string, tag: LanguageTag): string {
  const url = new URL(path, 'http://page.invalid');
  url.searchParams.set('lang', tag);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The translator for a page or the feed, with the headers that say which language it is in; when
 * it follows Accept-Language, shared caches and browsers must keep a copy per language (Vary).
 * A language chosen with `?lang=` stays chosen: the page's internal links (`tr.link`) carry it.
 */
export async function pageTranslator(c: Context<AppEnv>): Promise<Translator> {
  const { tag, negotiated, chosen } = await requestLanguage(c);
  c.header('content-language', tag);
  if (negotiated) c.header('vary', 'Accept-Language', { append: true });
  const tr = translator(tag);
  return chosen ? { ...tr, link: (path) => withLanguage(path, tag) } : tr;
}
