/**
 * Writes a lookout.yaml from another tool's configuration, and lists what it could not carry over
 * and why. The source file is read, never run (an UptimeFlare config is parsed, not executed).
 *
 *   npm run import -- --from uptimeflare|gatus|uptime-kuma FILE [--out lookout.yaml] [--force]
 *
 * Exit codes: 0 written; 1 the source could not be imported (the reason is printed) or the output
 * exists (pass --force); 2 a usage error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigText } from '../src/config/load';
import { formatProblems } from '../src/config/validate';
import { formatNotes, ImportError, IMPORTERS, renderYaml, SOURCES, type Source } from './import/index';

const USAGE = `usage: npm run import -- --from ${SOURCES.join('|')} FILE [--out lookout.yaml] [--force]`;

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        out: { type: 'string', default: 'lookout.yaml' },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { from, out, force } = args.values;
  const [file, ...extra] = args.positionals;
  if (!from || !SOURCES.includes(from as Source) || !file || extra.length > 0) {
    console.error(from && !SOURCES.includes(from as Source) ? `unknown source "${from}"\n${USAGE}` : USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`${file}: no such file`);
    return 1;
  }
  if (existsSync(out) && !force) {
    console.error(`${out} exists: not overwritten (pass --force to replace it, or --out another file)`);
    return 1;
  }
  let result;
  try {
    result = IMPORTERS[from as Source](readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(`${file}: cannot import: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const text = renderYaml(result, from as Source, file);
  // What is written must load: the same loader the build and the Worker use.
  const loaded = loadConfigText(text);
  if (!loaded.ok) {
    console.error(
      `the imported config does not validate (please report it):\n${formatProblems(out, loaded.problems)}`,
    );
    return 1;
  }
  writeFileSync(out, text);
  console.log(
    `wrote ${out}: ${loaded.config.monitors.length} monitors, ${loaded.config.channels.length} channels`,
  );
  console.log(formatNotes(result));
  if (result.secrets.length > 0) {
    console.log('\nSet these secrets before deploying:');
    for (const s of result.secrets)
      console.log(`  wrangler secret put ${s.name}${s.value ? `   # ${s.value}` : ''}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
