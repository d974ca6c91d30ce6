import type { z } from 'zod';
import { ApiError } from './errors';

/** Parses input with a Zod schema; a failure is a 422 naming each field and why. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ApiError(422, 'validation_failed', 'The request is invalid.', {
    errors: parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: issue.message,
    })),
  });
}
