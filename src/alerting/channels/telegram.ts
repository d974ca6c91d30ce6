/**
 * Telegram Bot API `sendMessage` with parse_mode HTML: outside text is escaped (markup.ts), URLs
 * shown in code, link previews off. Telegram rejects a text over 4096 characters, so facts that
 * do not fit are left out whole.
 */
import type { AlertEvent } from '../events';
import { alertDigest, escapeWithin, fitParts, FACT_TEXT_MAX, type DigestFact } from './digest';
import { clip } from './format';
import { htmlEscape, htmlText } from './markup';

export const TELEGRAM_API_URL = 'https://api.telegram.org';
export const TELEGRAM_TEXT_MAX = 4096;

export interface TelegramMessage {
  chat_id: string | number;
  message_thread_id?: number;
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: true };
}

export function telegramMessage(
  event: AlertEvent,
  chatId: string | number,
  threadId: number | null = null,
): TelegramMessage {
  const digest = alertDigest(event);
  const link = digest.link ? `<a href="${htmlEscape(digest.link)}">Open on the status page</a>` : '';
  const head = [
    `<b>${escapeWithin(digest.title, 600, htmlText)}</b>`,
    escapeWithin(digest.summary, 3000, htmlText),
  ];
  const tail = [link, `<i>${htmlText(digest.footer)}</i>`].filter(Boolean);
  const budget = TELEGRAM_TEXT_MAX - tail.join('\n').length - 2;
  const body = fitParts([...head, ...digest.facts.map(telegramFact)], budget, '\n');
  const message: TelegramMessage = {
    chat_id: chatId,
    text: [body, ...tail].join('\n'),
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
  };
  if (threadId !== null) message.message_thread_id = threadId;
  return message;
}

function telegramFact(fact: DigestFact): string {
  const code = fact.code ? `<code>${htmlEscape(fact.code)}</code> ` : '';
  return `<b>${htmlEscape(fact.label)}:</b> ${code}${htmlText(clip(fact.text, FACT_TEXT_MAX))}`;
}

/** `{api}/bot{token}/sendMessage`: the token is part of the path, as the Bot API wants it. */
export const telegramUrl = (apiUrl: string, botToken: string) =>
  `${apiUrl.replace(/\/+$/, '')}/bot${botToken}/sendMessage`;
