import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { LoadedConfig } from '../../config/monitor';
import type { AppEnv } from '../../env';
import { LANGUAGE_TAGS } from '../../i18n/registry';
import type { Translator } from '../../i18n/translator';
import { REFRESH_SCRIPT, ROVING_SCRIPT } from './components';
import { STYLES } from './styles';

export type PageSettings = LoadedConfig['page'];

interface LayoutProps {
  settings: PageSettings;
  tr: Translator;
  /** The page's path: other languages' versions of it are linked as alternates. */
  path?: string;
  /** The document title's first part; the page title follows it. */
  title?: string;
  /** Which header link is the current page. */
  current?: 'status' | 'incidents';
  /** Pages whose data changes each tick reload with it, with the reader's leave (see REFRESH_SCRIPT). */
  refresh?: boolean;
  /** Adds the keyboard enhancement for day bars. */
  bars?: boolean;
  children?: Child;
}

/** The chrome every public page shares: head, header with logo and links, footer. */
export function Layout({ settings, tr, path, title, current, refresh, bars, children }: LayoutProps) {
  return (
    <html lang={tr.tag}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title ? `${title} · ${settings.title}` : settings.title}</title>
        {settings.description ? <meta name="description" content={settings.description} /> : null}
        <link
          rel="alternate"
          type="application/atom+xml"
          title={tr.t('layout.feedTitle', { title: settings.title })}
          href={tr.link('/feed.atom')}
        />
        {path
          ? LANGUAGE_TAGS.filter((tag) => tag !== tr.tag).map((tag) => (
              <link rel="alternate" hreflang={tag} href={`${path}?lang=${tag}`} />
            ))
          : null}
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        <a class="skip" href="#content">
          {tr.t('layout.skip')}
        </a>
        <header class="top">
          <a class="brand" href={tr.link('/')}>
            {settings.logo ? <img src={settings.logo} alt="" width="32" height="32" /> : null}
            <span>{settings.title}</span>
          </a>
          <nav aria-label={tr.t('layout.nav')}>
            <a href={tr.link('/')} aria-current={current === 'status' ? 'page' : undefined}>
              {tr.t('layout.status')}
            </a>
            <a href={tr.link('/incidents')} aria-current={current === 'incidents' ? 'page' : undefined}>
              {tr.t('layout.incidents')}
            </a>
            {settings.links.map((link) => (
              <a href={link.url} rel="noopener">
                {link.label}
              </a>
            ))}
            <a href={tr.link('/feed.atom')}>{tr.t('layout.feed')}</a>
          </nav>
        </header>
        <main id="content">{children}</main>
        <footer>
          {tr.t('layout.footer')}
          {refresh ? (
            <button
              id="refresh"
              type="button"
              hidden
              data-pause={tr.t('layout.pause')}
              data-resume={tr.t('layout.resume')}
            >
              {tr.t('layout.pause')}
            </button>
          ) : null}
        </footer>
        {bars || refresh ? (
          <script
            dangerouslySetInnerHTML={{
              __html: [bars ? ROVING_SCRIPT : '', refresh ? REFRESH_SCRIPT : ''].join(';'),
            }}
          />
        ) : null}
      </body>
    </html>
  );
}

/** Sends a rendered page as HTML. */
export function sendPage(c: Context<AppEnv>, page: Child) {
  return c.html(`<!doctype html>${String(page)}`);
}
