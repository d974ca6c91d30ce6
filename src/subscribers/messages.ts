/**
 * What subscribers receive: mail (plain text and HTML, outside text escaped, RFC 8058 one-click
 * unsubscribe headers on every mail) and webhook payloads. Public words only: the monitor, what
 * happened and when; no regions, hints or team-facing detail. Pure.
 */
import { htmlEscape } from '../alerting/channels/markup';
import { htmlDocument, subjectLine, type EmailContent } from '../email/message';
import type { SubscriberEvent } from './notices';

export interface MailContext {
  from: string;
  to: string;
  /** The status page's title: the sender people recognise. */
  pageTitle: string;
  pageUrl: string;
  unsubscribeUrl: string;
}

const HEADLINES: Record<string, (name: string) => string> = {
  'incident.opened': (name) => `${name} is down`,
  'heartbeat.missed': (name) => `${name} is down`,
  'incident.updated': (name) => `${name}: incident update`,
  'incident.resolved': (name) => `${name} has recovered`,
  'maintenance.scheduled': (name) => `Scheduled maintenance: ${name}`,
  'maintenance.started': (name) => `Maintenance in progress: ${name}`,
  'maintenance.ended': (name) => `Maintenance completed: ${name}`,
};

export function headlineOf(event: SubscriberEvent): string {
  if (event.note)
    return `${event.monitor.name}: ${event.note.status.charAt(0).toUpperCase()}${event.note.status.slice(1)}`;
  return (HEADLINES[event.type] ?? ((name: string) => name))(event.monitor.name);
}

/** The lines below the headline: what happened, in public words, and when. */
export function detailLines(event: SubscriberEvent): string[] {
  const at = utc(event.occurredAt);
  if (event.maintenance) {
    const span = `${utc(event.maintenance.startsAt)} to ${utc(event.maintenance.endsAt)}`;
    return event.type === 'maintenance.ended' ? [`Completed at ${at}.`] : [`Window: ${span}.`];
  }
  if (event.note) return [`Update at ${at}:`, event.note.message];
  const incident = event.incident;
  switch (event.type) {
    case 'incident.opened':
    case 'heartbeat.missed':
      return [
        `Since ${utc(incident?.startedAt ?? event.occurredAt)}.`,
        ...(incident?.explanation ? [incident.explanation] : []),
      ];
    case 'incident.updated':
      return [`Update at ${at}.`, ...(incident?.explanation ? [incident.explanation] : [])];
    case 'incident.resolved':
      return [
        `Resolved at ${utc(incident?.resolvedAt ?? event.occurredAt)}` +
          (incident?.durationS ? `, after ${duration(incident.durationS)}.` : '.'),
      ];
    default:
      return [event.summary];
  }
}

/** The link to what the notice is about: the monitor's page, or the status page. */
const linkOf = (event: SubscriberEvent, pageUrl: string) => event.statusPageUrl ?? pageUrl;

/** A notice as mail, with `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
export function noticeEmail(event: SubscriberEvent, ctx: MailContext): EmailContent {
  const title = headlineOf(event);
  const lines = detailLines(event);
  const link = linkOf(event, ctx.pageUrl);
  const text = [
    title,
    '',
    ...lines,
    '',
    `Details: ${link}`,
    '',
    '-- ',
    `You receive this because you subscribed to ${ctx.pageTitle}.`,
    `Unsubscribe: ${ctx.unsubscribeUrl}`,
  ].join('\n');
  const body = [
    `<h2 style="margin:0 0 8px;font-size:18px">${htmlEscape(title)}</h2>`,
    ...lines.map((line) => `<p style="margin:0 0 8px">${htmlEscape(line)}</p>`),
    `<p><a href="${htmlEscape(link)}" style="color:#0969da">Details on the status page</a></p>`,
    `<p style="color:#656d76;font-size:12px">You receive this because you subscribed to ${htmlEscape(ctx.pageTitle)}. ` +
      `<a href="${htmlEscape(ctx.unsubscribeUrl)}" style="color:#656d76">Unsubscribe</a></p>`,
  ].join('\n');
  return {
    from: ctx.from,
    to: [ctx.to],
    subject: subjectLine(`[${ctx.pageTitle}] ${title}`),
    text,
    html: htmlDocument(htmlEscape(title), body),
    headers: unsubscribeHeaders(ctx.unsubscribeUrl),
  };
}

export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The double opt-in mail: the link opens a page whose button confirms (scanners only GET). */
export function confirmationEmail(
  ctx: Omit<MailContext, 'unsubscribeUrl'> & { confirmUrl: string; expiresAt: number },
): EmailContent {
  const title = `Confirm your subscription to ${ctx.pageTitle}`;
  const text = [
    title,
    '',
    'Someone (we hope you) asked to receive notices of incidents and maintenance from',
    `${ctx.pageUrl} at this address. To confirm, open this link:`,
    '',
    ctx.confirmUrl,
    '',
    `The link works until ${utc(ctx.expiresAt)}. If you did not ask for this, ignore this mail:`,
    'without a confirmation nothing is sent, and the request is deleted.',
  ].join('\n');
  const body = [
    `<h2 style="margin:0 0 8px;font-size:18px">${htmlEscape(title)}</h2>`,
    `<p>Someone (we hope you) asked to receive notices of incidents and maintenance from ${htmlEscape(ctx.pageUrl)} at this address.</p>`,
    `<p><a href="${htmlEscape(ctx.confirmUrl)}" style="color:#0969da">Confirm the subscription</a></p>`,
    `<p style="color:#656d76;font-size:12px">The link works until ${htmlEscape(utc(ctx.expiresAt))}. ` +
      'If you did not ask for this, ignore this mail: without a confirmation nothing is sent, and the request is deleted.</p>',
  ].join('\n');
  return {
    from: ctx.from,
    to: [ctx.to],
    subject: subjectLine(`[${ctx.pageTitle}] ${title}`),
    text,
    html: htmlDocument(htmlEscape(title), body),
  };
}

/** What a webhook subscriber receives for a notice (signed per Standard Webhooks). */
export function noticePayload(event: SubscriberEvent, unsubscribeUrl: string) {
  return {
    type: event.type,
    timestamp: new Date(event.occurredAt).toISOString(),
    data: {
      id: event.id,
      title: headlineOf(event),
      details: detailLines(event),
      monitor: event.maintenance ? null : event.monitor,
      incident: event.incident
        ? {
            id: event.incident.id,
            started_at: new Date(event.incident.startedAt).toISOString(),
            resolved_at: event.incident.resolvedAt ? new Date(event.incident.resolvedAt).toISOString() : null,
          }
        : null,
      note: event.note ?? null,
      maintenance: event.maintenance
        ? {
            id: event.maintenance.id,
            title: event.maintenance.title,
            starts_at: new Date(event.maintenance.startsAt).toISOString(),
            ends_at: new Date(event.maintenance.endsAt).toISOString(),
          }
        : null,
      url: event.statusPageUrl,
      unsubscribe_url: unsubscribeUrl,
    },
  };
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
