/**
 * Validates the monitor file and writes the copy the Worker bundles (src/config/bundled.generated.json).
 * An invalid file exits non-zero with every problem's path, line and reason, so `npm start`, the
 * build and the deploy stop before a Worker can run on it.
 *
 *   LOOKOUT_CONFIG=path/to/file.yaml npm run config:build   (default: lookout.yaml)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigText } from '../src/config/load';
import { formatProblems } from '../src/config/validate';

export const GENERATED_CONFIG = resolve(import.meta.dirname, '../src/config/bundled.generated.json');

/** `out`: where to write; the browser tests keep theirs apart (test/browser/global-setup.ts). */
export function buildConfig(
  file = process.env.LOOKOUT_CONFIG ?? 'lookout.yaml',
  out = GENERATED_CONFIG,
): boolean {
  if (!existsSync(file)) {
    console.error(`${file}: not found (copy lookout.example.yaml to start)`);
    return false;
  }
  const result = loadConfigText(readFileSync(file, 'utf8'));
  if (!result.ok) {
    console.error(
      `${file} is invalid; nothing was deployed or reloaded:\n${formatProblems(file, result.problems)}`,
    );
    return false;
  }
  const json = `${JSON.stringify({ source: file, config: result.data }, null, 2)}\n`;
  // Rewrite only on change: wrangler dev rebuilds on every write.
  if (!existsSync(out) || readFileSync(out, 'utf8') !== json) {
    writeFileSync(out, json);
  }
  console.error(`${file}: ${result.config.monitors.length} monitors, valid`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(buildConfig() ? 0 : 1);
}
