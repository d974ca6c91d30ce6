import { CAUSES, FINDINGS, type CauseCode, type FindingCode } from '../probes/taxonomy';
import { REGION_NAMES } from '../regions/regions';
import type { CauseText, Language, Plural } from './types';

/**
 * English: the reference table. Its keys are every language's keys (see Messages); `{name}` is a
 * placeholder, `{n}` in a plural is the count, formatted for the reader.
 */
const messages = {
  'list.separator': ', ',

  'layout.skip': 'Skip to content',
  'layout.nav': 'Status page',
  'layout.status': 'Status',
  'layout.incidents': 'Incidents',
  'layout.feed': 'Feed',
  'layout.feedTitle': '{title}: incidents',
  'layout.footer': 'Checked from several regions by Lookout · times in UTC',
  'layout.pause': 'Pause auto-refresh',
  'layout.resume': 'Resume auto-refresh',

  'status.up': 'Operational',
  'status.degraded': 'Degraded',
  'status.partial': 'Partial outage',
  'status.down': 'Down',
  'status.unknown': 'Unknown',
  'status.pending': 'Waiting for first check',
  'status.maintenance': 'Maintenance',

  'outcome.up': 'up',
  'outcome.degraded': 'degraded',
  'outcome.down': 'down',
  'outcome.unknown': 'unknown',
  'outcome.pending': 'pending',

  'banner.empty': 'No monitors configured yet',
  'banner.major': 'Major outage',
  'banner.partial': 'Partial outage',
  'banner.maintenance': 'Scheduled maintenance in progress',
  'banner.degraded': 'Degraded performance',
  'banner.up': 'All systems operational',
  'banner.waiting': 'Waiting for checks',

  'page.heading': 'Current status',
  'page.services': 'Services',
  'page.otherServices': 'Other services',
  'page.window.24h': '24h',
  'page.window.7d': '7d',
  'page.window.30d': '30d',
  'page.window.90d': '90d',
  'page.barsLabel': '{name}: uptime per day, last {days} days',
  'page.noChecks': 'No checks yet',
  'page.today': 'Today',
  'regions.label': 'Status per region',
  'regions.checked': 'checked {time} from {colo}',

  'bars.noData': '{day}: no data',
  'bars.span': '{from} to {to}: no data',
  'bars.uptime': '{day}: {pct} uptime',
  'bars.down': 'down {duration}',
  'bars.incidents': { one: '{n} incident ({causes})', other: '{n} incidents ({causes})' } as Plural,

  'duration.seconds': '{n} s',
  'duration.minutes': '{n} min',
  'duration.hours': '{n} h',
  'duration.days': '{n} d',
  'duration.pair': '{a} {b}',

  'legend.atLeast': '{pct} or more',
  'legend.under': 'under {pct}',
  'legend.noData': 'no data',

  'monitor.notFoundTitle': 'Not found',
  'monitor.notFoundHeading': 'No such monitor',
  'monitor.notFoundText': 'Nothing public has the id {id}.',
  'monitor.back': 'Back to the status page',
  'monitor.checkedEveryMinute': 'checked every minute from {regions}',
  'monitor.checkedEvery': 'checked every {interval} from {regions}',
  'monitor.since': '{status} since {time}',
  'monitor.certificateExpires': 'certificate expires {when}',
  'monitor.certificateExpired': 'certificate expired {when}',
  'monitor.domainExpires': 'domain expires {when}',
  'monitor.domainExpired': 'domain expired {when}',
  'monitor.hours': { one: '{n} hour', other: '{n} hours' } as Plural,
  'monitor.days': { one: '{n} day', other: '{n} days' } as Plural,
  'monitor.latency': 'Latency',
  'monitor.chart24h': 'Last 24 hours, per hour',
  'monitor.chart90d': 'Last 90 days, per day',
  'monitor.chart24hTitle': '{name}: p50 and p95 latency per hour, last 24 hours',
  'monitor.chart90dTitle': '{name}: p50 and p95 latency per day, last 90 days',
  'monitor.findings': 'Findings',
  'monitor.noFindings':
    'Nothing needs attention: no deprecation, sunset, expiring credential or security finding.',
  'monitor.sunset': 'Sunset {when} ({date})',
  'monitor.expires': 'Expires {when} ({date})',
  'monitor.recentIncidents': 'Recent incidents',
  'monitor.noIncidents': 'No incidents recorded.',
  'monitor.duringMaintenance': 'during maintenance',
  'monitor.history': 'Last 365 days',

  'chart.noData': '{region}: no data',
  'chart.range': '{region}: p50 {min} to {max}, p95 up to {p95}',
  'chart.join': '; ',
  'chart.summary': '{text}.',
  'chart.key': 'solid: p50 · dashed: p95',
  'chart.table': 'Figures as a table',
  'chart.time': 'Time (UTC)',
  'chart.column': '{region} p50 / p95',

  'incidents.title': 'Incidents',
  'incidents.lede': 'Incidents of the last 90 days, newest first; times in UTC.',
  'incidents.subscribe': 'Subscribe to the feed',
  'incidents.history': 'Incident history',
  'incidents.older': 'Older incidents',
  'incidents.none': 'No incidents in the last 90 days.',
  'incidents.noneOlder': 'No older incidents.',
  'incidents.pages': 'Incident pages',
  'incidents.newest': 'Newest incidents',

  'incident.resolved': 'Resolved',
  'incident.ongoing': 'Ongoing',
  'incident.investigating': 'Investigating',
  'incident.identified': 'Identified',
  'incident.monitoring': 'Monitoring',
  'incident.opened': 'Detected',
  'incident.causeChanged': 'Cause changed',
  'incident.checksPass': 'checks pass again',
  'incident.started': 'Started',
  'incident.ended': 'Resolved',
  'incident.duration': 'Duration',
  'incident.regions': 'Regions',
  'incident.notEnded': 'ongoing',
  'incident.soFar': '{duration} so far',
  'incident.duringMaintenance': 'During scheduled maintenance',
  'incident.timeline': 'Timeline',

  'maintenance.heading': 'Maintenance',
  'maintenance.until': 'in progress until {end}',
  'maintenance.scheduled': 'scheduled {start} to {end}',

  'feed.subtitle': 'Incidents and maintenance',
  'feed.incidentTitle': '{monitor}: {cause} ({state})',
  'feed.maintenanceTitle': 'Maintenance: {title} ({state})',
  'feed.inProgress': 'in progress',
  'feed.scheduled': 'scheduled',
  'feed.inProgressFrom': 'In progress from {start} to {end}.',
  'feed.scheduledFrom': 'Scheduled from {start} to {end}.',

  'mail.confirm.subject': 'Confirm your subscription to {page}',
  'mail.confirm.body':
    'Someone, hopefully you, asked to receive incident updates from {page} at this address. Confirm with the link below; if it was not you, ignore this mail and nothing more will be sent.',
  'mail.confirm.action': 'Confirm the subscription',
  'mail.unsubscribe.action': 'Unsubscribe',
  'mail.unsubscribe.footer': 'You receive this because you subscribed to updates from {page}.',
  'subscribe.heading': 'Get notified',
  'subscribe.intro': 'Receive a message when an incident starts, changes or ends, and before maintenance.',
  'subscribe.byWebhook': 'By webhook (JSON POST, Standard Webhooks signatures)',
  'subscribe.emailLabel': 'Email address',
  'subscribe.webhookLabel': 'Webhook URL',
  'subscribe.allMonitors': 'Everything on this page',
  'subscribe.someGroups': 'Only these groups:',
  'subscribe.submit': 'Subscribe',
  'subscribe.checkInbox': 'Check your inbox',
  'subscribe.checkInboxText':
    'If the address can receive mail, a message with a confirmation link is on its way. Nothing is sent until you confirm; an unconfirmed request is deleted.',
  'subscribe.checkWebhook':
    'Lookout sends a signed confirmation request to the URL. The subscription starts once the endpoint answers 2xx with the challenge from that request in its body.',
  'subscribe.confirmHeading': 'Confirm your subscription',
  'subscribe.confirmText': 'Press the button to start receiving notices.',
  'subscribe.confirmButton': 'Confirm subscription',
  'subscribe.confirmedHeading': 'You are subscribed',
  'subscribe.confirmedText': 'Notices will reach you from now on. Every message has a link to unsubscribe.',
  'subscribe.invalidHeading': 'This link is not valid',
  'subscribe.invalidText': 'It may have expired or been changed. Subscribe again to get a new one.',
  'subscribe.unsubscribeHeading': 'Unsubscribe',
  'subscribe.unsubscribeText': 'Press the button to stop receiving notices.',
  'subscribe.unsubscribeButton': 'Unsubscribe',
  'subscribe.unsubscribedHeading': 'You are unsubscribed',
  'subscribe.unsubscribedText': 'No more notices will be sent. You can subscribe again at any time.',
  'mail.confirm.request':
    'Someone (we hope you) asked to receive notices of incidents and maintenance from {page} at this address.',
  'mail.confirm.open': 'To confirm, open this link:',
  'mail.confirm.expiry':
    'The link works until {time}. If you did not ask for this, ignore this mail: without a confirmation nothing is sent, and the request is deleted.',
  'mail.notice.down': '{name} is down',
  'mail.notice.update': '{name}: incident update',
  'mail.notice.recovered': '{name} has recovered',
  'mail.notice.maintenanceScheduled': 'Scheduled maintenance: {name}',
  'mail.notice.maintenanceStarted': 'Maintenance in progress: {name}',
  'mail.notice.maintenanceEnded': 'Maintenance completed: {name}',
  'mail.notice.note': '{name}: {status}',
  'mail.notice.since': 'Since {time}.',
  'mail.notice.updatedAt': 'Update at {time}.',
  'mail.notice.noteAt': 'Update at {time}:',
  'mail.notice.resolvedAt': 'Resolved at {time}.',
  'mail.notice.resolvedAfter': 'Resolved at {time}, after {duration}.',
  'mail.notice.window': 'Window: {start} to {end}.',
  'mail.notice.completedAt': 'Completed at {time}.',
  'mail.notice.details': 'Details: {url}',
  'mail.notice.detailsLink': 'Details on the status page',
  'mail.unsubscribe.line': 'Unsubscribe: {url}',
};

/** The keys and the kind of each message: a string, or plural forms. */
export type Messages = {
  [K in keyof typeof messages]: (typeof messages)[K] extends string ? string : Plural;
};

/** Short names of the taxonomy's causes and findings, shown where a page names one. */
const causes = {
  'http.bad_request': 'Request rejected (400)',
  'http.unauthorized': 'Credentials rejected (401)',
  'http.forbidden': 'Access denied (403)',
  'http.not_found': 'Not found (404)',
  'http.method_not_allowed': 'Method not allowed (405)',
  'http.gone': 'API version retired (410)',
  'http.rate_limited': 'Rate limited (429)',
  'http.server_error': 'Server error (5xx)',
  'http.upstream': 'Gateway or upstream failure (502, 503, 504)',
  'http.unexpected_status': 'Unexpected status code',
  'http.redirect': 'Unexpected redirect',
  'http.insecure_redirect': 'Redirect from https to http',
  'net.timeout': 'Timed out',
  'net.dns': 'Host name does not resolve',
  'net.refused': 'Connection refused',
  'net.error': 'Connection failed',
  'tls.invalid': 'TLS handshake or certificate failed',
  'tls.unreadable': 'Certificate could not be read',
  'assert.body': 'Wrong response content',
  'assert.header': 'Wrong response header',
  'assert.latency': 'Too slow to be usable',
  'perf.slow': 'Slow responses',
  'security.auth_not_enforced': 'Authentication not enforced',
  'dependency.down': 'A dependency is down',
  'heartbeat.missed': 'Heartbeat missed',
  'heartbeat.failed': 'Job reported a failure',
  'config.secret_missing': 'Secret not set',
  'lookout.prober_failed': 'Check could not run',
  'lookout.deadline_exceeded': 'Check did not finish in time',
  'api.deprecated': 'API deprecated',
  'api.sunset_soon': 'API shutdown date announced',
  'api.sunset_invalid': 'Invalid lifecycle headers',
  'credential.expiring': 'Token expires soon',
  'credential.long_lived': 'Token lives too long',
  'security.insecure_transport': 'Insecure transport',
  'tls.expiring': 'Certificate expires soon',
  'tls.expired': 'Certificate expired',
  'tls.hostname_mismatch': 'Certificate for another host',
  'tls.untrusted': 'Untrusted certificate',
  'tls.weak': 'Weak TLS',
  'domain.expiring': 'Domain expires soon',
  'domain.expired': 'Domain expired',
  'domain.no_rdap': 'Domain expiry unreadable',
  'perf.large_payload': 'Response too large',
  'vendor.outage': 'Vendor outage',
  'vendor.degraded': 'Vendor degraded',
  'vendor.maintenance': 'Vendor maintenance',
  'vendor.unreadable': 'Vendor status unreadable',
  'vendor.unknown_component': 'Unknown vendor component',
  'vendor.incident': 'Vendor incident',
};

export type CauseTitles = Record<keyof typeof causes, string>;

/** What each code means and where to look first: one entry per taxonomy code, no other. */
export type CauseExplanations = Record<CauseCode | FindingCode, CauseText>;

/**
 * English explanations and hints are the taxonomy's own (src/probes/taxonomy.ts), read from it
 * rather than written twice; the other languages translate them.
 */
const explanations = Object.fromEntries(
  Object.entries({ ...CAUSES, ...FINDINGS }).map(([code, { explanation, hint }]) => [
    code,
    { explanation, hint },
  ]),
) as CauseExplanations;

/** Region names, as the pages show them: the region list's own. */
const regions = REGION_NAMES;

export type RegionNames = typeof regions;

export default {
  tag: 'en',
  name: 'English',
  messages,
  causes,
  explanations,
  regions,
} satisfies Language;
