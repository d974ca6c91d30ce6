import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load';
import { fixture } from './import-helpers';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');

/** `npm run import -- ...args`, as a user runs it, in `cwd`. */
function runImport(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [tsx, join(root, 'scripts/import.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 50_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lookout-import-'));
  });

  it('writes lookout.yaml that Lookout loads, and prints the notes and the secrets to set', () => {
    const run = runImport(dir, '--from', 'gatus', fixture('gatus.yaml'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote lookout\.yaml: 7 monitors, 3 channels$/m);
    expect(run.stdout).toMatch(
      /^ {2}endpoints\[6\]: endpoint "gateway-ping" \(icmp:\/\/10\.0\.0\.1\) is not imported \(Workers cannot send ICMP/m,
    );
    expect(run.stdout).toMatch(
      /^Set these secrets before deploying:\n {2}wrangler secret put ORDERS_API_API_KEY$/m,
    );
    const loaded = loadConfigText(readFileSync(join(dir, 'lookout.yaml'), 'utf8'));
    expect(loaded.ok && loaded.config.monitors.length).toBe(7);
  });

  it('refuses to overwrite a file without --force, and replaces it with --force', () => {
    const out = join(dir, 'mine.yaml');
    writeFileSync(out, 'monitors: []\n');
    const refused = runImport(dir, '--from', 'uptime-kuma', fixture('uptime-kuma-backup.json'), '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${out} exists: not overwritten (pass --force to replace it`);
    expect(readFileSync(out, 'utf8')).toBe('monitors: []\n');

    const forced = runImport(
      dir,
      '--from',
      'uptime-kuma',
      fixture('uptime-kuma-backup.json'),
      '--out',
      out,
      '--force',
    );
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# Imported from an Uptime Kuma backup');
  });

  it('imports an UptimeFlare config without running it', () => {
    const run = runImport(dir, '--from', 'uptimeflare', fixture('uptime.config.ts'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('workerConfig.callbacks.onStatusChange: a function (not a literal)');
  });

  it.each([
    [
      'gatus',
      'broken.yaml',
      'endpoints:\n  - name: [unclosed\n',
      /broken\.yaml: cannot import: not valid YAML: /,
    ],
    ['uptime-kuma', 'broken.json', '{"monitorList": [', /broken\.json: cannot import: not valid JSON: /],
    [
      'uptimeflare',
      'broken.ts',
      'const workerConfig = {\n  monitors: [\n}',
      /broken\.ts: cannot import: not valid TypeScript: line 3: /,
    ],
    ['gatus', 'other.yaml', 'services:\n  web: {}\n', /other\.yaml: cannot import: not a Gatus config/],
  ])('fails on a broken %s file with the reason, writing nothing', (source, name, content, message) => {
    writeFileSync(join(dir, name), content);
    const run = runImport(dir, '--from', source, name);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(dir, 'lookout.yaml'))).toBe(false);
  });

  it.each([
    [[], 2, /^usage: npm run import -- --from uptimeflare\|gatus\|uptime-kuma FILE/],
    [['--from', 'pingdom', 'x.json'], 2, /^unknown source "pingdom"/],
    [['--from', 'gatus'], 2, /^usage: /],
    [['--from', 'gatus', 'a.yaml', '--colour'], 2, /Unknown option '--colour'/],
    [['--from', 'gatus', 'missing.yaml'], 1, /^missing\.yaml: no such file/],
  ])('exits %j with code %i and says why', (args, code, message) => {
    const run = runImport(dir, ...args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });
});
