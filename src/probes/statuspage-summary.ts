import { z } from 'zod';
import { clip } from '../lib/clip';
import type { Finding, Outcome } from './result';
import type { CauseCode } from './taxonomy';

/**
 * A vendor's `/api/v2/summary.json`, as Atlassian Statuspage publishes it and incident.io status
 * pages serve it too: components with a status, unresolved incidents, scheduled maintenances. Only
 * the fields Lookout reads are checked; vendors add others.
 */
const componentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  group: z.boolean().nullish(),
  group_id: z.string().nullish(),
  components: z.array(z.string()).nullish(),
});

const eventSchema = z.object({
  id: z.string().nullish(),
  name: z.string(),
  status: z.string().nullish(),
  impact: z.string().nullish(),
  shortlink: z.string().nullish(),
  started_at: z.string().nullish(),
  components: z.array(z.object({ id: z.string().nullish(), name: z.string().nullish() })).nullish(),
});

export const summarySchema = z.object({
  page: z.object({ name: z.string().nullish(), url: z.string().nullish() }).nullish(),
  status: z.object({ indicator: z.string().nullish(), description: z.string().nullish() }).nullish(),
  components: z.array(componentSchema),
  incidents: z.array(eventSchema).nullish(),
  scheduled_maintenances: z.array(eventSchema).nullish(),
});

export type Summary = z.output<typeof summarySchema>;
type Component = z.output<typeof componentSchema>;
type StatusEvent = z.output<typeof eventSchema>;

/** Where the summary lives: the URL itself when it names a .json document, else under the page. */
export function summaryUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  if (url.pathname.endsWith('.json')) return url.toString();
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v2/summary.json`;
  url.search = '';
  return url.toString();
}

export type SummaryRead = { ok: true; summary: Summary } | { ok: false; detail: string };

/** Parses the body; anything else (an HTML page, a login wall, another format) says what it was. */
export function readSummary(bodyText: string): SummaryRead {
  let data: unknown;
  try {
    data = JSON.parse(bodyText);
  } catch {
    const start = bodyText.trimStart().slice(0, 40);
    return { ok: false, detail: `not JSON (it starts ${JSON.stringify(start)})` };
  }
  const parsed = summarySchema.safeParse(data);
  if (parsed.success) return { ok: true, summary: parsed.data };
  // A missing component list says "another format" best: name it first.
  const issues = parsed.error.issues;
  const issue = issues.find((i) => i.path[0] === 'components') ?? issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  return { ok: false, detail: `not a Statuspage summary: ${where}: ${issue?.message ?? 'unexpected shape'}` };
}

/** Component statuses, worst last; unknown statuses count as degraded (a vendor's own wording). */
const RANK: Record<string, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

const LABEL: Record<string, string> = {
  operational: 'operational',
  under_maintenance: 'under maintenance',
  degraded_performance: 'degraded performance',
  partial_outage: 'partial outage',
  major_outage: 'major outage',
};

export interface SummaryVerdict {
  outcome: Outcome;
  cause: CauseCode | null;
  detail: string | null;
  findings: Finding[];
}

/**
 * Pure: what the vendor's page says of the components the monitor follows (all of them when it
 * names none). Down on a partial or major outage, degraded on degraded performance or an open
 * incident, degraded with `vendor.maintenance` under maintenance; each unresolved incident that
 * touches them is a `vendor.incident` finding with its impact and link. A followed name the page
 * does not have is a config error, named with what the page has.
 */
export function judgeSummary(summary: Summary, follow: readonly string[] | undefined): SummaryVerdict {
  const picked = pickComponents(summary.components, follow);
  if (!picked.ok) {
    return { outcome: 'down', cause: 'vendor.unknown_component', detail: picked.detail, findings: [] };
  }
  const followed = picked.components;
  const ids = new Set(followed.map((c) => c.id));
  const names = new Set(followed.map((c) => c.name.toLowerCase()));
  const touches = (event: StatusEvent) =>
    follow === undefined ||
    (event.components ?? []).some((c) => ids.has(c.id ?? '') || names.has((c.name ?? '').toLowerCase()));
  const incidents = (summary.incidents ?? []).filter(
    (i) => !['resolved', 'postmortem', 'completed'].includes(i.status ?? '') && touches(i),
  );
  const findings = incidents.map(incidentFinding);

  const leaves = followed.filter((c) => !c.group);
  const rated = (leaves.length > 0 ? leaves : followed).map((c) => ({ c, rank: RANK[c.status] ?? 2 }));
  const worst = Math.max(0, ...rated.map((r) => r.rank));
  const affected = rated
    .filter((r) => r.rank > 0)
    .sort((a, b) => b.rank - a.rank)
    .map((r) => `${r.c.name}: ${LABEL[r.c.status] ?? r.c.status}`);
  const open = incidents.map((i) => `incident "${i.name}"${i.impact ? ` (${i.impact})` : ''}`);
  const detail = [...affected, ...open].join('; ') || null;
  const verdict = (outcome: Outcome, cause: CauseCode | null): SummaryVerdict => ({
    outcome,
    cause,
    detail: detail === null ? null : clip(detail, 400),
    findings,
  });
  if (worst >= 3) return verdict('down', 'vendor.outage');
  if (worst === 2 || incidents.some((i) => i.impact && i.impact !== 'none'))
    return verdict('degraded', 'vendor.degraded');
  if (worst === 1) return verdict('degraded', 'vendor.maintenance');
  return verdict('up', null);
}

/**
 * The components named (by id, or by name without regard to case), a group with its members; all
 * of them when none are named.
 */
function pickComponents(
  all: readonly Component[],
  follow: readonly string[] | undefined,
): { ok: true; components: Component[] } | { ok: false; detail: string } {
  if (follow === undefined) return { ok: true, components: [...all] };
  const missing: string[] = [];
  const picked = new Map<string, Component>();
  for (const wanted of follow) {
    const match = all.find((c) => c.id === wanted || c.name.toLowerCase() === wanted.toLowerCase());
    if (!match) {
      missing.push(wanted);
      continue;
    }
    picked.set(match.id, match);
    const members = all.filter((c) => c.group_id === match.id || (match.components ?? []).includes(c.id));
    for (const member of members) picked.set(member.id, member);
  }
  if (missing.length > 0) {
    const known = all.filter((c) => !c.group_id).map((c) => c.name);
    return {
      ok: false,
      detail: clip(
        `the status page has no component ${missing.map((m) => `"${m}"`).join(', ')}; it has: ${known.join(', ')}`,
        400,
      ),
    };
  }
  return { ok: true, components: [...picked.values()] };
}

function incidentFinding(incident: StatusEvent): Finding {
  return {
    code: 'vendor.incident',
    detail: clip(`${incident.name}${incident.status ? ` (${incident.status})` : ''}`, 200),
    data: {
      name: clip(incident.name, 200),
      impact: incident.impact ?? null,
      status: incident.status ?? null,
      shortlink: incident.shortlink ?? null,
      started_at: incident.started_at ?? null,
    },
  };
}
