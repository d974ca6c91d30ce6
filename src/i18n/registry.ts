import de from './de';
import en from './en';
import es from './es';
import fr from './fr';
import ja from './ja';
import type { Language } from './types';
import zhCN from './zh-CN';

/**
 * Every language the public pages speak, by tag. Adding one is a file beside these (its table
 * typed `satisfies Language`, so TypeScript names any missing key) and its line here.
 */
export const LANGUAGES = {
  en,
  de,
  fr,
  es,
  ja,
  'zh-CN': zhCN,
} satisfies Record<string, Language>;

export type LanguageTag = keyof typeof LANGUAGES;

export const LANGUAGE_TAGS = Object.keys(LANGUAGES) as [LanguageTag, ...LanguageTag[]];

/** The language the taxonomy's explanations and hints are written in. */
export const SOURCE_LANGUAGE: LanguageTag = 'en';
