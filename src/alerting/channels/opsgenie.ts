/**
 * Opsgenie Alert API v2. An incident's alert is created under the incident id as alias (Opsgenie
 * deduplicates open alerts by alias, so a reminder or a cause change adds to the same alert) and
 * closed by that alias when it resolves. Everything is plain text in Opsgenie: nothing to escape.
 */
import type { AlertEvent } from '../events';
import type { Severity } from '../../probes/taxonomy';
import { alertDigest } from './digest';
import { clip } from './format';
import { pagerDutyDedupKey } from './pagerduty';

export const OPSGENIE_API_URLS = {
  us: 'https://api.opsgenie.com',
  eu: 'https://api.eu.opsgenie.com',
} as const;

export const OPSGENIE_LIMITS = {
  message: 130,
  alias: 512,
  description: 15_000,
  tag: 50,
  tags: 20,
  entity: 512,
  detailKey: 8000,
  note: 25_000,
} as const;

export type OpsgeniePriority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
const PRIORITY: Record<Severity, OpsgeniePriority> = { critical: 'P1', warning: 'P3', info: 'P5' };

export interface OpsgenieCreate {
  message: string;
  alias: string;
  description: string;
  tags: string[];
  details: Record<string, string>;
  entity: string;
  source: 'Lookout';
  priority: OpsgeniePriority;
}

export interface OpsgenieClose {
  source: 'Lookout';
  note: string;
}

export type OpsgenieRequest =
  | { action: 'create'; path: string; body: OpsgenieCreate }
  | { action: 'close'; path: string; body: OpsgenieClose };

export function opsgenieRequest(event: AlertEvent, extraTags: readonly string[] = []): OpsgenieRequest {
  const alias = clip(pagerDutyDedupKey(event), OPSGENIE_LIMITS.alias);
  if (event.type === 'incident.resolved') {
    return {
      action: 'close',
      path: `/v2/alerts/${encodeURIComponent(alias)}/close?identifierType=alias`,
      body: { source: 'Lookout', note: clip(event.summary, OPSGENIE_LIMITS.note) },
    };
  }
  const digest = alertDigest(event);
  const description = [
    digest.summary,
    '',
    ...digest.facts.map((f) => `${f.label}: ${f.code ? `${f.code} ` : ''}${f.text}`),
    ...(digest.link ? ['', `Status page: ${digest.link}`] : []),
  ].join('\n');
  const code = event.incident?.cause ?? event.finding?.code ?? null;
  const tags = ['lookout', event.type, ...(code ? [code] : []), ...extraTags]
    .map((t) => clip(t, OPSGENIE_LIMITS.tag))
    .slice(0, OPSGENIE_LIMITS.tags);
  const details: Record<string, string> = {
    event_id: event.id,
    event_type: event.type,
    monitor_id: event.monitor.id,
  };
  if (event.monitor.group) details.group = event.monitor.group;
  if (code) details.cause = code;
  if (event.incident) details.regions = event.incident.regions.join(', ');
  if (digest.link) details.status_page = digest.link;
  return {
    action: 'create',
    path: '/v2/alerts',
    body: {
      message: clip(`${digest.title}`, OPSGENIE_LIMITS.message),
      alias,
      description: clip(description, OPSGENIE_LIMITS.description),
      tags,
      details,
      entity: clip(event.monitor.name, OPSGENIE_LIMITS.entity),
      source: 'Lookout',
      priority: PRIORITY[event.severity],
    },
  };
}
