/**
 * Pushover Message API (`POST /1/messages.json`) with html=1: outside text HTML-escaped (Pushover
 * shows <b>, <i>, <u>, <font> and <a>, and has no code tag), the status page as the supplementary
 * URL. Pushover refuses a message over 1024 characters or a title over 250.
 */
import type { AlertEvent } from '../events';
import type { Severity } from '../../probes/taxonomy';
import { alertDigest, escapeWithin, fitParts, FACT_TEXT_MAX } from './digest';
import { clip } from './format';
import { htmlEscape, htmlTextNoCode } from './markup';

export const PUSHOVER_API_URL = 'https://api.pushover.net';
export const PUSHOVER_LIMITS = { message: 1024, title: 250, url: 512, urlTitle: 100 } as const;

export interface PushoverMessage {
  token: string;
  user: string;
  title: string;
  message: string;
  html: 1;
  /** -1 quiet, 0 normal, 1 high (bypasses quiet hours); 2 (emergency) needs acknowledging, not used. */
  priority: -1 | 0 | 1;
  timestamp: number;
  url?: string;
  url_title?: string;
  device?: string;
}

const PRIORITY: Record<Severity, PushoverMessage['priority']> = { critical: 1, warning: 0, info: -1 };

export function pushoverMessage(
  event: AlertEvent,
  token: string,
  user: string,
  device: string | null = null,
): PushoverMessage {
  const digest = alertDigest(event);
  const parts = [
    escapeWithin(digest.summary, 600, htmlTextNoCode),
    ...digest.facts.map(
      (f) =>
        `<b>${htmlEscape(f.label)}:</b> ${f.code ? `<i>${htmlEscape(f.code)}</i> ` : ''}${htmlTextNoCode(clip(f.text, FACT_TEXT_MAX))}`,
    ),
  ];
  const message: PushoverMessage = {
    token,
    user,
    // Titles are plain text in Pushover, even with html=1.
    title: clip(digest.title, PUSHOVER_LIMITS.title),
    message: fitParts(parts, PUSHOVER_LIMITS.message, '\n'),
    html: 1,
    priority: event.type === 'incident.resolved' ? 0 : PRIORITY[event.severity],
    timestamp: Math.floor(event.occurredAt / 1000),
  };
  if (digest.link && digest.link.length <= PUSHOVER_LIMITS.url) {
    message.url = digest.link;
    message.url_title = 'Open on the status page';
  }
  if (device) message.device = device;
  return message;
}
