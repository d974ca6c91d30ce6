/**
 * axe-core (the engine behind most accessibility checkers) run in Chromium over every public page,
 * light and dark: landmarks, names, contrast, text alternatives, heading order.
 */
import { createRequire } from 'node:module';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, withPage } from './browser';
import type { LookoutFixture } from './global-setup';

const lookout = inject('lookout');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(lookout === null)('accessibility of the public pages', () => {
  const { baseUrl, chromiumPath, monitors } = lookout ?? ({} as LookoutFixture);
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** axe's WCAG 2.1 AA and best-practice violations on the page at `url`, one line each. */
  async function violationsAt(url: string, options: BrowserContextOptions) {
    const violations = await withPage(browser, url, options, async (p) => {
      await p.addScriptTag({ path: AXE });
      return p.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run: (options: object) => Promise<{ violations: unknown[] }> } }
        ).axe;
        const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] });
        return result.violations as AxeViolation[];
      });
    });
    return violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  }

  const pages = ['/', `/monitors/${monitors?.degraded}`, `/monitors/${monitors?.down}`, '/incidents'];
  for (const path of pages)
    for (const colorScheme of ['light', 'dark'] as const)
      it(`${path} (${colorScheme}) has no accessibility violations`, async () => {
        expect(await violationsAt(`${baseUrl}${path}`, { colorScheme })).toEqual([]);
      });

  // The browser's locale is its Accept-Language: the pages answer in it, and say so in <html lang>.
  const localized = [
    ['de-DE', '/', 'de'],
    ['ja-JP', `/monitors/${monitors?.down}`, 'ja'],
    ['zh-CN', '/incidents', 'zh-CN'],
  ] as const;
  for (const [locale, path, lang] of localized)
    it(`${path} in ${locale} is in ${lang} and has no accessibility violations`, async () => {
      const url = `${baseUrl}${path}`;
      const shown = await withPage(browser, url, { locale }, (p) =>
        p.evaluate(() => document.documentElement.lang),
      );
      expect(shown).toBe(lang);
      expect(await violationsAt(url, { locale, colorScheme: 'dark' })).toEqual([]);
    });
});
