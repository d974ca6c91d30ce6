import { describe, expect, it } from 'vitest';
import {
  formatUptime,
  latencyValue,
  shieldsEndpoint,
  statusValue,
  uptimeValue,
  type BadgeColor,
} from '../../src/routes/status/badge';
import { badgeSvg, textWidth } from '../../src/routes/status/badge-svg';
import { child, childrenNamed, parseXml } from '../xml';

describe('badge values', () => {
  it.each([
    ['up', false, 'up', 'brightgreen'],
    ['degraded', false, 'degraded', 'yellow'],
    ['partial', false, 'partial outage', 'orange'],
    ['down', false, 'down', 'red'],
    ['unknown', false, 'unknown', 'lightgrey'],
    ['pending', false, 'pending', 'lightgrey'],
    ['down', true, 'maintenance', 'blue'],
    ['up', true, 'maintenance', 'blue'],
  ] as const)('status %s (maintenance: %s) reads %s in %s', (status, maintenance, message, color) => {
    expect(statusValue(status, maintenance)).toEqual({ message, color });
  });

  it.each([
    [100, '100%', 'brightgreen'],
    [99.9, '99.9%', 'brightgreen'],
    [99.899, '99.89%', 'green'],
    [99, '99%', 'green'],
    [98.999, '98.99%', 'yellow'],
    [95, '95%', 'yellow'],
    [94.5, '94.5%', 'orange'],
    [90, '90%', 'orange'],
    [66.667, '66.66%', 'red'],
    [0, '0%', 'red'],
  ] as [number, string, BadgeColor][])('uptime %s%% reads %s in %s', (pct, message, color) => {
    expect(uptimeValue(pct)).toEqual({ message, color });
  });

  it('never rounds an imperfect uptime up to 100%', () => {
    expect(formatUptime(99.999)).toBe('99.99%');
    expect(formatUptime(0.29)).toBe('0.29%');
  });

  it.each([
    [0, '0ms', 'green'],
    [299, '299ms', 'green'],
    [300, '300ms', 'yellow'],
    [999, '999ms', 'yellow'],
    [1000, '1000ms', 'orange'],
  ] as [number, string, BadgeColor][])('latency %s ms reads %s in %s', (ms, message, color) => {
    expect(latencyValue(ms)).toEqual({ message, color });
  });

  it('says "no data" in grey when a window has no checks', () => {
    expect(uptimeValue(null)).toEqual({ message: 'no data', color: 'lightgrey' });
    expect(latencyValue(null)).toEqual({ message: 'no data', color: 'lightgrey' });
  });

  it('gives the shields.io endpoint schema', () => {
    expect(shieldsEndpoint({ label: 'api', message: 'up', color: 'brightgreen' })).toEqual({
      schemaVersion: 1,
      label: 'api',
      message: 'up',
      color: 'brightgreen',
    });
  });
});

describe('text widths (Verdana 11px)', () => {
  it('measures characters by their width, not their count', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('a')).toBeCloseTo(6.6, 1);
    expect(textWidth('0123456789')).toBeCloseTo(69.8, 1);
    expect(textWidth('WWW')).toBeGreaterThan(2 * textWidth('iii'));
    expect(textWidth('uptime 30d')).toBeCloseTo(63.1, 1);
    // Outside ASCII: counted as a wide character (an em), so the text still fits.
    expect(textWidth('é')).toBe(11);
  });
});

describe('the SVG badge', () => {
  it('is well-formed flat-style SVG: grey label, coloured message, accessible name', () => {
    const svg = parseXml(badgeSvg({ label: 'Orders API', message: 'up', color: 'brightgreen' }));
    expect(svg.name).toBe('svg');
    expect(svg.attrs).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      height: '20',
      role: 'img',
      'aria-label': 'Orders API: up',
    });
    expect(child(svg, 'title').text).toBe('Orders API: up');
    const [shapes, texts] = childrenNamed(svg, 'g');
    const [label, message] = childrenNamed(shapes!, 'rect');
    expect(label?.attrs.fill).toBe('#555');
    expect(message?.attrs.fill).toBe('#4c1');
    const left = Number(label?.attrs.width);
    const right = Number(message?.attrs.width);
    expect(left).toBe(Math.ceil(textWidth('Orders API')) + 10);
    expect(right).toBe(Math.ceil(textWidth('up')) + 10);
    expect(Number(svg.attrs.width)).toBe(left + right);
    const text = childrenNamed(texts!, 'text');
    expect(text.map((t) => t.text)).toEqual(['Orders API', 'Orders API', 'up', 'up']);
    expect(text[1]?.attrs.x).toBe(String((left / 2) * 10));
  });

  it('escapes a label once, and drops characters XML cannot hold', () => {
    const text = badgeSvg({ label: `a<b>&"c'\u0007`, message: 'down', color: 'red' });
    expect(text).toContain('aria-label="a&lt;b&gt;&amp;&quot;c&apos;: down"');
    const svg = parseXml(text);
    expect(child(svg, 'title').text).toBe(`a<b>&"c': down`);
    expect(svg.attrs.width).toBe(
      String(Math.ceil(textWidth(`a<b>&"c'\u0007`)) + 10 + Math.ceil(textWidth('down')) + 10),
    );
  });
});
