import type { SecretLookup } from '../probes/templates';
import { secretNames } from '../probes/templates';
import type { MonitorDefinition } from './monitor';
import type { ConfigProblem } from './validate';

/**
 * Heartbeat tokens are bearer secrets in a URL: anyone who guesses one can report a job as healthy
 * or failed. 128 bits makes guessing hopeless whatever the rate limit.
 */
export const MIN_TOKEN_BITS = 128;

/** Bits of a token drawn at random from the alphabet its characters suggest (hex, base64url, other). */
export function tokenBits(token: string): number {
  const perChar = /^[0-9a-f]+$/i.test(token) ? 4 : /^[A-Za-z0-9_-]+$/.test(token) ? 6 : 6.5;
  return Math.floor(token.length * perChar);
}

/** Why a token is too weak, or null. */
export function weakToken(name: string, token: string): string | null {
  const bits = tokenBits(token);
  if (bits >= MIN_TOKEN_BITS) return null;
  return `secret ${name} holds about ${bits} bits (${token.length} characters); a heartbeat token needs at least ${MIN_TOKEN_BITS} (22 base64url or 32 hex characters): generate one with \`openssl rand -hex 32\``;
}

/** The config's heartbeats whose token secret is set but weak, each with its path and reason. */
export function weakHeartbeatTokens(monitors: MonitorDefinition[], secrets: SecretLookup): ConfigProblem[] {
  return monitors.flatMap((monitor, index) => {
    if (monitor.spec.kind !== 'heartbeat') return [];
    const [name] = secretNames(monitor.spec.token);
    const token = name === undefined ? undefined : secrets(name);
    const reason = name === undefined || token === undefined ? null : weakToken(name, token);
    return reason === null ? [] : [{ path: `monitors[${index}].token`, message: reason }];
  });
}

/**
 * Heartbeats whose token secrets hold the same value as an earlier one's (two secret names, one
 * token): a ping could not say which job it is from. Known only where secret values are.
 */
export function sharedHeartbeatTokens(monitors: MonitorDefinition[], secrets: SecretLookup): ConfigProblem[] {
  const first = new Map<string, { index: number; name: string }>();
  return monitors.flatMap((monitor, index) => {
    if (monitor.spec.kind !== 'heartbeat') return [];
    const [name] = secretNames(monitor.spec.token);
    const token = name === undefined ? undefined : secrets(name);
    if (name === undefined || token === undefined) return [];
    const earlier = first.get(token);
    if (!earlier) {
      first.set(token, { index, name });
      return [];
    }
    return [
      {
        path: `monitors[${index}].token`,
        message: `secret ${name} holds the same token as secret ${earlier.name} (monitors[${earlier.index}]): pings could not tell the two apart; give each heartbeat its own token`,
      },
    ];
  });
}
