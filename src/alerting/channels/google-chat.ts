/**
 * Google Chat incoming webhooks: a short `text` (the notification) and one card (cardsV2). Card
 * text takes a small HTML subset, so outside text is HTML-escaped there; the `text` field has
 * its own markup (*bold*, <users/all>, <url|link>), so it carries only Lookout's headline with
 * the monitor's name made inert.
 */
import type { AlertEvent } from '../events';
import { alertDigest, FACT_TEXT_MAX, SUMMARY_MAX } from './digest';
import { clip } from './format';
import { htmlEscape, htmlTextNoCode } from './markup';

interface DecoratedText {
  decoratedText: { topLabel: string; text: string; wrapText: true };
}
interface TextParagraph {
  textParagraph: { text: string };
}
interface ButtonList {
  buttonList: { buttons: { text: string; onClick: { openLink: { url: string } } }[] };
}
type Widget = DecoratedText | TextParagraph | ButtonList;

export interface GoogleChatMessage {
  text: string;
  cardsV2: [
    {
      cardId: string;
      card: {
        header: { title: string; subtitle: string };
        sections: { widgets: Widget[] }[];
      };
    },
  ];
}

/** Chat's text markup: `*_~\`` formatting and `<...>` links and mentions, turned into look-alikes. */
const CHAT_LOOKALIKES: Record<string, string> = {
  '*': '∗',
  _: 'ˍ',
  '~': '∼',
  '`': 'ˋ',
  '<': '‹',
  '>': '›',
  '@': '@\u2060',
};
export const googleChatText = (text: string) => text.replace(/[*_~`<>@]/g, (c) => CHAT_LOOKALIKES[c] ?? c);

export function googleChatMessage(event: AlertEvent): GoogleChatMessage {
  const digest = alertDigest(event);
  const facts: Widget[] = digest.facts.map((fact) => ({
    decoratedText: {
      topLabel: fact.label,
      text:
        (fact.code ? `<b>${htmlEscape(fact.code)}</b> ` : '') +
        htmlTextNoCode(clip(fact.text, FACT_TEXT_MAX)).replace(/\n/g, '<br>'),
      wrapText: true,
    },
  }));
  const widgets: Widget[] = [
    { textParagraph: { text: htmlTextNoCode(clip(digest.summary, SUMMARY_MAX)) } },
    ...facts,
  ];
  if (digest.link)
    widgets.push({
      buttonList: {
        buttons: [{ text: 'Open on the status page', onClick: { openLink: { url: digest.link } } }],
      },
    });
  widgets.push({ textParagraph: { text: `<font color="#80868b">${htmlEscape(digest.footer)}</font>` } });
  return {
    text: googleChatText(clip(digest.title, 300)),
    cardsV2: [
      {
        cardId: event.id,
        card: {
          // Header titles and subtitles are plain text in Chat.
          header: { title: clip(digest.title, 200), subtitle: clip(event.monitor.group ?? 'Lookout', 200) },
          sections: [{ widgets }],
        },
      },
    ],
  };
}
