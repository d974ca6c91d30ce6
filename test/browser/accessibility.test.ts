/**
 * axe-core (the engine behind most accessibility checkers) run in Chromium over every public page,
 * light and dark: landmarks, names, contrast, text alternatives, heading order.
 */
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
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

  const pages = ['/', `/monitors/${monitors?.degraded}`, `/monitors/${monitors?.down}`, '/incidents'];
  for (const path of pages)
    for (const colorScheme of ['light', 'dark'] as const)
      it(`${path} (${colorScheme}) has no accessibility violations`, async () => {
        const violations = await withPage(browser, `${baseUrl}${path}`, { colorScheme }, async (p) => {
          await p.addScriptTag({ path: AXE });
          return p.evaluate(async () => {
            const axe = (
              window as unknown as { axe: { run: (options: object) => Promise<{ violations: unknown[] }> } }
            ).axe;
            const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] });
            return result.violations as AxeViolation[];
          });
        });
        const summary = violations.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} at ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(', ')}`,
        );
        expect(summary).toEqual([]);
      });
});
