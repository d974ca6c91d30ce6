/**
 * Secret references (`${{ secrets.NAME }}`) in monitor fields. The config and D1 only ever hold the
 * reference; the value is read from the Worker's secrets at probe time.
 */
const SECRET_REF = /\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function secretNames(text: string): string[] {
  return [...text.matchAll(SECRET_REF)].map((m) => m[1] as string);
}

export type SecretLookup = (name: string) => string | undefined;

export class MissingSecretError extends Error {
  constructor(readonly secretName: string) {
    super(`secret ${secretName} is not set`);
    this.name = 'MissingSecretError';
  }
}

export function resolveSecrets(text: string, lookup: SecretLookup): string {
  return text.replace(SECRET_REF, (_, name: string) => {
    const value = lookup(name);
    if (value === undefined) throw new MissingSecretError(name);
    return value;
  });
}

/** Reads string-valued bindings from a Worker env, so secrets are looked up by name only. */
export function secretsFromEnv(env: object): SecretLookup {
  return (name) => {
    const value: unknown = (env as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
}
