import type { Finding } from '../result';

/**
 * Credential findings from the JWTs a check sends. Claims are read WITHOUT verifying the signature:
 * we only want the dates. Findings name the header and give dates and numbers, never the token, any
 * part of it or identity claims (sub, iss), since findings end up in alerts and the public API.
 */

export const DEFAULT_CREDENTIAL_WARNING_DAYS = 7;
export const DEFAULT_CREDENTIAL_MAX_LIFETIME_DAYS = 30;
const DAY_MS = 86_400_000;
const MAX_DATE_MS = 8.64e15;

export interface CredentialOptions {
  credentialWarningDays?: number;
  credentialMaxLifetimeDays?: number;
}

export interface JwtDates {
  /** Epoch seconds, as in the claims; null when absent or not a usable number. */
  exp: number | null;
  iat: number | null;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The `exp`/`iat` of a compact JWT, or null when the value is not one (its header must be JSON with `alg`). */
export function readJwtDates(token: string): JwtDates | null {
  if (!JWT.test(token)) return null;
  const [header, payload] = token.split('.').map(decodeJson);
  if (!isObject(header) || typeof header.alg !== 'string' || !isObject(payload)) return null;
  return { exp: numericDate(payload.exp), iat: numericDate(payload.iat) };
}

export function detectCredentials(headers: Headers, options: CredentialOptions, now: number): Finding[] {
  const warningMs = (options.credentialWarningDays ?? DEFAULT_CREDENTIAL_WARNING_DAYS) * DAY_MS;
  const maxLifetimeDays = options.credentialMaxLifetimeDays ?? DEFAULT_CREDENTIAL_MAX_LIFETIME_DAYS;
  const findings: Finding[] = [];
  for (const [header, value] of headers) {
    const token = /^Bearer\s+(\S+)$/i.exec(value.trim())?.[1] ?? value.trim();
    const dates = readJwtDates(token);
    if (!dates || dates.exp === null) continue; // Without exp there is nothing to warn about.
    const expMs = dates.exp * 1000;
    const expiresAt = new Date(expMs).toISOString();
    if (expMs - now <= warningMs) {
      const daysLeft = Math.floor((expMs - now) / DAY_MS);
      const when =
        daysLeft < 0
          ? `expired ${plural(-daysLeft)} ago`
          : `expires ${daysLeft === 0 ? 'today' : `in ${plural(daysLeft)}`}`;
      findings.push({
        code: 'credential.expiring',
        detail: `Token in ${header} ${when} (${expiresAt.slice(0, 10)})`,
        data: { header, expires_at: expiresAt, days_left: daysLeft },
      });
    }
    if (dates.iat !== null) {
      const lifetimeDays = (dates.exp - dates.iat) / 86_400;
      if (lifetimeDays > maxLifetimeDays) {
        const shown = Math.round(lifetimeDays * 10) / 10;
        findings.push({
          code: 'credential.long_lived',
          detail: `Token in ${header} is valid for ${plural(shown)} (limit ${plural(maxLifetimeDays)})`,
          data: {
            header,
            issued_at: new Date(dates.iat * 1000).toISOString(),
            expires_at: expiresAt,
            lifetime_days: shown,
            max_lifetime_days: maxLifetimeDays,
          },
        });
      }
    }
  }
  return findings;
}

function decodeJson(segment: string | undefined): unknown {
  try {
    const base64 = (segment ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
      c.charCodeAt(0),
    );
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return null; // Not base64url JSON: not a JWT.
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// NumericDate: seconds, possibly fractional; reject what Date cannot represent.
const numericDate = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value * 1000) <= MAX_DATE_MS ? value : null;

const plural = (days: number) => `${days} day${days === 1 ? '' : 's'}`;
