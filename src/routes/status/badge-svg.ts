import { el, XmlMarkup } from '../../lib/xml';
import { COLORS, type Badge } from './badge';

/**
 * Verdana's advance widths for ASCII 32..126, in font units (2048 to the em). At 11px a character
 * is `units * 11 / 2048` pixels wide; anything else counts as a wide character.
 */
// prettier-ignore
const VERDANA_UNITS = [
  720, 823, 940, 1716, 1300, 2222, 1491, 552, 936, 936, 1300, 1716, 745, 936, 745, 936, // space to /
  1300, 1300, 1300, 1300, 1300, 1300, 1300, 1300, 1300, 1300, // 0-9
  936, 936, 1716, 1716, 1716, 1114, 2048, // : to @
  1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 860, 936, 1418, 1141, 1726, // A-M
  1532, 1612, 1235, 1612, 1424, 1400, 1262, 1499, 1401, 2025, 1403, 1260, 1403, // N-Z
  936, 936, 936, 1716, 1300, 1300, // [ to `
  1229, 1276, 1064, 1276, 1219, 720, 1276, 1296, 562, 705, 1212, 562, 1992, // a-m
  1296, 1243, 1276, 1276, 874, 1064, 807, 1296, 1212, 1673, 1212, 1212, 1076, // n-z
  1300, 936, 1300, 1716, // { to ~
];
const WIDE_UNITS = 2048;

/** The estimated width of a text in Verdana 11px, in pixels. */
export function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += code >= 32 && code <= 126 ? (VERDANA_UNITS[code - 32] as number) : WIDE_UNITS;
  }
  return (units * 11) / 2048;
}

const PADDING = 5;
const FONT = 'Verdana,Geneva,DejaVu Sans,sans-serif';

/** Two copies of a text, the first a faint shadow; sizes are in tenths of a pixel, as shields draws them. */
function label(text: string, center: number, width: number): XmlMarkup[] {
  const at = { x: center * 10, transform: 'scale(.1)', textLength: width * 10 };
  return [
    el('text', { 'aria-hidden': 'true', ...at, y: 150, fill: '#010101', 'fill-opacity': '.3' }, text),
    el('text', { ...at, y: 140, fill: '#fff' }, text),
  ];
}

/** A badge in shields.io's flat style: a grey label, a coloured message, 20px high. */
export function badgeSvg(badge: Badge): string {
  const labelText = Math.ceil(textWidth(badge.label));
  const messageText = Math.ceil(textWidth(badge.message));
  const left = labelText + 2 * PADDING;
  const right = messageText + 2 * PADDING;
  const width = left + right;
  const name = `${badge.label}: ${badge.message}`;
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height: 20, role: 'img', 'aria-label': name },
    el('title', {}, name),
    el(
      'linearGradient',
      { id: 's', x2: 0, y2: '100%' },
      el('stop', { offset: 0, 'stop-color': '#bbb', 'stop-opacity': '.1' }),
      el('stop', { offset: 1, 'stop-opacity': '.1' }),
    ),
    el('clipPath', { id: 'r' }, el('rect', { width, height: 20, rx: 3, fill: '#fff' })),
    el(
      'g',
      { 'clip-path': 'url(#r)' },
      el('rect', { width: left, height: 20, fill: '#555' }),
      el('rect', { x: left, width: right, height: 20, fill: COLORS[badge.color] }),
      el('rect', { width, height: 20, fill: 'url(#s)' }),
    ),
    el(
      'g',
      {
        fill: '#fff',
        'text-anchor': 'middle',
        'font-family': FONT,
        'text-rendering': 'geometricPrecision',
        'font-size': 110,
      },
      ...label(badge.label, left / 2, labelText),
      ...label(badge.message, left + right / 2, messageText),
    ),
  ).markup;
}
