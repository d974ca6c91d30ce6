import { z } from 'zod';
import { REGIONS } from '../../regions/regions';

/**
 * The API's request schemas, in one place: the routes validate with them and the OpenAPI document
 * is generated from them, so the two cannot drift.
 */

export const WINDOWS_MS = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
  '365d': 365 * 86_400_000,
} as const;

/** A named window back from now; the read API and the badges take the same names. */
export const windowName = z.enum(Object.keys(WINDOWS_MS) as [keyof typeof WINDOWS_MS]);
export type WindowName = z.output<typeof windowName>;

export const MANUAL_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

export const dailyQuery = z.object({ days: z.coerce.number().int().min(1).max(400).default(90) });

export const incidentsQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  monitor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const windowQuery = z
  .object({
    window: windowName.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !(q.window && (q.from || q.to)), { message: 'give a window, or from and to, not both' })
  .refine((q) => !q.from === !q.to, { message: 'from and to go together' })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
  });

export const slaQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    target: z.coerce.number().min(0).max(100).default(99.9),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });

export const resultsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
  region: z.enum(REGIONS).optional(),
});

export const listQuery = z.object({
  status: z.enum(['pending', 'sent', 'dead']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const pingQuery = z.object({
  status: z.enum(['ok', 'fail']).default('ok'),
  msg: z.string().max(500).optional(),
});

export const updateBody = z
  .object({
    status: z.enum(MANUAL_STATUSES),
    message: z.string().trim().min(1).max(5000),
  })
  .strict();
