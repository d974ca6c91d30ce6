import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/** A duration written as "500ms", "10s", "5m", "1h", "7d", or a plain number of seconds; parsed to ms. */
export const durationMs = z
  .union([
    z.number().positive().describe('seconds'),
    z.string().regex(DURATION, 'expected a duration such as "500ms", "10s", "5m", "1h" or "7d"'),
  ])
  .transform((value) => {
    if (typeof value === 'number') return Math.round(value * 1000);
    const [, amount, unit] = DURATION.exec(value) as unknown as [string, string, keyof typeof UNIT_MS];
    return Math.round(Number(amount) * UNIT_MS[unit]);
  });
