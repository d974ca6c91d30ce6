/**
 * One email as every provider takes it: addresses, a subject, plain text and HTML. Alerts build
 * it (src/alerting/channels/email.ts); any other mail Lookout sends can build it the same way and
 * hand it to a provider (./providers.ts).
 */
import { clip } from '../lib/clip';

export interface EmailContent {
  /** "Lookout <alerts@example.com>" or a bare address. */
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Extra headers (e.g. X-Entity-Ref-ID so a client threads an incident's mail). */
  headers?: Record<string, string>;
}

/** "Name <addr@example.com>" as its parts; a bare address has no name. */
export function parseAddress(address: string): { email: string; name: string | null } {
  const match = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(address);
  if (!match) return { email: address.trim(), name: null };
  const name = (match[1] ?? '').replace(/^"(.*)"$/, '$1');
  return { email: match[2] ?? '', name: name || null };
}

/** RFC 5322's line limit for a header; Cloudflare and Resend both refuse longer subjects. */
export const SUBJECT_MAX = 998;

/**
 * A subject from outside text: one line (a CR or LF could start a header of its own in a MIME
 * message), no control characters, within the limit.
 */
export function subjectLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return clip(text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim(), SUBJECT_MAX);
}

/** A whole HTML document around `body` (already escaped by the caller), readable in every client. */
export function htmlDocument(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title></head>`,
    '<body style="margin:0;padding:16px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;background:#ffffff">',
    body,
    '</body></html>',
  ].join('\n');
}
