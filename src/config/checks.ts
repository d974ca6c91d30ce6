import { z } from 'zod';
import { jsonValue } from './json-value';
import { assertionsSchema } from '../probes/assertions/schema';
import { findingOptionsSchema, parseDurationDays } from '../probes/findings';
import { DEFAULT_TLS_LEAD_DAYS } from '../probes/findings/tls';
import { MAX_CHECK_MS } from '../jobs/deadline';
import { durationMs } from './duration';

/**
 * What each kind of check does: the `spec` of a monitor. Values may reference secrets as
 * `${{ secrets.NAME }}` (and, in flow steps, extracted values as `${{ vars.NAME }}`); they are
 * resolved when the check runs, never before.
 */

const statusClass = z.string().regex(/^[1-5]xx$/, 'expected a status class such as "2xx"');
const statusCode = z.number().int().min(100).max(599);

export const expectedStatusSchema = z
  .union([statusCode, statusClass, z.array(z.union([statusCode, statusClass])).min(1)])
  .describe('Accepted status: a code, a class such as "2xx", or a list of them');

/** A URL that may still hold `${{ ... }}` references: checked with each reference as a placeholder. */
const templatedUrl = z
  .string()
  .refine(
    (url) => /^https?:\/\//.test(url) && URL.canParse(url.replace(/\$\{\{[^}]*\}\}/g, 'x')),
    'expected an http:// or https:// URL',
  );

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');

/** One request may use the whole of a check's limit; a check's requests together may too (see check-budget). */
const timeout = durationMs
  .default(10_000)
  .pipe(
    z
      .number()
      .min(100, 'at least 100ms')
      .max(MAX_CHECK_MS, `at most ${MAX_CHECK_MS / 1000}s: the longest one check may take in a tick`),
  )
  .describe(`Abort after this long (default 10s, at most ${MAX_CHECK_MS / 1000}s)`);

/** follow (up to 5 hops), a number of hops to follow, manual (the 3xx is the answer), error (a 3xx fails). */
export const redirectsSchema = z
  .union([z.enum(['follow', 'manual', 'error']), z.number().int().min(0).max(20)])
  .default('follow')
  .transform((value) =>
    typeof value === 'number'
      ? { mode: 'follow' as const, max: value }
      : value === 'follow'
        ? { mode: 'follow' as const, max: 5 }
        : { mode: value },
  );

/** The request part shared by http monitors and flow steps. */
const requestShape = {
  url: templatedUrl,
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  headers: z.record(headerName, z.string()).default({}).describe('Request headers'),
  body: z.string().optional().describe('A text body, sent as is'),
  json: jsonValue.optional().describe('A JSON body (sets Content-Type: application/json)'),
  form: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .optional()
    .describe('A form body (application/x-www-form-urlencoded)'),
  timeout,
  redirects: redirectsSchema,
  expected_status: expectedStatusSchema
    .optional()
    .describe('Accepted status (default 2xx, unless a status assertion says otherwise)'),
  assertions: assertionsSchema.default([]),
  requires_auth: z
    .boolean()
    .default(false)
    .describe('The endpoint must reject anonymous calls: Lookout also calls it without credentials'),
};

export function oneBody(request: { body?: unknown; json?: unknown; form?: unknown }, ctx: z.RefinementCtx) {
  const given = (['body', 'json', 'form'] as const).filter((key) => request[key] !== undefined);
  if (given.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: [given[1] as string],
      message: `use one of body, json or form, not ${given.join(' and ')}`,
    });
  }
}

/** Days before a certificate's expiry to warn at, e.g. ["30d", "7d"] (one notice per lead). */
const leadTimes = z
  .array(
    z
      .string()
      .refine((text) => (parseDurationDays(text) ?? 0) > 0, 'expected a duration such as "30d" or "12h"')
      .transform((text) => parseDurationDays(text) as number),
  )
  .min(1)
  .max(10)
  .describe('Warn this long before the certificate expires, once per lead (default 30d, 14d, 7d, 1d)');

/** An https monitor's certificate check (hourly per host and port); `false` turns it off. */
export const httpTlsSchema = z
  .union([z.literal(false), z.object({ lead_times: leadTimes.optional() }).strict()])
  .optional()
  .describe("Check the host's certificate hourly (default on for https URLs); false turns it off");

/** `kind` may be left out: http is the default. */
export const httpSpecShape = {
  kind: z.literal('http').default('http'),
  ...requestShape,
  findings: findingOptionsSchema.default({}),
  tls: httpTlsSchema,
};

const extractRule = z.union([
  z.object({ json: z.string().startsWith('$') }).strict(),
  z.object({ header: headerName }).strict(),
  z.object({ regex: z.string().refine(isRegex, 'not a valid regular expression') }).strict(),
]);

export const flowStepSchema = z
  .object({
    name: z.string().min(1).max(80),
    ...requestShape,
    extract: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a variable name'), extractRule)
      .default({})
      .describe(
        'Values later steps use as ${{ vars.NAME }}: { json: $.path }, { header: name } or { regex: "(group)" }',
      ),
    always_run: z.boolean().default(false).describe('Run even after an earlier step failed (cleanup)'),
  })
  .strict()
  .superRefine(oneBody);

/** A step may only use values that an earlier step extracts. */
function varsDefinedBeforeUse(steps: z.output<typeof flowStepSchema>[], ctx: z.RefinementCtx) {
  const defined = new Set<string>();
  steps.forEach((step, index) => {
    const text = JSON.stringify([step.url, step.query, step.headers, step.body, step.json, step.form]);
    for (const [, name] of text.matchAll(/\$\{\{\s*vars\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) {
      if (!defined.has(name as string)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `uses vars.${name}, which no earlier step extracts`,
        });
      }
    }
    for (const name of Object.keys(step.extract)) defined.add(name);
  });
}

export const flowSpecShape = {
  kind: z.literal('flow'),
  steps: z.array(flowStepSchema).min(1).max(20).superRefine(varsDefinedBeforeUse),
  findings: findingOptionsSchema.default({}),
};

const host = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'expected a host name or IP address');

export const tcpSpecShape = {
  kind: z.literal('tcp'),
  host,
  port: z
    .number()
    .int()
    .min(1)
    .max(65_535)
    .refine((p) => p !== 25, 'port 25 is blocked on Workers'),
  timeout,
  assertions: assertionsSchema.default([]),
};

/** A certificate check of any TLS service: mail, databases, brokers, or HTTPS without a request. */
export const tlsSpecShape = {
  kind: z.literal('tls'),
  host,
  port: z.number().int().min(1).max(65_535).default(443),
  sni: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, 'expected a host name')
    .optional()
    .describe('The name to send as SNI and to find in the certificate (default: the host)'),
  timeout,
  lead_times: leadTimes.default(DEFAULT_TLS_LEAD_DAYS),
};

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export const DNS_RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'] as const;

export const dnsSpecShape = {
  kind: z.literal('dns'),
  domain: z.string().min(1).max(253).describe('The name to look up'),
  record_type: z.enum(DNS_RECORD_TYPES).default('A'),
  resolver: z
    .url({ protocol: /^https?$/ })
    .default('https://cloudflare-dns.com/dns-query')
    .describe('A DNS-over-HTTPS resolver speaking the JSON API'),
  timeout,
  expect: z
    .object({
      rcode: z.enum(DNS_RCODES).default('NOERROR'),
      values: z.array(z.string()).min(1).optional().describe('The answer must be exactly these values'),
      contains: z.array(z.string()).min(1).optional().describe('The answer must include these values'),
    })
    .strict()
    .default({ rcode: 'NOERROR' }),
  assertions: assertionsSchema.default([]),
};

/** A vendor's public status page (Atlassian Statuspage or incident.io): its components and incidents. */
export const statuspageSpecShape = {
  kind: z.literal('statuspage'),
  url: z
    .url({ protocol: /^https?$/ })
    .describe('The status page (https://status.vendor.com) or its /api/v2/summary.json'),
  components: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(50)
    .optional()
    .describe('Component names or ids to follow (default: every component and incident on the page)'),
  timeout,
};

export type ExpectedStatus = z.output<typeof expectedStatusSchema>;
type Output<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;
export type HttpSpec = Output<typeof httpSpecShape>;
export type FlowStep = z.output<typeof flowStepSchema>;
export type FlowSpec = Output<typeof flowSpecShape>;
export type TcpSpec = Output<typeof tcpSpecShape>;
export type DnsSpec = Output<typeof dnsSpecShape>;
export type TlsSpec = Output<typeof tlsSpecShape>;
export type StatuspageSpec = Output<typeof statuspageSpecShape>;
export type ProbeSpec = HttpSpec | FlowSpec | TcpSpec | DnsSpec | TlsSpec | StatuspageSpec;
export type CheckSpec = ProbeSpec | HeartbeatSpec;
export type HttpRequestSpec = Omit<HttpSpec, 'kind' | 'findings' | 'tls'>;

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** A push monitor: a job pings its secret URL; a missed ping opens heartbeat.missed. */
export const heartbeatSpecShape = {
  kind: z.literal('heartbeat'),
  token: z
    .string()
    .regex(
      /^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/,
      'expected a secret reference such as ${{ secrets.NAME }}',
    )
    .describe('The secret in the ping URL /api/v1/heartbeats/<token>; stored only as a hash'),
  period: durationMs.describe('How often the job pings'),
  grace: durationMs.default(300_000).describe('How late a ping may be (default 5m)'),
};

export type HeartbeatSpec = Output<typeof heartbeatSpecShape>;
