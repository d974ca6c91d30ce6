import { z } from 'zod';
import { configFileSchema } from './schema';

/** The config file's JSON Schema, as an editor sees it (input shape: defaults are optional). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Lookout monitor file (lookout.yaml)',
  };
}
