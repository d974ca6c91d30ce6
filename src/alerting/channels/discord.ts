/**
 * Discord webhook messages: one embed. Discord answers 400 to an embed over any limit, so every
 * text is cut to fit, including the 6000-character total across the embed.
 */
import type { AlertEvent, AlertEventType, AlertFinding, AlertIncident } from '../events';
import { clip, formatDuration, formatUtc, headline, incidentDurationS, regionNames } from './format';
import { discordText } from './markup';

export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
} as const;

export const DISCORD_COLORS = {
  red: 0xd93f3f,
  orange: 0xf08c00,
  green: 0x2ea043,
} as const;

const COLOR_BY_TYPE: Record<AlertEventType, number> = {
  'incident.opened': DISCORD_COLORS.red,
  'incident.reminder': DISCORD_COLORS.red,
  'heartbeat.missed': DISCORD_COLORS.red,
  'lookout.tick_missed': DISCORD_COLORS.red,
  'incident.updated': DISCORD_COLORS.orange,
  'monitor.degraded': DISCORD_COLORS.orange,
  'finding.raised': DISCORD_COLORS.orange,
  'incident.resolved': DISCORD_COLORS.green,
};

export interface DiscordField {
  name: string;
  value: string;
  inline: boolean;
}

export interface DiscordEmbed {
  title: string;
  /** Left out when empty: Discord rejects an empty description. */
  description?: string;
  color: number;
  fields: DiscordField[];
  timestamp: string;
  footer: { text: string };
  url?: string;
}

export interface DiscordMessage {
  embeds: [DiscordEmbed];
  /** Nothing in an alert may ping @everyone or a role, whatever a monitor is named. */
  allowed_mentions: { parse: [] };
}

export function discordMessage(event: AlertEvent): DiscordMessage {
  const allFields = [
    discordField('Monitor', event.monitor.name, true),
    ...(event.monitor.group ? [discordField('Group', event.monitor.group, true)] : []),
    discordField('Severity', event.severity, true),
    ...(event.incident ? incidentFields(event, event.incident) : []),
    ...(event.finding ? findingFields(event.finding) : []),
  ];

  const title = clip(discordText(headline(event)), DISCORD_LIMITS.title);
  const footer = { text: clip(`Lookout · ${event.id}`, DISCORD_LIMITS.footer) };
  const summary = discordText(event.summary);
  // Within the 6000 total: the summary keeps up to 1000 characters, the fields share what is
  // left in order (cause and hint first), and the summary then takes whatever they did not use.
  const reserved = Math.min(summary.length, 1000);
  const fields = fitFields(
    allFields.slice(0, DISCORD_LIMITS.fields),
    DISCORD_LIMITS.total - title.length - footer.text.length - reserved,
  );
  const used =
    title.length + footer.text.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const description = clip(summary, Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - used));

  const embed: DiscordEmbed = {
    title,
    color: COLOR_BY_TYPE[event.type],
    fields,
    timestamp: new Date(event.occurredAt).toISOString(),
    footer,
  };
  if (description) embed.description = description;
  if (event.statusPageUrl) embed.url = event.statusPageUrl;
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}

function incidentFields(event: AlertEvent, incident: AlertIncident): DiscordField[] {
  const cause =
    event.type === 'incident.updated' && incident.previousCause
      ? `\`${incident.previousCause}\` → \`${incident.cause}\``
      : `\`${incident.cause}\``;
  const fields = [
    // Explanations and hints are Lookout's own words.
    discordField('Cause', `${cause}\n${incident.explanation}`, false, false),
    discordField('Hint', incident.hint, false, false),
  ];
  if (incident.regions.length > 0) fields.push(discordField('Regions', regionNames(incident.regions), true));
  const durationS = incidentDurationS(incident);
  if (event.type === 'incident.resolved') {
    fields.push(discordField('Duration', durationS === null ? 'unknown' : formatDuration(durationS), true));
  }
  fields.push(discordField('Since', formatUtc(incident.startedAt), true));
  if (incident.dependents.length > 0) {
    fields.push(discordField('Also failing', incident.dependents.join(', '), false));
  }
  return fields;
}

function findingFields(finding: AlertFinding): DiscordField[] {
  return [
    discordField('Finding', `\`${finding.code}\`\n${finding.explanation}`, false, false),
    discordField('Detail', finding.detail, false),
    discordField('Hint', finding.hint, false, false),
    ...Object.entries(finding.data).map(([key, value]) => discordField(key, String(value), true)),
  ];
}

/** The fields, in order, that fit in `budget` characters; the last one kept may be cut short. */
function fitFields(fields: DiscordField[], budget: number): DiscordField[] {
  const kept: DiscordField[] = [];
  let left = budget;
  for (const f of fields) {
    const room = left - f.name.length;
    if (room < 16) break; // too little left to say anything useful
    const value = clip(f.value, room);
    kept.push({ ...f, value });
    left -= f.name.length + value.length;
  }
  return kept;
}

/** Discord rejects an empty field value, so an empty one shows a dash. */
function discordField(name: string, value: string, inline: boolean, escape = true): DiscordField {
  const text = escape ? discordText(value) : value;
  return {
    name: clip(name, DISCORD_LIMITS.fieldName) || '-',
    value: clip(text, DISCORD_LIMITS.fieldValue) || '-',
    inline,
  };
}
