/**
 * ntfy (ntfy.sh or a self-hosted server), published as JSON to the server's root URL. Markdown
 * stays off, so the message is plain text and nothing in it formats; the click action opens the
 * status page.
 */
import type { AlertEvent } from '../events';
import type { Severity } from '../../probes/taxonomy';
import { alertDigest, fitParts, FACT_TEXT_MAX, SUMMARY_MAX } from './digest';
import { clip } from './format';

export const NTFY_SERVER_URL = 'https://ntfy.sh';
/** ntfy turns a longer message into an attachment; this keeps it a message. */
export const NTFY_MESSAGE_MAX = 4000;

export interface NtfyMessage {
  topic: string;
  title: string;
  message: string;
  /** 1 (min) to 5 (max, urgent). */
  priority: 1 | 2 | 3 | 4 | 5;
  /** Emoji short codes shown before the title. */
  tags: string[];
  click?: string;
  markdown: false;
}

const PRIORITY: Record<Severity, NtfyMessage['priority']> = { critical: 5, warning: 4, info: 3 };

export function ntfyMessage(event: AlertEvent, topic: string): NtfyMessage {
  const digest = alertDigest(event);
  const lines = [
    clip(digest.summary, SUMMARY_MAX),
    ...digest.facts.map((f) => `${f.label}: ${f.code ? `${f.code} ` : ''}${clip(f.text, FACT_TEXT_MAX)}`),
  ];
  const message: NtfyMessage = {
    topic,
    title: clip(digest.title, 250),
    message: fitParts(lines, NTFY_MESSAGE_MAX, '\n'),
    priority: event.type === 'incident.resolved' ? 3 : PRIORITY[event.severity],
    tags: ['lookout', event.type.replace('.', '_')],
    markdown: false,
  };
  if (digest.link) message.click = digest.link;
  return message;
}
