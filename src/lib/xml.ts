/**
 * A tiny XML writer for the feed and the badges: text and attribute values are escaped here and
 * nowhere else, so a caller cannot forget to (or do it twice).
 */

/** Characters XML 1.0 does not allow at all, even escaped: most C0 controls, lone surrogates, U+FFFE/F. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching the control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

/** Markup already written by `el`: children of this type are not escaped again. */
export class XmlMarkup {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type XmlChild = XmlMarkup | string | number | null | undefined | false;
export type XmlAttributes = Record<string, string | number | null | undefined>;

/** One element; attributes that are null or undefined are left out, text children are escaped. */
export function el(name: string, attributes: XmlAttributes = {}, ...children: XmlChild[]): XmlMarkup {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  const content = children
    .filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof XmlMarkup ? child.markup : escapeXml(String(child))))
    .join('');
  return new XmlMarkup(content === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`);
}

export function xmlDocument(root: XmlMarkup): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root.markup}\n`;
}
