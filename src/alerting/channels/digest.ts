/**
 * What every newer channel says about an event, before any markup: a headline, the summary, a
 * list of labelled facts (cause, explanation, hint, regions, times, finding) and the link back to
 * the status page. Each channel renders it in its own markup, escaping what came from outside.
 */
import type { AlertEvent, AlertEventType, AlertFinding, AlertIncident } from '../events';
import {
  clip,
  formatDuration,
  formatUtc,
  headline,
  incidentDurationS,
  monitorLabel,
  regionNames,
} from './format';

export interface DigestFact {
  label: string;
  /** Lookout's own code (a cause or finding code, "a → b" for a change), shown as code; never escaped. */
  code?: string;
  /** The value: text that may have come from a target, escaped by every renderer. */
  text: string;
  /** Short enough to sit beside another fact. */
  short: boolean;
}

export type DigestTone = 'down' | 'warning' | 'ok';

export interface AlertDigest {
  /** "🔴 Down: Orders API" (the monitor's name is outside text). */
  title: string;
  summary: string;
  facts: DigestFact[];
  /** The monitor on the status page, when the public URL is configured. */
  link: string | null;
  /** "Lookout · evt_… · 2026-04-20 13:05 UTC". */
  footer: string;
  tone: DigestTone;
}

const TONE: Record<AlertEventType, DigestTone> = {
  'incident.opened': 'down',
  'incident.reminder': 'down',
  'heartbeat.missed': 'down',
  'lookout.tick_missed': 'down',
  'incident.updated': 'warning',
  'monitor.degraded': 'warning',
  'finding.raised': 'warning',
  'incident.resolved': 'ok',
};

/** One colour per tone, as hex without "#": red, orange, green (the Discord embed's). */
export const TONE_COLORS: Record<DigestTone, string> = { down: 'd93f3f', warning: 'f08c00', ok: '2ea043' };

export function alertDigest(event: AlertEvent): AlertDigest {
  const facts: DigestFact[] = [{ label: 'Monitor', text: monitorLabel(event), short: true }];
  if (event.incident) facts.push(...incidentFacts(event, event.incident));
  if (event.finding) facts.push(...findingFacts(event.finding));
  if (!event.incident) facts.push({ label: 'At', text: formatUtc(event.occurredAt), short: true });
  return {
    title: headline(event),
    summary: event.summary,
    facts,
    link: event.statusPageUrl,
    footer: `Lookout · ${event.id} · ${formatUtc(event.occurredAt)}`,
    tone: TONE[event.type],
  };
}

function incidentFacts(event: AlertEvent, incident: AlertIncident): DigestFact[] {
  const code =
    event.type === 'incident.updated' && incident.previousCause
      ? `${incident.previousCause} → ${incident.cause}`
      : incident.cause;
  const facts: DigestFact[] = [
    { label: 'Cause', code, text: incident.explanation, short: false },
    { label: 'Hint', text: incident.hint, short: false },
  ];
  if (incident.regions.length > 0)
    facts.push({ label: 'Regions', text: regionNames(incident.regions), short: true });
  if (event.type === 'incident.resolved') {
    const durationS = incidentDurationS(incident);
    const lasted = durationS === null ? 'unknown' : formatDuration(durationS);
    facts.push({ label: 'Duration', text: `${lasted}, since ${formatUtc(incident.startedAt)}`, short: true });
  } else {
    const sofar = formatDuration((event.occurredAt - incident.startedAt) / 1000);
    facts.push({ label: 'Since', text: `${formatUtc(incident.startedAt)} (${sofar})`, short: true });
  }
  if (incident.dependents.length > 0)
    facts.push({ label: 'Also failing', text: incident.dependents.join(', '), short: false });
  return facts;
}

function findingFacts(finding: AlertFinding): DigestFact[] {
  const facts: DigestFact[] = [
    { label: 'Finding', code: finding.code, text: finding.explanation, short: false },
    { label: 'Detail', text: finding.detail, short: false },
    { label: 'Hint', text: finding.hint, short: false },
  ];
  const data = Object.entries(finding.data);
  if (data.length > 0)
    facts.push({ label: 'Data', text: data.map(([k, v]) => `${k}: ${String(v)}`).join('\n'), short: false });
  return facts;
}

/**
 * The rendered parts, in order, that fit in `max` characters with `separator` between them: a
 * part is kept whole or dropped (cutting an escaped part could split an entity or a tag).
 */
export function fitParts(parts: string[], max: number, separator: string): string {
  let out = '';
  for (const part of parts) {
    const next = out ? `${out}${separator}${part}` : part;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

/** Cuts outside text before it is escaped, so no one field crowds out the rest. */
export const FACT_TEXT_MAX = 600;
export const SUMMARY_MAX = 1000;

/** `escape(text)` within `max` characters: the text is cut before escaping, never an entity after. */
export function escapeWithin(text: string, max: number, escape: (s: string) => string): string {
  let budget = max;
  let out = escape(clip(text, budget));
  while (out.length > max && budget > 0) {
    // Shrink in proportion to how much escaping grew it: converges in a few steps.
    budget = Math.min(budget - 1, Math.floor((budget * max) / out.length));
    out = escape(clip(text, budget));
  }
  return out;
}
