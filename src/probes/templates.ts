/**
 * References in check specs: `${{ secrets.NAME }}` (a Worker secret, read when the check runs) and
 * `${{ vars.NAME }}` (a value an earlier flow step extracted). Config and D1 only ever hold the
 * reference. Every value substituted is remembered so results can be scrubbed of it
 * (src/probes/redaction.ts; values shorter than MIN_SECRET_LENGTH are not secrets).
 */
import { MIN_SECRET_LENGTH } from './redaction';

const REFERENCE = /\$\{\{\s*(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type SecretLookup = (name: string) => string | undefined;

export class MissingValueError extends Error {
  constructor(
    readonly source: 'secrets' | 'vars',
    readonly valueName: string,
    reason = source === 'secrets' ? 'is not set' : 'was not extracted',
  ) {
    super(`${source === 'secrets' ? 'secret' : 'variable'} ${valueName} ${reason}`);
    this.name = 'MissingValueError';
  }
}

export interface TemplateScope {
  secrets: SecretLookup;
  vars: Record<string, string>;
  /** Every value substituted so far: what results must never contain. */
  used: Set<string>;
}

export function hasReference(text: string): boolean {
  return new RegExp(REFERENCE.source).test(text);
}

/** The names of the secrets a text references, in order (repeats kept). */
export function secretNames(text: string): string[] {
  return [...text.matchAll(REFERENCE)]
    .filter(([, source]) => source === 'secrets')
    .map(([, , name]) => name as string);
}

export function resolveTemplate(text: string, scope: TemplateScope): string {
  return text.replace(REFERENCE, (_, source: 'secrets' | 'vars', name: string) => {
    const value = source === 'secrets' ? scope.secrets(name) : scope.vars[name];
    if (value === undefined) throw new MissingValueError(source, name);
    if (value.length >= MIN_SECRET_LENGTH) scope.used.add(value);
    return value;
  });
}

/** Resolves references in every string of a JSON value (a JSON request body). */
export function resolveDeep(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') return resolveTemplate(value, scope);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, scope)]));
  }
  return value;
}

/**
 * The secrets a monitor managed through the API may resolve: those `api.allowed_secrets` lists,
 * checked again when the check runs (not only when the monitor was written), so a monitor stored
 * before the list changed cannot read anything else.
 */
export function allowOnly(lookup: SecretLookup, allowed: readonly string[]): SecretLookup {
  const names = new Set(allowed);
  return (name) => {
    if (!names.has(name)) {
      throw new MissingValueError(
        'secrets',
        name,
        'is not allowed for monitors managed through the API (api.allowed_secrets in lookout.yaml)',
      );
    }
    return lookup(name);
  };
}

/** Reads string-valued bindings from a Worker env, so secrets are looked up by name only. */
export function secretsFromEnv(env: object): SecretLookup {
  return (name) => {
    const value: unknown = (env as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
}
