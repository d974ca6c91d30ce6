import bundled from './bundled.generated.json';
import { prepareConfig, type LoadedConfig } from './monitor';
import { formatProblems, validateConfig } from './validate';

let cached: Promise<LoadedConfig> | undefined;

/**
 * The config bundled with this Worker (scripts/build-config.ts writes it from lookout.yaml). It is
 * validated again here: a Worker never runs on a config that does not pass the schema.
 */
export function bundledConfig(): Promise<LoadedConfig> {
  cached ??= loadBundled(bundled.config);
  return cached;
}

export async function loadBundled(data: unknown): Promise<LoadedConfig> {
  const result = validateConfig(data);
  if (!result.ok) {
    throw new Error(`bundled config is invalid:\n${formatProblems(bundled.source, result.problems)}`);
  }
  return prepareConfig(result.config);
}
