/**
 * Mattermost incoming webhooks: a markdown `text` and one attachment (Slack-style) with the facts
 * as fields. Every outside text is escaped for Mattermost's markdown and its mentions broken
 * (markup.ts); URLs show in code spans.
 */
import type { AlertEvent } from '../events';
import { alertDigest, FACT_TEXT_MAX, SUMMARY_MAX, TONE_COLORS } from './digest';
import { clip } from './format';
import { mattermostText } from './markup';

/** Mattermost cuts posts at 16383 characters; attachments count towards it. */
export const MATTERMOST_TEXT_MAX = 4000;

export interface MattermostField {
  title: string;
  value: string;
  short: boolean;
}

export interface MattermostMessage {
  text: string;
  attachments: [
    {
      fallback: string;
      color: string;
      title: string;
      title_link?: string;
      fields: MattermostField[];
      footer: string;
    },
  ];
}

export function mattermostMessage(event: AlertEvent): MattermostMessage {
  const digest = alertDigest(event);
  const title = mattermostText(clip(digest.title, 256));
  const attachment: MattermostMessage['attachments'][0] = {
    fallback: title,
    color: `#${TONE_COLORS[digest.tone]}`,
    title,
    fields: digest.facts.map((fact) => ({
      title: fact.label,
      value: (fact.code ? `\`${fact.code}\` ` : '') + mattermostText(clip(fact.text, FACT_TEXT_MAX)),
      short: fact.short,
    })),
    footer: mattermostText(digest.footer),
  };
  if (digest.link) attachment.title_link = digest.link;
  return {
    text: `**${title}**\n${mattermostText(clip(digest.summary, SUMMARY_MAX))}`,
    attachments: [attachment],
  };
}
