/**
 * Microsoft Teams through a Power Automate workflow webhook ("When a Teams webhook request is
 * received"): a message with one Adaptive Card attachment. Outside text goes only into TextRuns
 * of RichTextBlocks, which Adaptive Cards never read as markdown, so nothing in it formats or
 * links; TextBlocks (markdown) carry only Lookout's own labels.
 */
import type { AlertEvent } from '../events';
import { alertDigest, FACT_TEXT_MAX, SUMMARY_MAX, type DigestTone } from './digest';
import { clip } from './format';
import { plainText } from './markup';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  fontType?: 'Monospace';
  color?: 'Attention' | 'Warning' | 'Good';
}

type CardElement =
  | { type: 'RichTextBlock'; inlines: TextRun[]; wrap?: never }
  | { type: 'TextBlock'; text: string; wrap: true; isSubtle?: true; size?: 'Small' };

export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
  actions?: { type: 'Action.OpenUrl'; title: string; url: string }[];
  msteams: { width: 'Full' };
}

export interface TeamsMessage {
  type: 'message';
  attachments: [{ contentType: typeof ADAPTIVE_CARD; contentUrl: null; content: AdaptiveCard }];
}

const COLOR: Record<DigestTone, TextRun['color']> = { down: 'Attention', warning: 'Warning', ok: 'Good' };

export function teamsMessage(event: AlertEvent): TeamsMessage {
  const digest = alertDigest(event);
  const run = (text: string, extra: Partial<TextRun> = {}): TextRun => ({
    type: 'TextRun',
    text: plainText(text),
    ...extra,
  });
  const body: CardElement[] = [
    {
      type: 'RichTextBlock',
      inlines: [run(clip(digest.title, 256), { weight: 'Bolder', color: COLOR[digest.tone] })],
    },
    { type: 'RichTextBlock', inlines: [run(clip(digest.summary, SUMMARY_MAX))] },
    ...digest.facts.map((fact): CardElement => ({
      type: 'RichTextBlock',
      inlines: [
        run(`${fact.label}: `, { weight: 'Bolder' }),
        ...(fact.code ? [run(fact.code, { fontType: 'Monospace' }), run(' ')] : []),
        run(clip(fact.text, FACT_TEXT_MAX)),
      ],
    })),
    { type: 'RichTextBlock', inlines: [run(digest.footer)] },
  ];
  const card: AdaptiveCard = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    msteams: { width: 'Full' },
  };
  if (digest.link)
    card.actions = [{ type: 'Action.OpenUrl', title: 'Open on the status page', url: digest.link }];
  return {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD, contentUrl: null, content: card }],
  };
}
