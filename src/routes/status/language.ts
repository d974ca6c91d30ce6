import type { Context } from 'hono';
import { bundledConfig } from '../../config/bundled';
import type { AppEnv } from '../../env';
import { chooseLanguage } from '../../i18n/negotiate';
import type { LanguageTag } from '../../i18n/registry';
import { translator, type Translator } from '../../i18n/translator';

/** The language a public request is answered in: `?lang=`, else the config, else Accept-Language. */
export async function requestLanguage(
  c: Context<AppEnv>,
): Promise<{ tag: LanguageTag; negotiated: boolean }> {
  const { page } = await bundledConfig();
  const tag = chooseLanguage({
    setting: page.language,
    fallback: page.default_language,
    query: c.req.query('lang'),
    header: c.req.header('accept-language'),
  });
  return { tag, negotiated: page.language === 'auto' };
}

/**
 * The translator for a page or the feed, with the headers that say which language it is in; when
 * it follows Accept-Language, shared caches and browsers must keep a copy per language (Vary).
 */
export async function pageTranslator(c: Context<AppEnv>): Promise<Translator> {
  const { tag, negotiated } = await requestLanguage(c);
  c.header('content-language', tag);
  if (negotiated) c.header('vary', 'Accept-Language', { append: true });
  return translator(tag);
}
