/**
 * The public status page in Chromium, served by the real Worker after real ticks (global-setup.ts).
 * Relies only on the page's stable markup: `p.banner` (role=status, a class per overall state),
 * `li.monitor[data-monitor][data-status]` (+ `data-maintenance=active`), `.region[data-region][data-outcome]`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot, withPage } from './browser';
import { bodyColors, contrast, luminance } from './colors';
import type { LookoutFixture } from './global-setup';

const lookout = inject('lookout');

describe.skipIf(lookout === null)('status page in Chromium', () => {
  // A skipped describe's body still runs to collect its tests: unpack here, use only in tests.
  const { baseUrl, chromiumPath, monitors, groups } = lookout ?? ({} as LookoutFixture);
  const page = (options: Parameters<typeof withPage>[2], use: (page: Page) => Promise<void>) =>
    withPage(browser, `${baseUrl}/`, options, use);
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** What the page says of each monitor, as the stable attributes carry it. */
  const monitorStates = (p: Page) =>
    p.locator('li.monitor').evaluateAll((items) =>
      Object.fromEntries(
        items.map((li) => [
          li.getAttribute('data-monitor') ?? '',
          {
            status: li.getAttribute('data-status'),
            maintenance: li.getAttribute('data-maintenance'),
            regions: [...li.querySelectorAll('.region')].map((r) => r.getAttribute('data-outcome')),
            visible: (li as HTMLElement).innerText.trim().length > 0,
          },
        ]),
      ),
    );

  /** The state each monitor's checks put it in, and a partial-outage banner (one of five is down). */
  async function expectStates(p: Page) {
    const states = await monitorStates(p);
    expect(Object.keys(states).sort()).toEqual(Object.values(monitors).sort());
    expect(states[monitors.up]).toMatchObject({
      status: 'up',
      maintenance: null,
      regions: ['up', 'up', 'up'],
    });
    expect(states[monitors.degraded]).toMatchObject({ status: 'degraded', maintenance: null });
    expect(states[monitors.degraded]?.regions).toEqual(['degraded', 'degraded', 'degraded']);
    expect(states[monitors.down]).toMatchObject({ status: 'down', regions: ['down', 'down', 'down'] });
    expect(states[monitors.maintenance]).toMatchObject({ status: 'up', maintenance: 'active' });
    expect(states[monitors.recovered]).toMatchObject({ status: 'up', maintenance: null });
    for (const state of Object.values(states)) expect(state.visible).toBe(true);

    const banner = p.locator('p.banner');
    expect(await banner.getAttribute('role')).toBe('status');
    const kinds = (await banner.getAttribute('class'))?.split(/\s+/) ?? [];
    expect(kinds.some((kind) => kind === 'down' || kind === 'partial')).toBe(true);
    expect(await banner.innerText()).toMatch(/partial outage/i);
    const text = await p.locator('body').innerText();
    for (const group of Object.keys(groups)) expect(text).toContain(group);
  }

  it('shows the up, degraded, down and in-maintenance monitors as their checks left them, under a partial-outage banner', async () => {
    await page({ colorScheme: 'light' }, async (p) => {
      await expectStates(p);
      await screenshot(p, 'status-light');
    });
  });

  it('is light on a light color scheme and dark on a dark one, with body text at 4.5:1 or more in both', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page({ colorScheme }, async (p) => {
        const { text, background } = await bodyColors(p);
        if (colorScheme === 'dark') expect(luminance(background)).toBeLessThan(0.1);
        else expect(luminance(background)).toBeGreaterThan(0.7);
        expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
        if (colorScheme === 'dark') await screenshot(p, 'status-dark');
      });
    }
  });

  it('renders the same states, readably, with JavaScript disabled', async () => {
    await page({ javaScriptEnabled: false }, async (p) => {
      await expectStates(p);
      const { text, background } = await bodyColors(p);
      expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
    });
  });

  it('fits a 390 px wide phone screen without sideways scrolling', async () => {
    const phone = {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    };
    await page(phone, async (p) => {
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(p, 'status-mobile');
    });
  });
});
