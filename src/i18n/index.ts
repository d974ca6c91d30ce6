/** Languages of the public pages, the feed and subscriber mail. */
export { LANGUAGES, LANGUAGE_TAGS, SOURCE_LANGUAGE, type LanguageTag } from './registry';
export { acceptedRanges, chooseLanguage, matchLanguage, negotiateLanguage } from './negotiate';
export { fill, placeholders, translator, type Translator } from './translator';
export type { Language, Plural } from './types';
