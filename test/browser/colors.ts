/** Page colours as the reader sees them, and WCAG's luminance and contrast ratio over them. */
import type { Page } from 'playwright-core';

export type Rgba = [number, number, number, number];

/**
 * The body's text colour and the background behind it, both opaque sRGB 0-255. The background is the
 * body's, else the root's (pages often paint <html>), over the canvas's white. A 2D canvas converts
 * whatever syntax the computed style uses (rgb, oklch, color()) into sRGB pixels.
 */
export async function bodyColors(page: Page): Promise<{ text: Rgba; background: Rgba }> {
  const [text, body, root] = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas');
    const pixel = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    };
    const style = (element: Element) => getComputedStyle(element);
    return [
      pixel(style(document.body).color),
      pixel(style(document.body).backgroundColor),
      pixel(style(document.documentElement).backgroundColor),
    ];
  });
  const background = over(body as Rgba, over(root as Rgba, [255, 255, 255, 255]));
  return { text: over(text as Rgba, background), background };
}

/** `top` painted over an opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3] / 255;
  const mix = (i: 0 | 1 | 2) => Math.round(top[i] * a + bottom[i] * (1 - a));
  return [mix(0), mix(1), mix(2), 255];
}

/** WCAG 2 relative luminance: 0 for black, 1 for white. */
export function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1 to 21; body text needs 4.5 (AA). */
export function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
