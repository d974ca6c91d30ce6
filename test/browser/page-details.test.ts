/**
 * The status page's settings, its uptime bars from the keyboard, and the monitor page's chart, in
 * Chromium against the Worker and history global-setup.ts made (one tick a day for 20 days, the
 * `recovered` monitor failing on some of them).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot, withPage } from './browser';
import type { LookoutFixture } from './global-setup';

const lookout = inject('lookout');
const DAY = 86_400_000;
const dayAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

describe.skipIf(lookout === null)('status page details in Chromium', () => {
  const { baseUrl, chromiumPath, monitors, historyDays, failedDaysAgo } = lookout ?? ({} as LookoutFixture);
  let browser: Browser;
  const open = <T>(path: string, options: Parameters<typeof withPage>[2], use: (page: Page) => Promise<T>) =>
    withPage(browser, `${baseUrl}${path}`, options, use);

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The focused element's day and the text it shows, with whether that text is on screen. */
  const focused = (p: Page) =>
    p.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const tip = el?.querySelector('span');
      const box = tip?.getBoundingClientRect();
      return {
        monitor: el?.closest('li.monitor')?.getAttribute('data-monitor') ?? null,
        day: el?.getAttribute('data-day') ?? null,
        level: el?.className ?? null,
        text: tip?.textContent ?? null,
        shown: !!box && box.width > 40 && box.height > 10,
      };
    });

  /** Tabs from the top of the page until focus lands on a day of `monitor`'s bars. */
  async function tabToBars(p: Page, monitor: string, maxTabs: number) {
    for (let i = 0; i < maxTabs; i++) {
      await p.keyboard.press('Tab');
      const now = await focused(p);
      if (now.monitor === monitor && now.day) return i + 1;
    }
    throw new Error(`${maxTabs} tabs never reached the bars of ${monitor}`);
  }

  const barsOf = (p: Page, monitor: string): Locator =>
    p.locator(`li.monitor[data-monitor="${monitor}"] ol.bars > li`);

  it('takes its title, description, logo, links and group order from status_page', async () => {
    await open('/', {}, async (p) => {
      expect(await p.title()).toBe('Acme status');
      expect(await p.locator('.brand').innerText()).toBe('Acme status');
      expect(await p.locator('.lede').innerText()).toBe('Live status of the Acme API and back office');
      const logo = p.locator('.brand img');
      await expect
        .poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      expect(await p.locator('nav a', { hasText: 'Acme home' }).getAttribute('href')).toMatch(/\/ok$/);
      // Core API is listed first in the settings, though Back office sorts before it.
      expect(await p.locator('main h2').allInnerTexts()).toEqual(['Maintenance', 'Core API', 'Back office']);
      expect(await p.locator('h2:has-text("Core API") + p.meta').innerText()).toBe('The public REST API');
    });
  });

  it('lets the keyboard reach every day of the bars, one tab stop per monitor, with its uptime and incidents', async () => {
    await open('/', { colorScheme: 'light' }, async (p) => {
      const tabs = await tabToBars(p, monitors.recovered, 40);
      // Today first: the latest day is the list's one tab stop.
      let now = await focused(p);
      expect(now).toMatchObject({ day: dayAgo(0), level: 'up', shown: true });
      expect(now.text).toMatch(/^[A-Z][a-z]{2} \d+: 100% uptime$/);
      expect(
        await barsOf(p, monitors.recovered).evaluateAll(
          (bars) => bars.filter((b) => b.tabIndex === 0).length,
        ),
      ).toBe(1);

      const failed = Math.min(...failedDaysAgo);
      for (let i = 0; i < failed; i++) await p.keyboard.press('ArrowLeft');
      now = await focused(p);
      expect(now).toMatchObject({ day: dayAgo(failed), level: 'major', shown: true });
      expect(now.text).toMatch(/: 0\.00% uptime, down 1 min$/);
      await screenshot(p, 'status-bar-focus');

      // Two failing days in a row opened an incident; the bar names it on each day it spanned.
      const opened = [...failedDaysAgo].sort((a, b) => a - b)[1] as number;
      for (let i = failed; i < opened; i++) await p.keyboard.press('ArrowLeft');
      expect((await focused(p)).text).toMatch(/1 incident \(http\.upstream\)$/);

      // Home is the fold of the days before the first check, then the first day checked.
      await p.keyboard.press('Home');
      now = await focused(p);
      expect(now).toMatchObject({ day: null, level: 'none', shown: true });
      expect(now.text).toMatch(/: no data$/);
      await p.keyboard.press('ArrowRight');
      expect((await focused(p)).day).toBe(dayAgo(historyDays));
      await p.keyboard.press('End');
      expect((await focused(p)).day).toBe(dayAgo(0));
      // Each monitor's bars were one stop: the third monitor's were reached in a dozen tabs or so.
      expect(tabs).toBeLessThan(20);
    });
  });

  it('without JavaScript, every day is a tab stop and shows its text on focus and hover', async () => {
    await open('/', { javaScriptEnabled: false }, async (p) => {
      await tabToBars(p, monitors.recovered, 200);
      const days = historyDays + 1;
      expect(
        await barsOf(p, monitors.recovered).evaluateAll(
          (bars) => bars.filter((b) => b.tabIndex === 0).length,
        ),
      ).toBe(
        days + 1, // the days, and the fold of the 69 days before the first check
      );
      const first = await focused(p);
      expect(first).toMatchObject({ shown: true });
      await p.keyboard.press('Tab');
      const second = await focused(p);
      expect(second.monitor).toBe(monitors.recovered);
      expect(second.day).not.toBe(first.day);

      const bar = p.locator(
        `li.monitor[data-monitor="${monitors.down}"] ol.bars > li[data-day="${dayAgo(0)}"]`,
      );
      await bar.hover();
      const tip = bar.locator('span');
      expect((await tip.boundingBox())?.width ?? 0).toBeGreaterThan(40);
      expect(await tip.innerText()).toMatch(/0\.00% uptime, down \d+ min, 1 incident \(http\.upstream\)$/);
    });
  });

  it('reloads each minute while nobody is on it, and a footer button pauses that', async () => {
    await open('/', {}, async (p) => {
      await p.clock.install();
      await p.reload();
      let reloads = 0;
      p.on('load', () => reloads++);
      await p.clock.runFor(61_000);
      await expect.poll(() => reloads).toBe(1);

      const button = p.locator('footer button#refresh');
      expect(await button.innerText()).toBe('Pause auto-refresh');
      await button.click();
      expect(await button.innerText()).toBe('Resume auto-refresh');
      // The button keeps focus after the click; blur it so only the pause holds the page still.
      await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await p.clock.runFor(121_000);
      expect(reloads).toBe(1);
      await p.reload();
      expect(await p.locator('footer button#refresh').innerText()).toBe('Resume auto-refresh');
    });
    await open('/', { javaScriptEnabled: false }, async (p) => {
      expect(await p.locator('footer button#refresh').isVisible()).toBe(false);
    });
  });

  it("draws the monitor page's latency charts as SVG, per region, with a table of the figures", async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await open(`/monitors/${monitors.degraded}`, { colorScheme }, async (p) => {
        expect(await p.locator('h1').innerText()).toBe('Search API');
        for (const window of ['latency-24h', 'latency-90d']) {
          const chart = p.locator(`svg[data-window="${window}"]`);
          const box = await chart.boundingBox();
          expect(box?.width ?? 0).toBeGreaterThan(300);
          expect(await chart.getAttribute('role')).toBe('img');
          for (const region of ['weur', 'enam', 'apac']) {
            const p50 = chart.locator(`g[data-region="${region}"] path[data-quantile="p50"]`);
            expect(await p50.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+/);
            const stroke = await p50.evaluate((el) => getComputedStyle(el).stroke);
            expect(stroke).not.toBe('none');
          }
          expect(await chart.locator('desc').textContent()).toMatch(
            /Western Europe: p50 \d+ ms to \d+ ms, p95 up to \d+ ms/,
          );
        }
        // The 90-day chart has a point per day checked: a line across the days, not one dot.
        const line = p.locator(
          'svg[data-window="latency-90d"] g[data-region="weur"] path[data-quantile="p50"]',
        );
        expect(((await line.getAttribute('d')) ?? '').split('L').length).toBeGreaterThan(historyDays / 2);
        await p.locator('summary', { hasText: 'Figures as a table' }).first().click();
        expect(await p.locator('details[open] tbody tr').count()).toBeGreaterThan(0);
        expect(await p.locator('ol.calendar > li[data-day]').count()).toBe(365);
        await screenshot(p, `monitor-${colorScheme}`);
      });
    }
  });

  it('shows the incident history with the causes explained', async () => {
    await open('/incidents', {}, async (p) => {
      const incident = p.locator('article[data-incident]').first();
      expect(await incident.innerText()).toMatch(/http\.upstream/);
      await screenshot(p, 'incidents');
    });
  });
});
