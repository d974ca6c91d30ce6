/** Writes lookout.schema.json (for editor autocompletion) from the Zod schema. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema } from '../src/config/json-schema';

writeFileSync(
  resolve(import.meta.dirname, '../lookout.schema.json'),
  `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
);
console.error('wrote lookout.schema.json');
