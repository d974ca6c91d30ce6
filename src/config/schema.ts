import { z } from 'zod';
import { REGIONS } from '../regions/regions';
import { dnsSpecShape, flowSpecShape, httpSpecShape, oneBody, tcpSpecShape } from './checks';
import { durationMs } from './duration';

/**
 * The monitor file (lookout.yaml). This schema is the single source of truth: it validates the
 * file at build time and in the Worker, gives the TypeScript types, and is exported as JSON Schema
 * for editors (`npm run config:schema`). What each kind of check does lives in ./checks.
 */

export const regionSchema = z.enum(REGIONS).describe('A Durable Object location hint');

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
    .pipe(z.number().refine((ms) => ms % 60_000 === 0 && ms >= 60_000, 'must be a whole number of minutes'))
    .describe('How often to check: a multiple of 60s (default 60s)'),
  regions: z.array(regionSchema).min(1).optional().describe('Defaults to the top-level regions'),
  public: z.boolean().default(true).describe('Shown on the status page and the public API'),
};

export const monitorSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({ ...monitorShape, ...httpSpecShape })
      .strict()
      .superRefine(oneBody),
    z.object({ ...monitorShape, ...flowSpecShape }).strict(),
    z.object({ ...monitorShape, ...tcpSpecShape }).strict(),
    z.object({ ...monitorShape, ...dnsSpecShape }).strict(),
  ],
  { error: 'expected kind http (the default), flow, tcp or dns' },
);

export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    regions: z
      .array(regionSchema)
      .min(1)
      .default(['weur', 'enam', 'apac'])
      .describe('Regions every monitor is checked from unless it names its own'),
    monitors: z.array(monitorSchema).default([]),
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
export type MonitorConfig = z.output<typeof monitorSchema>;
