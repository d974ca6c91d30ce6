import { z } from 'zod';
import { durationMs } from './duration';

/**
 * Alerting in lookout.yaml: when a monitor counts as down (policy), where alerts go (channels and
 * their routes) and when they are muted (maintenance windows).
 */

export const secretOrUrl = z
  .string()
  .refine(
    (value) => /^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/.test(value) || URL.canParse(value),
    'expected a URL or a secret reference such as ${{ secrets.SLACK_WEBHOOK_URL }}',
  );
const secretRef = z
  .string()
  .regex(
    /^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/,
    'expected a secret reference such as ${{ secrets.NAME }}',
  );

export const policySchema = z
  .object({
    quorum: z
      .number()
      .int()
      .min(1)
      .nullable()
      .default(null)
      .describe('Regions that must fail for a tick to count as down (default: a majority)'),
    fail_after: z.number().int().min(1).max(60).default(2).describe('Failing ticks before an incident opens'),
    recover_after: z.number().int().min(1).max(60).default(2).describe('Passing ticks before it resolves'),
    alert_on_degraded: z.boolean().default(false).describe('Send monitor.degraded alerts (default: no)'),
    recheck: z
      .boolean()
      .default(false)
      .describe('When one region fails and another passes, re-check at once from a passing region'),
    reminder_every: durationMs
      .nullable()
      .default(null)
      .describe('Remind channels of an open incident this often (default: never)'),
    finding_reminders: z
      .array(durationMs)
      .default([7 * 86_400_000, 86_400_000])
      .describe('Remind of a dated finding (sunset, expiring token) when this little time is left'),
  })
  .strict();

export const partialPolicySchema = z
  .object({
    quorum: z.number().int().min(1).nullable().optional(),
    fail_after: z.number().int().min(1).max(60).optional(),
    recover_after: z.number().int().min(1).max(60).optional(),
    alert_on_degraded: z.boolean().optional(),
    recheck: z.boolean().optional(),
    reminder_every: durationMs.nullable().optional(),
    finding_reminders: z.array(durationMs).optional(),
  })
  .strict();

export const ALERT_EVENT_TYPES = [
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'incident.reminder',
  'monitor.degraded',
  'finding.raised',
  'heartbeat.missed',
  'lookout.tick_missed',
] as const;

const routeSchema = z
  .object({
    monitors: z.array(z.string()).min(1).optional().describe('Only these monitor ids'),
    groups: z.array(z.string()).min(1).optional().describe('Only monitors in these groups'),
    severities: z
      .array(z.enum(['critical', 'warning', 'info']))
      .min(1)
      .optional()
      .describe('Only events of these severities'),
    events: z.array(z.enum(ALERT_EVENT_TYPES)).min(1).optional().describe('Only these event types'),
  })
  .strict()
  .default({});

const channelId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a slug');

/** "alerts@example.com" or "Lookout <alerts@example.com>". */
const emailAddress = z
  .string()
  .max(320)
  .regex(
    /^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/,
    'expected an email address',
  );
const recipients = z
  .array(
    z
      .string()
      .max(320)
      .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'expected an email address'),
  )
  .min(1)
  .max(50)
  .describe('Recipients (50 at most)');

export const channelSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({ id: channelId, kind: z.literal('slack'), webhook_url: secretOrUrl, route: routeSchema })
      .strict(),
    z
      .object({ id: channelId, kind: z.literal('discord'), webhook_url: secretOrUrl, route: routeSchema })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('pagerduty'),
        routing_key: secretRef,
        events_url: z.url().default('https://events.pagerduty.com/v2/enqueue'),
        route: routeSchema,
      })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('webhook'),
        url: secretOrUrl,
        secret: secretRef.describe('A Standard Webhooks secret, whsec_<base64>'),
        route: routeSchema,
      })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('telegram'),
        bot_token: secretRef.describe('The bot token from @BotFather'),
        chat_id: z
          .union([
            z.number().int(),
            z.string().regex(/^(-?\d+|@[A-Za-z0-9_]{4,})$/, 'expected a chat id or @channel'),
          ])
          .describe('A chat id (-100…) or "@channelusername"'),
        message_thread_id: z.number().int().positive().optional().describe('A forum topic of the chat'),
        api_url: z.url().default('https://api.telegram.org').describe('The Bot API server'),
        route: routeSchema,
      })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('teams'),
        webhook_url: secretOrUrl.describe('A Power Automate "When a Teams webhook request is received" URL'),
        route: routeSchema,
      })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('google_chat'),
        webhook_url: secretOrUrl.describe("A space's incoming webhook URL (it holds its key and token)"),
        route: routeSchema,
      })
      .strict(),
    z
      .object({ id: channelId, kind: z.literal('mattermost'), webhook_url: secretOrUrl, route: routeSchema })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('opsgenie'),
        api_key: secretRef.describe('An API integration key (sent as GenieKey)'),
        region: z
          .enum(['us', 'eu'])
          .default('us')
          .describe('Which Opsgenie instance: api.opsgenie.com or api.eu.opsgenie.com'),
        api_url: z.url().optional().describe('Overrides region (a local receiver in tests)'),
        tags: z.array(z.string().min(1).max(50)).max(10).default([]).describe('Tags added to every alert'),
        route: routeSchema,
      })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('ntfy'),
        server: z.url().default('https://ntfy.sh').describe('The ntfy server'),
        topic: z
          .string()
          .regex(
            /^([-_A-Za-z0-9]{1,64}|\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\})$/,
            'expected a topic name or a secret reference',
          )
          .describe('On ntfy.sh a topic name is its password: a secret reference keeps it out of the file'),
        token: secretRef.optional().describe('An access token (tk_…) for a protected topic'),
        route: routeSchema,
      })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('pushover'),
        token: secretRef.describe("The application's API token"),
        user: secretRef.describe('The user or group key'),
        device: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,25}$/)
          .optional()
          .describe('Only this device'),
        api_url: z.url().default('https://api.pushover.net'),
        route: routeSchema,
      })
      .strict(),
    z
      .object({
        id: channelId,
        kind: z.literal('matrix'),
        homeserver: z.url().describe("The homeserver's client-server API, e.g. https://matrix.example.org"),
        room_id: z.string().regex(/^![^:\s]+:\S+$/, 'expected a room id such as !abc:example.org'),
        access_token: secretRef.describe("The sending account's access token"),
        route: routeSchema,
      })
      .strict(),
    z.discriminatedUnion(
      'provider',
      [
        z
          .object({
            id: channelId,
            kind: z.literal('email'),
            provider: z.literal('cloudflare').describe("Cloudflare's send_email binding"),
            binding: z
              .string()
              .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
              .default('EMAIL')
              .describe('The [[send_email]] binding name in wrangler.toml'),
            from: emailAddress,
            to: recipients,
            route: routeSchema,
          })
          .strict(),
        z
          .object({
            id: channelId,
            kind: z.literal('email'),
            provider: z.literal('resend'),
            api_key: secretRef.describe('A Resend API key (re_…)'),
            api_url: z.url().default('https://api.resend.com'),
            from: emailAddress,
            to: recipients,
            route: routeSchema,
          })
          .strict(),
      ],
      { error: 'expected provider cloudflare (a send_email binding) or resend' },
    ),
  ],
  {
    error:
      'expected kind slack, discord, pagerduty, webhook, telegram, teams, google_chat, mattermost, opsgenie, ntfy, pushover, matrix or email',
  },
);

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const maintenanceSchema = z
  .object({
    id: channelId,
    title: z.string().min(1).max(200),
    monitors: z.array(z.string()).min(1).optional(),
    groups: z.array(z.string()).min(1).optional(),
    /** One-off: an ISO start and end (UTC unless the time says otherwise). */
    start: z.iso.datetime({ offset: true }).optional(),
    end: z.iso.datetime({ offset: true }).optional(),
    /** Weekly: a day, a UTC start time and a duration. */
    weekly: z
      .object({
        day: z.enum(WEEKDAYS),
        at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (UTC)'),
        duration: durationMs,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (!m.monitors && !m.groups)
      ctx.addIssue({ code: 'custom', message: 'name the monitors or groups it covers' });
    const oneOff = m.start !== undefined || m.end !== undefined;
    if (oneOff === (m.weekly !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either start and end, or weekly' });
    } else if (oneOff && (!m.start || !m.end || Date.parse(m.end) <= Date.parse(m.start))) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'a window needs a start and a later end' });
    }
  });

export type Policy = z.output<typeof policySchema>;
export type ChannelConfig = z.output<typeof channelSchema>;
export type MaintenanceConfig = z.output<typeof maintenanceSchema>;
export type Route = z.output<typeof routeSchema>;
export { WEEKDAYS };

/**
 * A dead-man's switch (Healthchecks.io, Cronitor, Better Stack heartbeats...): pinged after every
 * tick, so a Lookout that stopped ticking is noticed by something that does not run on it.
 */
export const watchdogSchema = z
  .object({
    ping_url: secretOrUrl.describe('GET after every tick, e.g. ${{ secrets.HEALTHCHECKS_URL }}'),
    fail_url: secretOrUrl
      .optional()
      .describe('GET instead when a phase of the tick failed (Healthchecks.io: the ping URL + "/fail")'),
  })
  .strict();
