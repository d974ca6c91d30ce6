/**
 * Creates an API token and stores its SHA-256 hash in D1; the token is printed once, never stored.
 *
 *   npm run token:create -- --name ci --scopes read,write            (local database)
 *   npm run token:create -- --name ci --scopes read --remote         (the deployed database)
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    scopes: { type: 'string', default: 'read' },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});

const scopes = (values.scopes ?? '').split(',').map((s) => s.trim());
if (!values.name || !/^[\w .-]{1,80}$/.test(values.name))
  fail('--name is required (letters, digits, space, . _ -)');
if (scopes.length === 0 || scopes.some((s) => s !== 'read' && s !== 'write'))
  fail('--scopes takes read, write or read,write');

const token = `lk_${randomBytes(32).toString('base64url')}`;
const hash = createHash('sha256').update(token).digest('hex');
const sql = `INSERT INTO api_tokens (id, name, token_hash, scopes, created_at) VALUES ('${randomUUID()}', '${values.name}', '${hash}', '${JSON.stringify(scopes)}', ${Date.now()})`;
const args = ['wrangler', 'd1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--command', sql];
if (values['persist-to']) args.push('--persist-to', values['persist-to']);
const result = spawnSync('npx', args, {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
if (result.status !== 0) fail('wrangler could not store the token (have the migrations been applied?)');

console.log(`Token "${values.name}" (${scopes.join(', ')}), shown once, keep it secret:\n\n  ${token}\n`);

function fail(message: string): never {
  console.error(`token:create: ${message}`);
  process.exit(1);
}
