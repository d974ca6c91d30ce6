/**
 * What subscribers receive: mail (plain text and HTML, outside text escaped, RFC 8058 one-click
 * unsubscribe headers on every mail), in the subscriber's language, and webhook payloads (an API:
 * English, as they always were). Public words only: the monitor, what happened (the cause's
 * explanation, translated in mail) and when; no regions, hints or team-facing detail. Pure.
 */
import { htmlEscape } from '../alerting/channels/markup';
import { htmlDocument, subjectLine, type EmailContent } from '../email/message';
import { translator, type Translator } from '../i18n/translator';
import type { SubscriberEvent } from './notices';

export interface MailContext {
  from: string;
  to: string;
  /** The status page's title: the sender people recognise. */
  pageTitle: string;
  pageUrl: string;
  unsubscribeUrl: string;
}

/** How a notice's words, times and durations are written. */
interface Wording {
  tr: Translator;
  time: (ms: number) => string;
  duration: (seconds: number) => string;
  status: (status: string) => string;
  /** What the incident's cause means. */
  explanation: (incident: { cause: string; explanation: string }) => string;
}

type NoticeKey = Parameters<Translator['t']>[0];

const HEADLINES: Record<string, NoticeKey> = {
  'incident.opened': 'mail.notice.down',
  'heartbeat.missed': 'mail.notice.down',
  'incident.updated': 'mail.notice.update',
  'incident.resolved': 'mail.notice.recovered',
  'maintenance.scheduled': 'mail.notice.maintenanceScheduled',
  'maintenance.started': 'mail.notice.maintenanceStarted',
  'maintenance.ended': 'mail.notice.maintenanceEnded',
};

/** The statuses of a manual update, as the status page names them. */
const NOTE_STATUSES: Record<string, NoticeKey> = {
  investigating: 'incident.investigating',
  identified: 'incident.identified',
  monitoring: 'incident.monitoring',
  resolved: 'incident.resolved',
};

const capitalised = (status: string) => `${status.charAt(0).toUpperCase()}${status.slice(1)}`;

/** Mail in the subscriber's language, with its dates and durations. */
const mailWording = (tr: Translator): Wording => ({
  tr,
  time: tr.dateTime,
  duration: tr.duration,
  status: (status) => {
    const key = NOTE_STATUSES[status];
    return key ? tr.t(key) : capitalised(status);
  },
  // A cause this version does not know keeps the words the event was stored with.
  explanation: (incident) => tr.explanation(incident.cause) ?? incident.explanation,
});

/** Webhook payloads are read by programs: their words and time format stay fixed. */
const WEBHOOK_WORDING: Wording = {
  tr: translator('en'),
  time: (ms) => utc(ms),
  duration: (seconds) => duration(seconds),
  status: capitalised,
  explanation: (incident) => incident.explanation,
};

export function headlineOf(event: SubscriberEvent, w: Wording = WEBHOOK_WORDING): string {
  const name = event.monitor.name;
  if (event.note) return w.tr.t('mail.notice.note', { name, status: w.status(event.note.status) });
  const key = HEADLINES[event.type];
  return key ? w.tr.t(key, { name }) : name;
}

/** The lines below the headline: what happened, in public words, and when. */
export function detailLines(event: SubscriberEvent, w: Wording = WEBHOOK_WORDING): string[] {
  const { tr } = w;
  const at = w.time(event.occurredAt);
  if (event.maintenance) {
    return event.type === 'maintenance.ended'
      ? [tr.t('mail.notice.completedAt', { time: at })]
      : [
          tr.t('mail.notice.window', {
            start: w.time(event.maintenance.startsAt),
            end: w.time(event.maintenance.endsAt),
          }),
        ];
  }
  if (event.note) return [tr.t('mail.notice.noteAt', { time: at }), event.note.message];
  const incident = event.incident;
  const explained = incident ? w.explanation(incident) : '';
  const explanation = explained ? [explained] : [];
  switch (event.type) {
    case 'incident.opened':
    case 'heartbeat.missed':
      return [
        tr.t('mail.notice.since', { time: w.time(incident?.startedAt ?? event.occurredAt) }),
        ...explanation,
      ];
    case 'incident.updated':
      return [tr.t('mail.notice.updatedAt', { time: at }), ...explanation];
    case 'incident.resolved': {
      const time = w.time(incident?.resolvedAt ?? event.occurredAt);
      return [
        incident?.durationS
          ? tr.t('mail.notice.resolvedAfter', { time, duration: w.duration(incident.durationS) })
          : tr.t('mail.notice.resolvedAt', { time }),
      ];
    }
    default:
      return [event.summary];
  }
}

/** The link to what the notice is about: the monitor's page, or the status page. */
const linkOf = (event: SubscriberEvent, pageUrl: string) => event.statusPageUrl ?? pageUrl;

/** The body of a mail, marked with its language (the shared document frame names none). */
const inLanguage = (tr: Translator, body: string[]) =>
  [`<div lang="${htmlEscape(tr.tag)}">`, ...body, '</div>'].join('\n');

/**
 * A notice as mail in the subscriber's language, with `List-Unsubscribe` and
 * `List-Unsubscribe-Post` (RFC 8058).
 */
export function noticeEmail(event: SubscriberEvent, tr: Translator, ctx: MailContext): EmailContent {
  const wording = mailWording(tr);
  const title = headlineOf(event, wording);
  const lines = detailLines(event, wording);
  const link = linkOf(event, ctx.pageUrl);
  const footer = tr.t('mail.unsubscribe.footer', { page: ctx.pageTitle });
  const text = [
    title,
    '',
    ...lines,
    '',
    tr.t('mail.notice.details', { url: link }),
    '',
    '-- ',
    footer,
    tr.t('mail.unsubscribe.line', { url: ctx.unsubscribeUrl }),
  ].join('\n');
  const body = inLanguage(tr, [
    `<h2 style="margin:0 0 8px;font-size:18px">${htmlEscape(title)}</h2>`,
    ...lines.map((line) => `<p style="margin:0 0 8px">${htmlEscape(line)}</p>`),
    `<p><a href="${htmlEscape(link)}" style="color:#0969da">${htmlEscape(tr.t('mail.notice.detailsLink'))}</a></p>`,
    `<p style="color:#656d76;font-size:12px">${htmlEscape(footer)} ` +
      `<a href="${htmlEscape(ctx.unsubscribeUrl)}" style="color:#656d76">${htmlEscape(tr.t('mail.unsubscribe.action'))}</a></p>`,
  ]);
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

/**
 * The double opt-in mail, in the language of the page signed up on: the link opens a page whose
 * button confirms (scanners only GET).
 */
export function confirmationEmail(
  tr: Translator,
  ctx: Omit<MailContext, 'unsubscribeUrl'> & { confirmUrl: string; expiresAt: number },
): EmailContent {
  const title = tr.t('mail.confirm.subject', { page: ctx.pageTitle });
  const request = tr.t('mail.confirm.request', { page: ctx.pageUrl });
  const expiry = tr.t('mail.confirm.expiry', { time: tr.dateTime(ctx.expiresAt) });
  const text = [title, '', request, tr.t('mail.confirm.open'), '', ctx.confirmUrl, '', expiry].join('\n');
  const body = inLanguage(tr, [
    `<h2 style="margin:0 0 8px;font-size:18px">${htmlEscape(title)}</h2>`,
    `<p>${htmlEscape(request)}</p>`,
    `<p><a href="${htmlEscape(ctx.confirmUrl)}" style="color:#0969da">${htmlEscape(tr.t('mail.confirm.action'))}</a></p>`,
    `<p style="color:#656d76;font-size:12px">${htmlEscape(expiry)}</p>`,
  ]);
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
