import { z } from 'zod';
import type { Finding } from '../result';
import { detectCredentials } from './credentials';
import { detectLifecycle } from './lifecycle';
import { detectLargePayload } from './payload';
import { detectInsecureTransport } from './transport';

export {
  DEFAULT_CREDENTIAL_MAX_LIFETIME_DAYS,
  DEFAULT_CREDENTIAL_WARNING_DAYS,
  detectCredentials,
} from './credentials';
export { DEFAULT_SUNSET_WARNING_DAYS, detectLifecycle } from './lifecycle';
export { DEFAULT_PAYLOAD_BUDGET_BYTES, detectLargePayload } from './payload';
export { detectInsecureTransport } from './transport';

/** What a finished check hands to the detectors. */
export interface FindingInput {
  url: string;
  /** The headers the check sent, secrets resolved. */
  requestHeaders: Headers;
  response: { headers: Headers };
  body: { bytesRead: number; truncated: boolean };
}

/** Thresholds in days and bytes; each falls back to its DEFAULT_* constant. */
export interface FindingOptions {
  sunsetWarningDays?: number;
  credentialWarningDays?: number;
  credentialMaxLifetimeDays?: number;
  payloadBudgetBytes?: number;
}

/** Every finding for one check. `now` is passed in (epoch ms) so results are reproducible. */
export function collectFindings(input: FindingInput, options: FindingOptions, now: number): Finding[] {
  const contentLength = input.response.headers.get('content-length')?.trim() ?? '';
  return [
    ...detectLifecycle(input.response.headers, { ...options, baseUrl: input.url }, now),
    ...detectCredentials(input.requestHeaders, options, now),
    detectInsecureTransport(input.url, input.response.headers),
    detectLargePayload(
      { ...input.body, contentLength: /^\d+$/.test(contentLength) ? Number(contentLength) : null },
      options.payloadBudgetBytes,
    ),
  ].filter((finding): finding is Finding => finding !== null);
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(d|h)$/;
const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB)$/i;

/** "30d" or "12h", in days; null when malformed. */
export function parseDurationDays(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  return match[2] === 'd' ? Number(match[1]) : Number(match[1]) / 24;
}

/**
 * "2000B", "512KB", "1MB", in bytes; null when malformed. Binary units on purpose: KB and KiB both
 * mean 1024 bytes, MB and MiB 1024², so "512KB" is the 512 KiB default.
 */
export function parseSizeBytes(text: string): number | null {
  const match = SIZE.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] ?? '').toUpperCase();
  const factor = unit === 'B' ? 1 : unit.startsWith('K') ? 1024 : 1024 * 1024;
  return Math.round(Number(match[1]) * factor);
}

const days = z
  .string()
  .regex(DURATION, 'expected a duration in days or hours such as "30d" or "12h"')
  .transform((text) => parseDurationDays(text) as number);

const bytes = z
  .string()
  .regex(SIZE, 'expected a size such as "2000B", "512KB" or "1MB" (KB = 1024 bytes)')
  .transform((text) => parseSizeBytes(text) as number)
  .pipe(z.number().min(1, 'must be at least 1 byte'));

/**
 * A monitor's `findings:` block in lookout.yaml (snake_case, units in the text), parsed to
 * FindingOptions. Keys left out stay absent so collectFindings applies the defaults.
 */
export const findingOptionsSchema = z
  .object({
    sunset_warning: days.optional().describe('Warn this long before a Sunset date (default 30d)'),
    credential_warning: days.optional().describe('Warn this long before a sent JWT expires (default 7d)'),
    credential_max_lifetime: days
      .pipe(z.number().positive('must be longer than 0'))
      .optional()
      .describe('Flag sent JWTs valid longer than this (exp - iat; default 30d)'),
    payload_budget: bytes
      .optional()
      .describe('Flag responses larger than this (default 512KB; KB = 1024 bytes)'),
  })
  .strict()
  .transform((raw): FindingOptions => {
    const options: FindingOptions = {};
    if (raw.sunset_warning !== undefined) options.sunsetWarningDays = raw.sunset_warning;
    if (raw.credential_warning !== undefined) options.credentialWarningDays = raw.credential_warning;
    if (raw.credential_max_lifetime !== undefined)
      options.credentialMaxLifetimeDays = raw.credential_max_lifetime;
    if (raw.payload_budget !== undefined) options.payloadBudgetBytes = raw.payload_budget;
    return options;
  });

/** The `findings:` block as written in YAML. */
export type FindingOptionsConfig = z.input<typeof findingOptionsSchema>;
/** The parsed block: same as FindingOptions. */
export type ParsedFindingOptions = z.output<typeof findingOptionsSchema>;
