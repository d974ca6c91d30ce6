import { z } from 'zod';
import { durationMs } from '../../config/duration';
import { jsonValue } from '../../config/json-value';
import { parseJsonPath } from './json-path';
import { jsonSchemaProblem } from './json-schema';

/**
 * The assertion language of a monitor (`assertions:` in lookout.yaml). Each item names exactly one
 * subject (status, latency, header, body, json, schema) and one or more operators; every operator is
 * a separate check. Items are strict objects in a union, so the types narrow on the subject key.
 */

export const SUBJECTS = ['status', 'latency', 'header', 'body', 'json', 'schema'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** A rule that turns a thrown Error into a config issue with its message (regexes, JSON paths). */
function throwsNot(check: (value: string) => unknown) {
  return (value: string, ctx: z.RefinementCtx) => {
    try {
      check(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

const regex = z
  .string()
  .superRefine(throwsNot((source) => new RegExp(source)))
  .describe('A regular expression (JavaScript syntax, no slashes or flags)');

const jsonPath = z
  .string()
  .superRefine(throwsNot(parseJsonPath))
  .describe('A JSON path such as $.items[0].id');

// Status ------------------------------------------------------------------------------------------

const statusCode = z
  .number()
  .int('a status code is a whole number')
  .min(100, 'a status code is between 100 and 599')
  .max(599, 'a status code is between 100 and 599');
const statusClass = z.string().regex(/^[1-5]xx$/, 'expected a status class such as "2xx"');
const statusRange = z
  .object({ range: z.tuple([statusCode, statusCode]) })
  .strict()
  .refine(({ range }) => range[0] <= range[1], 'a range goes from the lower code to the higher one');
const statusRule = z.union([statusCode, statusClass, statusRange], {
  error: 'expected a status code, a class such as "2xx", or { range: [200, 299] }',
});

export const statusAssertionSchema = z
  .object({ status: z.union([statusRule, z.array(statusRule).min(1, 'list at least one status')]) })
  .strict();

// Latency -----------------------------------------------------------------------------------------

export const latencyAssertionSchema = z
  .object({
    latency: z
      .object({
        degraded: durationMs.optional().describe('Slower than this: degraded (perf.slow)'),
        down: durationMs.optional().describe('Slower than this: down (assert.latency)'),
      })
      .strict()
      .refine((l) => l.degraded !== undefined || l.down !== undefined, 'give degraded, down or both')
      .refine((l) => !(l.degraded && l.down && l.degraded >= l.down), 'degraded must be below down'),
  })
  .strict();

// Header ------------------------------------------------------------------------------------------

const HEADER_OPERATORS = ['exists', 'equals', 'contains', 'matches'] as const;

export const headerAssertionSchema = z
  .object({
    header: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name'),
    exists: z.boolean().optional(),
    equals: z.string().optional(),
    contains: z.string().optional(),
    matches: regex.optional(),
  })
  .strict()
  .superRefine(operatorRules(HEADER_OPERATORS));

// Body --------------------------------------------------------------------------------------------

const BODY_OPERATORS = ['contains', 'not_contains', 'matches'] as const;

export const bodyAssertionSchema = z
  .object({
    body: z
      .object({
        contains: z.string().optional(),
        not_contains: z.string().optional(),
        matches: regex.optional(),
      })
      .strict()
      .superRefine(operatorRules(BODY_OPERATORS)),
  })
  .strict();

// JSON --------------------------------------------------------------------------------------------

export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
export const JSON_OPERATORS = [
  'equals',
  'not_equals',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'exists',
  'length',
  'type',
] as const;
export type JsonOperator = (typeof JSON_OPERATORS)[number];

export const jsonAssertionSchema = z
  .object({
    json: jsonPath,
    equals: jsonValue.optional().describe('Deep equality; objects and lists allowed'),
    not_equals: jsonValue.optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    contains: jsonValue.optional().describe('A substring of a string, or an element of a list'),
    exists: z.boolean().optional(),
    length: z.number().int().min(0).optional().describe('Length of a string or a list'),
    type: z.enum(JSON_TYPES).optional(),
  })
  .strict()
  .superRefine(operatorRules(JSON_OPERATORS));

// Schema ------------------------------------------------------------------------------------------

export const schemaAssertionSchema = z
  .object({
    schema: z
      .union([z.boolean(), z.record(z.string(), jsonValue)], {
        error: 'expected a JSON Schema: an object, or true/false',
      })
      .superRefine((schema, ctx) => {
        const problem = jsonSchemaProblem(schema);
        if (problem) ctx.addIssue({ code: 'custom', message: `invalid JSON Schema: ${problem}` });
      })
      .describe('A JSON Schema (draft 2020-12 unless it sets $schema) the JSON body must satisfy'),
  })
  .strict();

// The item and the list ---------------------------------------------------------------------------

/** At least one operator; `exists: false` alone (nothing else can hold on a missing value). */
function operatorRules(operators: readonly string[]) {
  return (item: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const present = operators.filter((op) => item[op] !== undefined);
    if (present.length === 0) {
      ctx.addIssue({ code: 'custom', message: `add an operator: one or more of ${operators.join(', ')}` });
    } else if (item.exists === false && present.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['exists'],
        message: 'exists: false cannot be combined with other operators',
      });
    }
  };
}

const OPTIONS = [
  statusAssertionSchema,
  latencyAssertionSchema,
  headerAssertionSchema,
  bodyAssertionSchema,
  jsonAssertionSchema,
  schemaAssertionSchema,
] as const; // in SUBJECTS order: unionMessage picks an option's issues by the subject's index

export const assertionSchema = z
  .union(OPTIONS, { error: (issue) => (issue.code === 'invalid_union' ? unionMessage(issue) : undefined) })
  .describe('One check: a subject (status, latency, header, body, json or schema) and its operators');

export const assertionsSchema = z.array(assertionSchema).describe('Checks the response must pass');

/**
 * When no option of the union fits, say why in terms of the item the user wrote: a missing or
 * doubled subject, or the problems of the option its subject selects (with their field paths).
 */
function unionMessage(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidUnion>): string {
  const input = issue.input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return 'expected an assertion such as "status: 200" or "json: $.id" with an operator';
  }
  const subjects = SUBJECTS.filter((key) => key in input);
  if (subjects.length === 0) return `expected one subject: ${SUBJECTS.join(', ')}`;
  if (subjects.length > 1)
    return `one subject per item, found ${subjects.join(' and ')}: split them into separate items`;
  const subject = subjects[0] as Subject;
  const problems = issue.errors[SUBJECTS.indexOf(subject)] ?? [];
  return problems.map(describeIssue).join('; ') || `invalid ${subject} assertion`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.');
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      : issue.message;
  return where ? `${where}: ${message}` : message;
}

export type Assertion = z.output<typeof assertionSchema>;
export type AssertionInput = z.input<typeof assertionSchema>;
export type StatusAssertion = z.output<typeof statusAssertionSchema>;
export type StatusRule = z.output<typeof statusRule>;
export type LatencyAssertion = z.output<typeof latencyAssertionSchema>;
export type HeaderAssertion = z.output<typeof headerAssertionSchema>;
export type BodyAssertion = z.output<typeof bodyAssertionSchema>;
export type JsonAssertion = z.output<typeof jsonAssertionSchema>;
export type SchemaAssertion = z.output<typeof schemaAssertionSchema>;
export type JsonType = (typeof JSON_TYPES)[number];
