/**
 * Alert email: a subject line, plain text and HTML from the digest. Outside text is escaped in the
 * HTML (markup.ts) and kept to one line in the subject; the plain text part is text.
 */
import { htmlDocument, subjectLine, type EmailContent } from '../../email/message';
import type { AlertEvent } from '../events';
import { alertDigest, FACT_TEXT_MAX, SUMMARY_MAX, TONE_COLORS } from './digest';
import { clip } from './format';
import { htmlEscape, htmlText } from './markup';

export function alertEmail(event: AlertEvent, from: string, to: readonly string[]): EmailContent {
  const digest = alertDigest(event);
  const title = clip(digest.title, 256);
  const summary = clip(digest.summary, SUMMARY_MAX);
  const facts = digest.facts.map((f) => ({ ...f, text: clip(f.text, FACT_TEXT_MAX) }));
  const text = [
    title,
    '',
    summary,
    '',
    ...facts.map((f) => `${f.label}: ${f.code ? `${f.code} ` : ''}${f.text.replace(/\n/g, '\n  ')}`),
    ...(digest.link ? ['', `Open on the status page: ${digest.link}`] : []),
    '',
    '-- ',
    digest.footer,
  ].join('\n');
  const rows = facts
    .map(
      (f) =>
        `<tr><th align="left" valign="top" style="padding:4px 12px 4px 0;white-space:nowrap">${htmlEscape(f.label)}</th>` +
        `<td style="padding:4px 0">${f.code ? `<code>${htmlEscape(f.code)}</code> ` : ''}${htmlText(f.text).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('\n');
  const body = [
    `<h2 style="margin:0 0 8px;font-size:18px;border-left:4px solid #${TONE_COLORS[digest.tone]};padding-left:8px">${htmlText(title)}</h2>`,
    `<p style="margin:0 0 12px">${htmlText(summary)}</p>`,
    `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">\n${rows}\n</table>`,
    ...(digest.link
      ? [`<p><a href="${htmlEscape(digest.link)}" style="color:#0969da">Open on the status page</a></p>`]
      : []),
    `<p style="color:#656d76;font-size:12px">${htmlText(digest.footer)}</p>`,
  ].join('\n');
  return {
    from,
    to: [...to],
    subject: subjectLine(`[Lookout] ${title}`),
    text,
    html: htmlDocument(htmlText(title), body),
  };
}
