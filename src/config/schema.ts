import { z } from 'zod';
import { REGIONS } from '../regions/regions';
import { LANGUAGE_TAGS } from '../i18n/registry';
import {
  channelSchema,
  maintenanceSchema,
  partialPolicySchema,
  policySchema,
  watchdogSchema,
} from './alerting-schema';
import {
  dnsSpecShape,
  flowSpecShape,
  heartbeatSpecShape,
  httpSpecShape,
  oneBody,
  statuspageSpecShape,
  tcpSpecShape,
  tlsSpecShape,
} from './checks';
import { fitsTickBudget } from './check-budget';
import { SUBMINUTE_INTERVALS_MS } from '../jobs/slots';
import { durationMs } from './duration';
import { checkSubscribers, subscribersSchema } from '../subscribers/config';
import { forbiddenUses, reservedSecrets, type SecretHolders } from './secret-refs';

/**
 * The monitor file (lookout.yaml). This schema is the single source of truth: it validates the
 * file at build time and in the Worker, gives the TypeScript types, and is exported as JSON Schema
 * for editors (`npm run config:schema`). What each kind of check does lives in ./checks.
 */

export const regionSchema = z.enum(REGIONS).describe('A Durable Object location hint');

/** A region named twice would probe twice, and one (monitor, region, tick) result would be dropped. */
const regionList = z
  .array(regionSchema)
  .min(1)
  .superRefine((regions, ctx) => {
    regions.forEach((region, index) => {
      if (regions.indexOf(region) !== index)
        ctx.addIssue({ code: 'custom', path: [index], message: `region "${region}" is listed twice` });
    });
  });

const monitorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a slug: lowercase letters, digits, "-" and "_"');

/** What every monitor has, whatever its kind. */
const monitorShape = {
  id: monitorId.describe('Stable id; the history of a monitor follows its id'),
  name: z.string().min(1).max(120).optional().describe('Display name (defaults to the id)'),
  group: z.string().min(1).max(80).optional().describe('Group shown on the status page'),
  interval: durationMs
    .default(60_000)
    .pipe(
      z
        .number()
        .refine(
          (ms) =>
            (ms % 60_000 === 0 && ms >= 60_000) || (SUBMINUTE_INTERVALS_MS as readonly number[]).includes(ms),
          'must be 10s, 15s, 20s, 30s or a whole number of minutes',
        ),
    )
    .describe('How often to check: 10s, 15s, 20s, 30s or a multiple of 60s (default 60s)'),
  regions: regionList.optional().describe('Defaults to the top-level regions'),
  public: z.boolean().default(true).describe('Shown on the status page and the public API'),
  depends_on: z
    .array(monitorId)
    .default([])
    .describe('While one of these is down, this monitor fails as dependency.down and does not page'),
  alerting: partialPolicySchema.optional().describe("Overrides of the file's alerting policy"),
};

export const monitorSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({ ...monitorShape, ...httpSpecShape })
      .strict()
      .superRefine(oneBody)
      .superRefine(fitsTickBudget),
    z
      .object({ ...monitorShape, ...flowSpecShape })
      .strict()
      .superRefine(fitsTickBudget),
    z
      .object({ ...monitorShape, ...tcpSpecShape })
      .strict()
      .superRefine(fitsTickBudget),
    z
      .object({ ...monitorShape, ...dnsSpecShape })
      .strict()
      .superRefine(fitsTickBudget),
    z
      .object({ ...monitorShape, ...tlsSpecShape })
      .strict()
      .superRefine(fitsTickBudget),
    z.object({ ...monitorShape, ...heartbeatSpecShape }).strict(),
    z
      .object({ ...monitorShape, ...statuspageSpecShape })
      .strict()
      .superRefine(fitsTickBudget)
      .superRefine(({ interval }, ctx) => {
        // A vendor's page is cached for a minute or more: reading it faster only costs them.
        if (interval < 60_000)
          ctx.addIssue({
            code: 'custom',
            path: ['interval'],
            message: "a vendor's status page is read at most once a minute",
          });
      }),
  ],
  { error: 'expected kind http (the default), flow, tcp, dns, tls, heartbeat or statuspage' },
);

const pageLink = z
  .object({
    label: z.string().min(1).max(40),
    url: z.url({ protocol: /^https?$/ }),
  })
  .strict();

/** How the public status page looks: it is rendered from these and the monitors' groups. */
export const statusPageSchema = z
  .object({
    url: z.url().optional().describe('Public URL of the status page, for links in alerts and the feed'),
    title: z.string().min(1).max(80).default('Status').describe('Page title and heading'),
    description: z.string().max(300).optional().describe('A line under the title'),
    logo: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Image shown beside the title (an https URL; keep it small)'),
    links: z.array(pageLink).max(8).default([]).describe('Links in the page header (your site, support)'),
    groups: z
      .array(
        z
          .object({
            name: z.string().min(1).max(80),
            description: z.string().max(200).optional(),
          })
          .strict(),
      )
      .default([])
      .describe('Order and descriptions of monitor groups; groups not listed follow, by name'),
    language: z
      .enum(['auto', ...LANGUAGE_TAGS])
      .default('auto')
      .describe(
        "Language of the pages, the feed and subscriber mail: auto (the reader's Accept-Language) or one of the supported tags",
      ),
    default_language: z
      .enum(LANGUAGE_TAGS)
      .default('en')
      .describe('With language auto: the language for readers who accept none of the supported ones'),
  })
  .strict();

const secretName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a secret name such as ORDERS_API_TOKEN');

/** What monitors created through the API may do. */
export const apiSettingsSchema = z
  .object({
    allowed_secrets: z
      .array(secretName)
      .default([])
      .describe(
        'Secrets that monitors created through the API may reference (default none); channel, watchdog and heartbeat secrets never',
      ),
  })
  .strict();

export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    regions: regionList
      .default(['weur', 'enam', 'apac'])
      .describe('Regions every monitor is checked from unless it names its own'),
    status_page: statusPageSchema.default(statusPageSchema.parse({})),
    alerting: policySchema
      .default(policySchema.parse({}))
      .describe('When a monitor counts as down, for all monitors'),
    channels: z.array(channelSchema).default([]).describe('Where alerts go'),
    watchdog: watchdogSchema.optional().describe("A dead-man's switch pinged after every tick"),
    maintenance: z.array(maintenanceSchema).default([]).describe('Windows that mute alerts'),
    subscribers: subscribersSchema.optional(),
    retention: z
      .object({
        raw: durationMs.default(14 * 86_400_000).describe('Keep raw check results this long (default 14d)'),
        hourly: durationMs.default(90 * 86_400_000).describe('Keep hourly rollups this long (default 90d)'),
      })
      .strict()
      .default({ raw: 14 * 86_400_000, hourly: 90 * 86_400_000 })
      .describe('Daily rollups are kept for good'),
    api: apiSettingsSchema.default({ allowed_secrets: [] }).describe('Monitors managed through the API'),
    monitors: z.array(monitorSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    secretsKeptApart(file, ctx);
    const ids = uniqueIds(file.monitors, 'monitors', 'monitor', ctx);
    uniqueIds(file.channels, 'channels', 'channel', ctx);
    uniqueIds(file.maintenance, 'maintenance', 'maintenance window', ctx);
    uniqueHeartbeatTokens(file.monitors, ctx);
    checkSubscribers(file, ctx);
    file.monitors.forEach((monitor, index) => {
      monitor.depends_on.forEach((parent, j) => {
        const path = ['monitors', index, 'depends_on', j];
        if (!ids.has(parent))
          ctx.addIssue({ code: 'custom', path, message: `no monitor has the id "${parent}"` });
        else if (dependsOn(file.monitors, parent, monitor.id)) {
          ctx.addIssue({ code: 'custom', path, message: `"${parent}" depends on "${monitor.id}": a cycle` });
        }
      });
    });
  });

/**
 * Channel, watchdog and heartbeat secrets stay out of every monitor's requests, and out of the
 * API's allow-list: a write token must not be able to send them to a host of its choosing.
 */
function secretsKeptApart(
  file: SecretHolders & { api: { allowed_secrets: string[] } },
  ctx: z.RefinementCtx,
) {
  const reserved = reservedSecrets(file);
  file.api.allowed_secrets.forEach((name, index) => {
    const owner = reserved.get(name);
    if (owner !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['api', 'allowed_secrets', index],
        message: `${name} is ${owner}: monitors created through the API could send it to any host`,
      });
    }
  });
  file.monitors.forEach((monitor, index) => {
    for (const use of forbiddenUses(monitor, reserved)) {
      ctx.addIssue({ code: 'custom', path: ['monitors', index, ...use.path], message: use.reason });
    }
  });
}

/** Flags each repeated id at its second use; returns the ids. */
function uniqueIds(items: { id: string }[], key: string, noun: string, ctx: z.RefinementCtx): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, index) => {
    if (ids.has(item.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [key, index, 'id'],
        message: `duplicate ${noun} id "${item.id}"`,
      });
    }
    ids.add(item.id);
  });
  return ids;
}

/**
 * Each heartbeat needs its own token: a ping is matched to its monitor by the token's hash, which
 * D1 keeps unique, so two monitors on one secret would fail every tick's write.
 */
function uniqueHeartbeatTokens(monitors: z.output<typeof monitorSchema>[], ctx: z.RefinementCtx) {
  const owners = new Map<string, string>();
  monitors.forEach((monitor, index) => {
    if (monitor.kind !== 'heartbeat') return;
    const secret = monitor.token.replace(/^\$\{\{\s*|\s*\}\}$/g, '');
    const owner = owners.get(secret);
    if (owner === undefined) owners.set(secret, monitor.id);
    else {
      ctx.addIssue({
        code: 'custom',
        path: ['monitors', index, 'token'],
        message: `heartbeat "${owner}" already uses ${secret}: each heartbeat needs its own token, since pings are told apart by it`,
      });
    }
  });
}

/** Whether `from` reaches `to` through depends_on links (or is it). */
function dependsOn(
  monitors: { id: string; depends_on: string[] }[],
  from: string,
  to: string,
  seen = new Set<string>(),
): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const parents = monitors.find((m) => m.id === from)?.depends_on ?? [];
  return parents.some((parent) => dependsOn(monitors, parent, to, seen));
}

export type ConfigFile = z.output<typeof configFileSchema>;
export type MonitorConfig = z.output<typeof monitorSchema>;
