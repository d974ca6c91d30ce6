/**
 * The shape of a language file. English (en.ts) defines the keys; every other language is typed
 * against them, so a missing or extra key is a compile error.
 */
import type { CauseExplanations, CauseTitles, Messages, RegionNames } from './en';

/** Forms by Intl.PluralRules category; `other` is the one every language has. */
export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Message = string | Plural;

/** A cause or finding explained: what it means, and where to look first. */
export interface CauseText {
  explanation: string;
  hint: string;
}

/** One language: a file in this folder, listed once in registry.ts. */
export interface Language {
  /** The BCP 47 tag: `<html lang>`, Content-Language, `?lang=`, and the locale dates and numbers use. */
  tag: string;
  /** The language's name in itself. */
  name: string;
  messages: Messages;
  /** Short names of the taxonomy's causes and findings. */
  causes: CauseTitles;
  /** The taxonomy's explanation and fix hint of every cause and finding, translated. */
  explanations: CauseExplanations;
  regions: RegionNames;
}
