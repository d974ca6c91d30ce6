/**
 * Slack incoming-webhook messages (Block Kit). Slack rejects a message whose blocks break a limit
 * (invalid_blocks), so every text is cut to its limit here rather than trusted to be short.
 */
import type { AlertEvent, AlertFinding, AlertIncident } from '../events';
import {
  clip,
  formatDuration,
  formatUtc,
  headline,
  incidentDurationS,
  monitorLabel,
  regionNames,
} from './format';
import { slackEntities, slackText } from './markup';

export const SLACK_LIMITS = {
  header: 150,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  contextText: 3000,
  /** The notification fallback: Slack allows far more, but it is one line for a phone screen. */
  text: 3000,
} as const;

interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: true;
}
interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /** No auto-linking of URLs, channel names or mentions: only our own `<url|text>` links. */
  verbatim: true;
}
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn; fields?: Mrkdwn[] }
  | { type: 'context'; elements: Mrkdwn[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  /** No previews of links a target put in a message. */
  unfurl_links: false;
  unfurl_media: false;
}

export function slackMessage(event: AlertEvent): SlackMessage {
  const fields = [
    field('Monitor', monitorLabel(event)),
    ...(event.incident ? incidentFields(event, event.incident) : []),
    ...(event.finding ? findingFields(event.finding) : []),
  ];
  if (!event.incident) fields.push(field('At', formatUtc(event.occurredAt)));

  const context: Mrkdwn[] = [];
  if (event.statusPageUrl && event.statusPageUrl.length < SLACK_LIMITS.contextText - 40) {
    context.push(mrkdwn(`<${slackEntities(event.statusPageUrl)}|Open on the status page>`));
  }
  context.push(mrkdwn(`Lookout · ${slackText(event.id)} · ${formatUtc(event.occurredAt)}`));

  return {
    // mrkdwn too, in notifications: escaped so a name like "<!channel>" pings no one.
    text: escapeClip(event.summary, SLACK_LIMITS.text),
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: clip(headline(event), SLACK_LIMITS.header), emoji: true },
      },
      {
        type: 'section',
        text: mrkdwn(escapeClip(event.summary, SLACK_LIMITS.sectionText)),
        fields: fields.slice(0, SLACK_LIMITS.fields),
      },
      { type: 'context', elements: context },
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}

function incidentFields(event: AlertEvent, incident: AlertIncident): Mrkdwn[] {
  const cause =
    event.type === 'incident.updated' && incident.previousCause
      ? `\`${incident.previousCause}\` → \`${incident.cause}\``
      : `\`${incident.cause}\``;
  const fields = [
    field('Cause', `${cause}\n${incident.explanation}`, { raw: cause }),
    field('Hint', incident.hint),
  ];
  if (incident.regions.length > 0) fields.push(field('Regions', regionNames(incident.regions)));
  const durationS = incidentDurationS(incident);
  if (event.type === 'incident.resolved') {
    const lasted = durationS === null ? 'unknown' : formatDuration(durationS);
    fields.push(field('Duration', `${lasted}, since ${formatUtc(incident.startedAt)}`));
  } else {
    const sofar = formatDuration((event.occurredAt - incident.startedAt) / 1000);
    fields.push(field('Since', `${formatUtc(incident.startedAt)} (${sofar})`));
  }
  if (incident.dependents.length > 0) fields.push(field('Also failing', incident.dependents.join(', ')));
  return fields;
}

function findingFields(finding: AlertFinding): Mrkdwn[] {
  const code = `\`${finding.code}\``;
  const fields = [
    field('Finding', `${code}\n${finding.explanation}`, { raw: code }),
    field('Detail', finding.detail),
    field('Hint', finding.hint),
  ];
  const data = Object.entries(finding.data);
  if (data.length > 0) fields.push(field('Data', data.map(([k, v]) => `${k}: ${String(v)}`).join('\n')));
  return fields;
}

/**
 * A "*Label*\nvalue" field within the field limit. `raw` is a leading part of the value that is
 * our own markup (code spans), left unescaped.
 */
function field(label: string, value: string, { raw = '' } = {}): Mrkdwn {
  const head = `*${label}*\n${raw}`;
  return mrkdwn(head + escapeClip(value.slice(raw.length), SLACK_LIMITS.field - head.length));
}

function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** Makes text inert (./markup), then fits `max` without cutting an entity in half (escaping makes text longer). */
function escapeClip(text: string, max: number): string {
  let budget = max;
  let out = slackText(clip(text, budget));
  while (out.length > max && budget > 0) {
    budget -= out.length - max;
    out = slackText(clip(text, budget));
  }
  return out;
}
