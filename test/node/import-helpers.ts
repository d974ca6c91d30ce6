import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { IMPORTERS, renderYaml, type ImportResult, type Source } from '../../scripts/import/index';
import { loadConfigText } from '../../src/config/load';
import type { ConfigFile } from '../../src/config/schema';

export const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

/** Imports a fixture and loads what would be written with Lookout's own loader; `monitor` finds one by id. */
export function importFixture(
  source: Source,
  name: string,
): {
  result: ImportResult;
  text: string;
  config: ConfigFile;
  monitor: (id: string) => ConfigFile['monitors'][number] | undefined;
} {
  const result = IMPORTERS[source](readFileSync(fixture(name), 'utf8'));
  const text = renderYaml(result, source, name);
  const loaded = loadConfigText(text);
  expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  if (!loaded.ok) throw new Error('invalid');
  const { config } = loaded;
  return { result, text, config, monitor: (id) => config.monitors.find((m) => m.id === id) };
}

/** The note at `path` whose `what` matches. */
export function noteAt(result: ImportResult, path: string, what: RegExp | string) {
  return result.notes.find(
    (n) => n.path === path && (typeof what === 'string' ? n.what.includes(what) : what.test(n.what)),
  );
}
