import {
  dereference,
  schemaArrayKeyword,
  schemaKeyword,
  schemaMapKeyword,
  Validator,
  type OutputUnit,
  type Schema,
  type SchemaDraft,
} from '@cfworker/json-schema';

/**
 * The `schema` assertion, on @cfworker/json-schema (it interprets schemas instead of compiling them
 * with eval, which Workers forbid). The library does not check a schema against its meta-schema, so
 * `jsonSchemaProblem` catches the usual mistakes at config time instead of at check time.
 */

export type JsonSchemaDocument = boolean | Record<string, unknown>;

const DRAFTS: Record<string, SchemaDraft> = {
  'https://json-schema.org/draft/2020-12/schema': '2020-12',
  'https://json-schema.org/draft/2019-09/schema': '2019-09',
  'http://json-schema.org/draft-07/schema': '7',
  'http://json-schema.org/draft-04/schema': '4',
};
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** How many validation errors a failure reports; the first ones are the informative ones. */
const MAX_ERRORS = 3;

/** The draft a schema declares with `$schema`; draft 2020-12 when it declares none. */
function draftOf(schema: JsonSchemaDocument): SchemaDraft | undefined {
  if (typeof schema === 'boolean' || schema.$schema === undefined) return '2020-12';
  return DRAFTS[String(schema.$schema).replace(/#$/, '')];
}

/** Why `schema` cannot be used, or null when it can. */
export function jsonSchemaProblem(schema: JsonSchemaDocument): string | null {
  if (typeof schema === 'boolean') return null;
  if (!draftOf(schema)) {
    return `unsupported $schema "${String(schema.$schema)}" (use draft 2020-12, 2019-09, 7 or 4)`;
  }
  // dereference annotates the schema objects it visits: work on a copy of the config.
  const copy = structuredClone(schema) as Schema;
  let lookup: Record<string, Schema | boolean>;
  try {
    lookup = dereference(copy);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return subschemaProblem(copy, '#', lookup);
}

function subschemaProblem(
  schema: unknown,
  at: string,
  lookup: Record<string, Schema | boolean>,
): string | null {
  if (typeof schema === 'boolean') return null;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return `at ${at}: a schema must be an object or true/false`;
  }
  const own = ownProblem(schema as Schema, lookup);
  if (own) return at === '#' ? own : `at ${at}: ${own}`;
  for (const [keyword, value] of Object.entries(schema)) {
    const children = childSchemas(keyword, value);
    for (const [suffix, child] of children) {
      const problem = subschemaProblem(child, `${at}/${keyword}${suffix}`, lookup);
      if (problem) return problem;
    }
  }
  return null;
}

/** The subschemas under one keyword, with their pointer suffix. */
function childSchemas(keyword: string, value: unknown): Array<[string, unknown]> {
  if (schemaArrayKeyword[keyword] && Array.isArray(value)) return value.map((v, i) => [`/${i}`, v]);
  if (schemaKeyword[keyword]) return [['', value]];
  if (schemaMapKeyword[keyword] && typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([k, v]) => [`/${k}`, v]);
  }
  return [];
}

/** A `type` value in an error: YAML can make it anything, e.g. an object whose toString is a string. */
const shownType = (value: unknown) =>
  typeof value === 'string'
    ? `"${value}"`
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? '(a list)'
        : typeof value === 'object'
          ? '(an object)'
          : String(value);

function ownProblem(schema: Schema, lookup: Record<string, Schema | boolean>): string | null {
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const badType = types.find((t) => !TYPES.has(t));
  if (badType !== undefined) return `unknown type ${shownType(badType)}`;
  if (schema.required !== undefined && !isStringArray(schema.required)) {
    return '"required" must be a list of property names';
  }
  const patterns = [
    ...(schema.pattern === undefined ? [] : [schema.pattern]),
    ...Object.keys(schema.patternProperties ?? {}),
  ];
  for (const pattern of patterns) {
    try {
      new RegExp(pattern, 'u');
    } catch {
      return `invalid pattern ${JSON.stringify(pattern)}`;
    }
  }
  const ref = schema.__absolute_ref__ ?? schema.$ref;
  if (ref !== undefined && lookup[ref] === undefined)
    return `unresolved $ref "${schema.$ref}" (only local refs work)`;
  return null;
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A validator per configured schema, built once: dereferencing walks the whole schema. */
const validators = new WeakMap<object, Validator>();

/** Validates `instance`; returns the first few errors as `$.path: reason`, empty when valid. */
export function schemaErrors(
  schema: JsonSchemaDocument,
  instance: unknown,
): { shown: string[]; total: number } {
  const validator = typeof schema === 'boolean' ? new Validator(schema) : cachedValidator(schema);
  const result = validator.validate(instance);
  if (result.valid) return { shown: [], total: 0 };
  const leaves = leafErrors(result.errors);
  return { shown: leaves.slice(0, MAX_ERRORS).map(describeError), total: leaves.length };
}

function cachedValidator(schema: Record<string, unknown>): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    // A copy, for the same reason as in jsonSchemaProblem; shortCircuit off to collect several errors.
    validator = new Validator(structuredClone(schema) as Schema, draftOf(schema) ?? '2020-12', false);
    validators.set(schema, validator);
  }
  return validator;
}

/** Keywords whose error only says "a subschema failed"; the errors after it say why. */
const WRAPPERS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'prefixItems',
  'items',
  'additionalItems',
  'unevaluatedItems',
  'allOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
  'propertyNames',
]);

/**
 * Drops wrapper errors. For anyOf/oneOf the reverse: the branch errors are noise (each branch fails
 * for its own reason), the wrapper is the useful message.
 */
function leafErrors(errors: OutputUnit[]): OutputUnit[] {
  const out: OutputUnit[] = [];
  let skipUnder: string | null = null;
  for (const error of errors) {
    if (skipUnder !== null && error.keywordLocation.startsWith(skipUnder)) continue;
    skipUnder = null;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') skipUnder = `${error.keywordLocation}/`;
    else if (WRAPPERS.has(error.keyword)) continue;
    out.push(error);
  }
  return out;
}

function describeError(error: OutputUnit): string {
  const at = toJsonPath(error.instanceLocation);
  const required = /^Instance does not have required property "(.*)"\.$/.exec(error.error);
  if (required) return `${appendKey(at, required[1] as string)}: required property missing`;
  if (error.keyword === 'false') return `${at}: not allowed`;
  return `${at}: ${error.error.replace(/^Instance /, '').replace(/\.$/, '')}`;
}

/** `#/items/0/id` (the library's JSON pointer fragment) as `$.items[0].id`. */
function toJsonPath(location: string): string {
  const parts = location
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '');
  return parts
    .map((raw) => decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(appendKey, '$');
}

function appendKey(path: string, key: string): string {
  if (/^\d+$/.test(key)) return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
