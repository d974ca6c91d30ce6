/**
 * Matrix client-server API: `PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}`
 * with the event id as transaction id, so a retried send is the same message to the homeserver.
 * A notice (what bots send), a plain `body` and an HTML `formatted_body`, both from the digest;
 * an empty `m.mentions` says the message mentions no one, so "@room" in a target's text pings nobody.
 */
import type { AlertEvent } from '../events';
import { alertDigest, FACT_TEXT_MAX, SUMMARY_MAX } from './digest';
import { clip } from './format';
import { htmlEscape, htmlText, plainText } from './markup';

export interface MatrixMessage {
  msgtype: 'm.notice';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  'm.mentions': Record<string, never>;
}

export function matrixMessage(event: AlertEvent): MatrixMessage {
  const digest = alertDigest(event);
  const title = clip(digest.title, 256);
  const facts = digest.facts.map((f) => ({ ...f, text: clip(f.text, FACT_TEXT_MAX) }));
  const summary = clip(digest.summary, SUMMARY_MAX);
  const body = [
    plainText(title),
    plainText(summary),
    ...facts.map((f) => `${f.label}: ${f.code ? `${f.code} ` : ''}${plainText(f.text)}`),
    ...(digest.link ? [`Status page: ${digest.link}`] : []),
    digest.footer,
  ].join('\n');
  const html = [
    `<p><strong>${htmlText(title)}</strong><br>${htmlText(summary)}</p>`,
    `<ul>${facts
      .map(
        (f) =>
          `<li><strong>${htmlEscape(f.label)}:</strong> ${f.code ? `<code>${htmlEscape(f.code)}</code> ` : ''}${htmlText(f.text).replace(/\n/g, '<br>')}</li>`,
      )
      .join('')}</ul>`,
    ...(digest.link ? [`<p><a href="${htmlEscape(digest.link)}">Open on the status page</a></p>`] : []),
    `<p><em>${htmlText(digest.footer)}</em></p>`,
  ].join('');
  return {
    msgtype: 'm.notice',
    body,
    format: 'org.matrix.custom.html',
    formatted_body: html,
    'm.mentions': {},
  };
}

/** The send URL; room ids ("!abc:example.org") and transaction ids are path-encoded. */
export function matrixUrl(homeserverUrl: string, roomId: string, txnId: string): string {
  const base = homeserverUrl.replace(/\/+$/, '');
  return `${base}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
}
