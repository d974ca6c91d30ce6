import { z } from 'zod';
import { REGIONS } from '../regions/regions';
import { durationMs } from './duration';

/**
 * The monitor file (lookout.yaml). This schema is the single source of truth: it validates the
 * file at build time and in the Worker, gives the TypeScript types, and is exported as JSON Schema
 * for editors (`npm run config:schema`).
 */

export const regionSchema = z.enum(REGIONS).describe('A Durable Object location hint');

const statusClass = z.string().regex(/^[1-5]xx$/, 'expected a status class such as "2xx"');
const statusCode = z.number().int().min(100).max(599);

export const expectedStatusSchema = z
  .union([statusCode, statusClass, z.array(z.union([statusCode, statusClass])).min(1)])
  .describe('Accepted status: a code, a class such as "2xx", or a list of them');

const monitorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a slug: lowercase letters, digits, "-" and "_"');

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');

export const httpMonitorSchema = z
  .object({
    id: monitorId.describe('Stable id; the history of a monitor follows its id'),
    name: z.string().min(1).max(120).optional().describe('Display name (defaults to the id)'),
    group: z.string().min(1).max(80).optional().describe('Group shown on the status page'),
    kind: z.literal('http').default('http'),
    url: httpUrl,
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
    headers: z
      .record(headerName, z.string())
      .default({})
      .describe('Request headers; values may reference secrets as ${{ secrets.NAME }}'),
    body: z.string().optional().describe('Request body, sent as is'),
    timeout: durationMs
      .default(10_000)
      .pipe(z.number().min(100, 'at least 100ms').max(60_000, 'at most 60s'))
      .describe('Abort the check after this long (default 10s)'),
    interval: durationMs
      .default(60_000)
      .pipe(z.number().refine((ms) => ms % 60_000 === 0 && ms >= 60_000, 'must be a whole number of minutes'))
      .describe('How often to check: a multiple of 60s (default 60s)'),
    expected_status: expectedStatusSchema.default('2xx'),
    regions: z.array(regionSchema).min(1).optional().describe('Defaults to the top-level regions'),
    public: z.boolean().default(true).describe('Shown on the status page and the public API'),
  })
  .strict();

export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    regions: z
      .array(regionSchema)
      .min(1)
      .default(['weur', 'enam', 'apac'])
      .describe('Regions every monitor is checked from unless it names its own'),
    monitors: z.array(httpMonitorSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.monitors.forEach((monitor, index) => {
      if (seen.has(monitor.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['monitors', index, 'id'],
          message: `duplicate monitor id "${monitor.id}"`,
        });
      }
      seen.add(monitor.id);
    });
  });

export type ConfigFile = z.output<typeof configFileSchema>;
export type HttpMonitorConfig = z.output<typeof httpMonitorSchema>;
export type ExpectedStatus = z.output<typeof expectedStatusSchema>;
