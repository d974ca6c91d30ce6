import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  describeAssertion,
  evaluateAssertions,
  type AssertionFailure,
  type AssertionResponse,
} from '../../src/probes/assertions/evaluate';
import { evaluateJsonPath, parseJsonPath } from '../../src/probes/assertions/json-path';
import { assertionSchema, assertionsSchema, type AssertionInput } from '../../src/probes/assertions/schema';

const ORDER = {
  id: 42,
  status: 'ok',
  count: 3,
  price: '9.50',
  tags: ['new', 'sale'],
  items: [
    { sku: 'a', qty: 1, price: 10 },
    { sku: 'b', qty: 2, price: 20.5 },
  ],
  meta: { 'x-y': true, 'a.b': 'dotted', nothing: null },
  empty: [],
};

function response(overrides: Partial<AssertionResponse> & { json?: unknown } = {}): AssertionResponse {
  const { json = ORDER, ...rest } = overrides;
  return {
    status: 200,
    headers: new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': 'r-1' }),
    bodyText: JSON.stringify(json),
    totalMs: 120,
    ...rest,
  };
}

/** The failures of one assertion against a response (the ORDER body by default). */
function failuresOf(assertion: AssertionInput, res: AssertionResponse = response()): AssertionFailure[] {
  return evaluateAssertions([assertionSchema.parse(assertion)], res).failures;
}

/** Each issue as `path: message`, the way the config loader reports it. */
function problemsOf(input: unknown): string[] {
  const result = assertionsSchema.safeParse([input]);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('JSON paths', () => {
  it.each<[string, unknown[]]>([
    ['$', [ORDER]],
    ['$.status', ['ok']],
    ["$['status']", ['ok']],
    ['$["meta"]["x-y"]', [true]],
    ["$.meta['a.b']", ['dotted']],
    ['$.meta.x-y', [true]],
    ['$.meta.nothing', [null]],
    ['$.items[0].sku', ['a']],
    ['$.items[-1].sku', ['b']],
    ['$.items[2]', []],
    ['$.items[-3]', []],
    ['$.items[*].price', [10, 20.5]],
    ['$.items.*.qty', [1, 2]],
    ['$.meta[*]', [true, 'dotted', null]],
    ['$.empty[*]', []],
    ['$.missing.deeper', []],
    ['$.status.length', []],
    ['$.tags.0', []],
    ['$.constructor', []],
    ["$['it\\'s']", []],
  ])('%s selects %j', (path, expected) => {
    expect(evaluateJsonPath(ORDER, path)).toEqual(expected);
  });

  it('reads quoted keys with escapes', () => {
    expect(evaluateJsonPath({ "it's": 1, 'a"b': 2 }, "$['it\\'s']")).toEqual([1]);
    expect(evaluateJsonPath({ "it's": 1, 'a"b': 2 }, '$["a\\"b"]')).toEqual([2]);
  });

  it.each([
    ['status', 'starts with "$"'],
    ['$.', 'expected a key after "."'],
    ['$status', 'unexpected "s"'],
    ['$..status', 'recursive descent'],
    ['$.items[', 'expected a quoted key, an index or *'],
    ['$.items[0', 'expected "]" at position 9'],
    ['$.items[0:2]', 'slices'],
    ['$.items[0,1]', 'unions'],
    ['$.items[?(@.qty > 1)]', 'filters'],
    ["$['status]", 'unterminated quoted key'],
  ])('rejects %s: %s', (path, reason) => {
    expect(() => parseJsonPath(path)).toThrow(reason);
    expect(() => parseJsonPath(path)).toThrow(`invalid JSON path "${path}"`);
  });
});

describe('the assertion schema', () => {
  it('accepts every form of the documented language', () => {
    const parsed = assertionsSchema.parse([
      { status: 200 },
      { status: '2xx' },
      { status: [200, 204, '3xx', { range: [400, 404] }] },
      { status: { range: [200, 299] } },
      { latency: { degraded: '800ms', down: '3s' } },
      { latency: { down: 2 } },
      { header: 'content-type', contains: 'application/json' },
      { header: 'x-request-id', exists: true, matches: '^r-\\d+$' },
      { body: { contains: '"ok":true', not_contains: 'error', matches: 'o+k' } },
      { json: '$.status', equals: 'ok' },
      { json: '$.items', equals: [{ sku: 'a' }], length: 1, type: 'array' },
      { json: '$.count', gte: 1, lte: 10 },
      { json: '$.gone', exists: false },
      { schema: { type: 'object', required: ['id'] } },
      { schema: true },
    ]);
    expect(parsed[4]).toEqual({ latency: { degraded: 800, down: 3000 } });
    expect(parsed[5]).toEqual({ latency: { down: 2000 } });
  });

  it.each<[string, unknown, string]>([
    ['an item without a subject', { equals: 1 }, '0: expected one subject: status, latency, header'],
    ['two subjects', { status: 200, json: '$.a', equals: 1 }, 'one subject per item, found status and json'],
    ['a bare value', 200, '0: expected an assertion such as "status: 200"'],
    ['a header without operator', { header: 'etag' }, '0: add an operator: one or more of exists, equals'],
    [
      'a json path without operator',
      { json: '$.a' },
      '0: add an operator: one or more of equals, not_equals, gt',
    ],
    ['a body without operator', { body: {} }, '0.body: add an operator: one or more of contains'],
    ['an unknown key', { json: '$.a', equals: 1, equal: 2 }, '0: Unrecognized key: "equal"'],
    ['an unknown body operator', { body: { includes: 'x' } }, 'Unrecognized key: "includes"'],
    ['an unknown latency key', { latency: { slow: '1s' } }, 'Unrecognized key: "slow"'],
    ['an invalid JSON path', { json: '$.items[', equals: 1 }, '0.json: invalid JSON path "$.items["'],
    ['recursive descent', { json: '$..id', exists: true }, 'recursive descent ("..") is not supported'],
    ['a bad regex', { header: 'etag', matches: '(' }, '0.matches: Invalid regular expression'],
    ['a bad body regex', { body: { matches: '[' } }, '0.body.matches: Invalid regular expression'],
    ['a bad header name', { header: 'content type', exists: true }, '0.header: not a valid header name'],
    ['a status out of range', { status: 700 }, '0.status: a status code is between 100 and 599'],
    ['a bad status class', { status: '2xy' }, 'expected a status class such as "2xx"'],
    ['an upside-down range', { status: { range: [299, 200] } }, 'a range goes from the lower code'],
    ['an empty status list', { status: [] }, '0.status: list at least one status'],
    ['a latency without limits', { latency: {} }, '0.latency: give degraded, down or both'],
    ['degraded above down', { latency: { degraded: '5s', down: '1s' } }, 'degraded must be below down'],
    ['a malformed duration', { latency: { down: 'soon' } }, '0.latency.down: expected a duration'],
    ['a string for lt', { json: '$.a', lt: 'ten' }, 'lt: Invalid input: expected number, received string'],
    ['an unknown type', { json: '$.a', type: 'float' }, 'type: Invalid option'],
    ['a negative length', { json: '$.a', length: -1 }, '0.length'],
    ['exists: false with more', { json: '$.a', exists: false, equals: 1 }, '0.exists: exists: false cannot'],
    [
      'a schema that is a string',
      { schema: 'object' },
      'schema: expected a JSON Schema: an object, or true/false',
    ],
    [
      'an unknown schema type',
      { schema: { type: 'obj' } },
      '0.schema: invalid JSON Schema: unknown type "obj"',
    ],
    [
      'a type that is an object with its own toString',
      { schema: { type: { toString: 'x' } } },
      '0.schema: invalid JSON Schema: unknown type (an object)',
    ],
    [
      'a nested schema problem',
      { schema: { properties: { id: { type: 'int' } } } },
      'invalid JSON Schema: at #/properties/id: unknown type "int"',
    ],
    [
      'a subschema that is not a schema',
      { schema: { properties: { id: 5 } } },
      'invalid JSON Schema: at #/properties/id: a schema must be an object or true/false',
    ],
    ['a bad schema pattern', { schema: { pattern: '(' } }, 'invalid pattern "("'],
    ['a bad required list', { schema: { required: 'id' } }, '"required" must be a list of property names'],
    ['an unresolved $ref', { schema: { $ref: '#/$defs/order' } }, 'unresolved $ref "#/$defs/order"'],
    ['an unknown $schema', { schema: { $schema: 'https://example.com/s' } }, 'unsupported $schema'],
  ])('rejects %s', (_, input, message) => {
    const problems = problemsOf(input);
    expect(problems.join('\n')).toContain(message);
  });

  it('accepts local $refs and the drafts it knows', () => {
    const schemas = [
      { $defs: { id: { type: 'integer' } }, properties: { id: { $ref: '#/$defs/id' } } },
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        definitions: { a: {} },
        items: { $ref: '#/definitions/a' },
      },
      { $schema: 'https://json-schema.org/draft/2019-09/schema', type: ['string', 'null'] },
    ];
    for (const schema of schemas) expect(assertionSchema.safeParse({ schema }).success).toBe(true);
  });

  it('leaves the configured JSON Schema untouched', () => {
    const schema = { $defs: { id: { type: 'integer' } }, properties: { id: { $ref: '#/$defs/id' } } };
    const before = JSON.stringify(schema);
    const parsed = assertionSchema.parse({ schema });
    evaluateAssertions([parsed], response());
    expect(Object.getOwnPropertyNames(schema.properties.id)).toEqual(['$ref']);
    expect(JSON.stringify(schema)).toBe(before);
  });

  it('exports to JSON Schema for editors', () => {
    const exported = z.toJSONSchema(assertionsSchema, { io: 'input', unrepresentable: 'any' });
    expect(JSON.stringify(exported)).toContain('"not_contains"');
  });
});

type Case = [string, AssertionInput, Partial<AssertionResponse> & { json?: unknown }];
type FailingCase = [...Case, Omit<AssertionFailure, 'kind'> & { kind?: AssertionFailure['kind'] }];

type JsonSchemaInput = Extract<AssertionInput, { schema: unknown }>['schema'];

const slow = { totalMs: 950 };
const html = { bodyText: '<html><body>Service Unavailable</body></html>' };

describe('evaluating assertions', () => {
  it.each<Case>([
    ['status code', { status: 200 }, {}],
    ['status class', { status: '2xx' }, { status: 204 }],
    ['status list', { status: [200, 204, '3xx'] }, { status: 302 }],
    ['status range', { status: { range: [200, 299] } }, { status: 299 }],
    ['latency under down', { latency: { down: '1s' } }, { totalMs: 1000 }],
    ['latency under degraded', { latency: { degraded: '800ms' } }, { totalMs: 800 }],
    ['header exists, any case', { header: 'x-request-id', exists: true }, {}],
    ['header absent', { header: 'set-cookie', exists: false }, {}],
    ['header equals', { header: 'X-Request-ID', equals: 'r-1' }, {}],
    ['header contains', { header: 'content-type', contains: 'application/json' }, {}],
    ['header matches', { header: 'content-type', matches: '^application/(.+\\+)?json' }, {}],
    ['body contains', { body: { contains: '"status":"ok"' } }, {}],
    ['body not_contains', { body: { not_contains: 'error' } }, {}],
    ['body matches', { body: { matches: '"id":\\d+' } }, {}],
    ['json equals a string', { json: '$.status', equals: 'ok' }, {}],
    ['json equals an object', { json: '$.items[0]', equals: { sku: 'a', qty: 1, price: 10 } }, {}],
    ['json equals null', { json: '$.meta.nothing', equals: null }, {}],
    ['json not_equals', { json: '$.status', not_equals: 'error' }, {}],
    ['json lt', { json: '$.count', lt: 4 }, {}],
    ['json lte', { json: '$.count', lte: 3 }, {}],
    ['json gt', { json: '$.count', gt: 2 }, {}],
    ['json gte', { json: '$.count', gte: 3 }, {}],
    ['json gte and lte together', { json: '$.count', gte: 1, lte: 10 }, {}],
    ['json contains a substring', { json: '$.status', contains: 'o' }, {}],
    ['json contains an element', { json: '$.tags', contains: 'sale' }, {}],
    ['json contains an object element', { json: '$.items', contains: { sku: 'b', qty: 2, price: 20.5 } }, {}],
    ['json exists', { json: '$.meta.nothing', exists: true }, {}],
    ['json does not exist', { json: '$.deleted_at', exists: false }, {}],
    ['json exists: false on a wildcard', { json: '$.empty[*]', exists: false }, {}],
    ['json length of a list', { json: '$.items', length: 2 }, {}],
    ['json length of a string', { json: '$.status', length: 2 }, {}],
    ['json type string', { json: '$.status', type: 'string' }, {}],
    ['json type number', { json: '$.items[1].price', type: 'number' }, {}],
    ['json type integer', { json: '$.id', type: 'integer' }, {}],
    ['json type boolean', { json: "$.meta['x-y']", type: 'boolean' }, {}],
    ['json type object', { json: '$.meta', type: 'object' }, {}],
    ['json type array', { json: '$.tags', type: 'array' }, {}],
    ['json type null', { json: '$.meta.nothing', type: 'null' }, {}],
    ['json wildcard, every match passing', { json: '$.items[*].qty', gte: 1 }, {}],
    ['json on the root', { json: '$', type: 'object' }, {}],
    ['schema', { schema: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } }, {}],
    ['schema true', { schema: true }, {}],
  ])('%s passes', (_, assertion, overrides) => {
    expect(failuresOf(assertion, response(overrides))).toEqual([]);
  });

  it.each<FailingCase>([
    [
      'status code',
      { status: 200 },
      { status: 503 },
      { kind: 'status', assertion: 'status 200', expected: '200', actual: '503' },
    ],
    [
      'status class',
      { status: '2xx' },
      { status: 404 },
      { kind: 'status', assertion: 'status 2xx', expected: '2xx', actual: '404' },
    ],
    [
      'status list',
      { status: [200, 204, '3xx'] },
      { status: 401 },
      { assertion: 'status 200, 204, 3xx', expected: '200, 204, 3xx', actual: '401' },
    ],
    [
      'status range',
      { status: { range: [200, 299] } },
      { status: 300 },
      { assertion: 'status 200-299', expected: '200-299', actual: '300' },
    ],
    [
      'latency over down',
      { latency: { down: '3s' } },
      { totalMs: 3412 },
      { kind: 'latency', assertion: 'latency <= 3s (down)', expected: '<= 3s', actual: '3412ms' },
    ],
    [
      'header exists',
      { header: 'etag', exists: true },
      {},
      { kind: 'header', assertion: 'header etag exists', expected: 'present', actual: 'header missing' },
    ],
    [
      'header absent',
      { header: 'x-request-id', exists: false },
      {},
      { kind: 'header', assertion: 'header x-request-id is absent', expected: 'absent', actual: '"r-1"' },
    ],
    [
      'header equals',
      { header: 'x-request-id', equals: 'r-2' },
      {},
      { assertion: 'header x-request-id equals "r-2"', expected: '"r-2"', actual: '"r-1"' },
    ],
    [
      'header equals on a missing header',
      { header: 'etag', equals: 'W/"1"' },
      {},
      { assertion: 'header etag equals "W/\\"1\\""', expected: '"W/\\"1\\""', actual: 'header missing' },
    ],
    [
      'header contains',
      { header: 'content-type', contains: 'text/html' },
      {},
      {
        assertion: 'header content-type contains "text/html"',
        expected: 'contains "text/html"',
        actual: '"application/json; charset=utf-8"',
      },
    ],
    [
      'header matches',
      { header: 'x-request-id', matches: '^req-' },
      {},
      { assertion: 'header x-request-id matches /^req-/', expected: 'matches /^req-/', actual: '"r-1"' },
    ],
    [
      'body contains',
      { body: { contains: '"ok":true' } },
      html,
      {
        kind: 'body',
        assertion: 'body contains "\\"ok\\":true"',
        expected: 'contains "\\"ok\\":true"',
        actual: html.bodyText,
      },
    ],
    [
      'body contains on an empty body',
      { body: { contains: 'ok' } },
      { bodyText: '' },
      { assertion: 'body contains "ok"', expected: 'contains "ok"', actual: '(empty body)' },
    ],
    [
      'body not_contains',
      { body: { not_contains: 'Unavailable' } },
      html,
      {
        assertion: 'body does not contain "Unavailable"',
        expected: 'does not contain "Unavailable"',
        actual: html.bodyText,
      },
    ],
    [
      'body matches',
      { body: { matches: '^\\{' } },
      html,
      { assertion: 'body matches /^\\{/', expected: 'matches /^\\{/', actual: html.bodyText },
    ],
    [
      'json equals',
      { json: '$.status', equals: 'degraded' },
      {},
      { kind: 'body', assertion: 'json $.status equals "degraded"', expected: '"degraded"', actual: '"ok"' },
    ],
    [
      'json equals, deep',
      { json: '$.items[0]', equals: { sku: 'a', qty: 2 } },
      {},
      {
        assertion: 'json $.items[0] equals {"sku":"a","qty":2}',
        expected: '{"sku":"a","qty":2}',
        actual: '{"sku":"a","qty":1,"price":10}',
      },
    ],
    [
      'json equals, number vs string',
      { json: '$.id', equals: '42' },
      {},
      { assertion: 'json $.id equals "42"', expected: '"42"', actual: '42' },
    ],
    [
      'json not_equals',
      { json: '$.status', not_equals: 'ok' },
      {},
      { assertion: 'json $.status not_equals "ok"', expected: 'not "ok"', actual: '"ok"' },
    ],
    [
      'json lt',
      { json: '$.count', lt: 3 },
      {},
      { assertion: 'json $.count lt 3', expected: '< 3', actual: '3' },
    ],
    [
      'json lte',
      { json: '$.count', lte: 2 },
      {},
      { assertion: 'json $.count lte 2', expected: '<= 2', actual: '3' },
    ],
    [
      'json gt',
      { json: '$.count', gt: 3 },
      {},
      { assertion: 'json $.count gt 3', expected: '> 3', actual: '3' },
    ],
    [
      'json gte',
      { json: '$.count', gte: 4 },
      {},
      { assertion: 'json $.count gte 4', expected: '>= 4', actual: '3' },
    ],
    [
      'json gte on a string',
      { json: '$.price', gte: 5 },
      {},
      { assertion: 'json $.price gte 5', expected: '>= 5', actual: '"9.50" (string, not a number)' },
    ],
    [
      'json contains a substring',
      { json: '$.status', contains: 'k!' },
      {},
      { assertion: 'json $.status contains "k!"', expected: 'contains "k!"', actual: '"ok"' },
    ],
    [
      'json contains an element',
      { json: '$.tags', contains: 'old' },
      {},
      { assertion: 'json $.tags contains "old"', expected: 'contains "old"', actual: '["new","sale"]' },
    ],
    [
      'json contains on a number',
      { json: '$.count', contains: 3 },
      {},
      {
        assertion: 'json $.count contains 3',
        expected: 'contains 3',
        actual: '3 (number, not a string or list)',
      },
    ],
    [
      'json exists',
      { json: '$.deleted_at', exists: true },
      {},
      { assertion: 'json $.deleted_at exists', expected: 'a match', actual: 'no match' },
    ],
    [
      'json does not exist',
      { json: '$.status', exists: false },
      {},
      { assertion: 'json $.status does not exist', expected: 'no match', actual: '"ok"' },
    ],
    [
      'json length',
      { json: '$.tags', length: 3 },
      {},
      { assertion: 'json $.tags length 3', expected: 'length 3', actual: 'length 2: ["new","sale"]' },
    ],
    [
      'json length of a number',
      { json: '$.count', length: 1 },
      {},
      { assertion: 'json $.count length 1', expected: 'length 1', actual: '3 (number, has no length)' },
    ],
    [
      'json type',
      { json: '$.price', type: 'number' },
      {},
      { assertion: 'json $.price type number', expected: 'number', actual: 'string "9.50"' },
    ],
    [
      'json type integer',
      { json: '$.items[1].price', type: 'integer' },
      {},
      { assertion: 'json $.items[1].price type integer', expected: 'integer', actual: 'number 20.5' },
    ],
    [
      'json type null',
      { json: '$.tags', type: 'null' },
      {},
      { assertion: 'json $.tags type null', expected: 'null', actual: 'array ["new","sale"]' },
    ],
    [
      'json on a missing path',
      { json: '$.total', gt: 0 },
      {},
      { assertion: 'json $.total gt 0', expected: '> 0', actual: 'no match' },
    ],
    [
      'json wildcard with one failing match',
      { json: '$.items[*].price', lt: 20 },
      {},
      { assertion: 'json $.items[*].price lt 20', expected: '< 20', actual: '20.5 (1 of 2 matches fail)' },
    ],
    [
      'json wildcard matching nothing',
      { json: '$.empty[*]', type: 'string' },
      {},
      { assertion: 'json $.empty[*] type string', expected: 'string', actual: 'no match' },
    ],
    [
      'json on a body that is not JSON',
      { json: '$.status', equals: 'ok' },
      html,
      {
        assertion: 'json $.status equals "ok"',
        expected: '"ok"',
        actual: 'body is not JSON: <html><body>Service Unavailable</body></html>',
      },
    ],
    [
      'schema, a required property',
      { schema: { type: 'object', required: ['id', 'total'] } },
      {},
      {
        kind: 'body',
        assertion: 'schema {"type":"object","required":["id","total"]}',
        expected: 'a body valid against the schema',
        actual: '$.total: required property missing',
      },
    ],
    [
      'schema on a body that is not JSON',
      { schema: { type: 'object' } },
      { bodyText: '' },
      {
        assertion: 'schema {"type":"object"}',
        expected: 'a body valid against the schema',
        actual: 'body is not JSON: (empty)',
      },
    ],
  ])('%s fails', (_, assertion, overrides, failure) => {
    const expected = { kind: failure.kind ?? expect.any(String), ...failure };
    expect(failuresOf(assertion, response(overrides))).toEqual([expected]);
  });
});

describe('evaluation details', () => {
  const latency = assertionSchema.parse({ latency: { degraded: '800ms', down: '3s' } });

  it('degrades over the degraded threshold without failing', () => {
    expect(evaluateAssertions([latency], response(slow))).toEqual({
      failures: [],
      degraded: {
        kind: 'latency',
        assertion: 'latency <= 800ms (degraded)',
        expected: '<= 800ms',
        actual: '950ms',
      },
    });
  });

  it('fails over the down threshold, and does not also report it as degraded', () => {
    const results = evaluateAssertions([latency], response({ totalMs: 3001 }));
    expect(results.degraded).toBeNull();
    expect(results.failures).toEqual([
      { kind: 'latency', assertion: 'latency <= 3s (down)', expected: '<= 3s', actual: '3001ms' },
    ]);
  });

  it('reports each failing operator of one item separately, in order', () => {
    const failures = failuresOf({ json: '$.count', gte: 5, lte: 1, type: 'string' });
    expect(failures.map((f) => [f.assertion, f.actual])).toEqual([
      ['json $.count gte 5', '3'],
      ['json $.count lte 1', '3'],
      ['json $.count type string', 'number 3'],
    ]);
  });

  it('reports the failures of several assertions together', () => {
    const assertions = assertionsSchema.parse([
      { status: 200 },
      { header: 'content-type', contains: 'json' },
      { json: '$.status', equals: 'ok' },
      { latency: { degraded: '100ms' } },
    ]);
    const results = evaluateAssertions(
      assertions,
      response({ ...html, status: 503, headers: new Headers() }),
    );
    expect(results.failures.map((f) => f.kind)).toEqual(['status', 'header', 'body']);
    expect(results.degraded?.kind).toBe('latency');
  });

  it('parses the body once, and only when a json or schema assertion needs it', () => {
    let reads = 0;
    const res = response();
    const counted = {
      ...res,
      get bodyText() {
        reads += 1;
        return res.bodyText;
      },
    };
    const headersOnly = assertionsSchema.parse([{ status: 200 }, { header: 'x-request-id', exists: true }]);
    evaluateAssertions(headersOnly, counted);
    expect(reads).toBe(0);
    const jsonTwice = assertionsSchema.parse([
      { json: '$.id', equals: 42 },
      { json: '$.status', equals: 'ok' },
      { schema: { type: 'object' } },
    ]);
    expect(evaluateAssertions(jsonTwice, counted).failures).toEqual([]);
    expect(reads).toBe(1);
  });

  it('reports the first few schema errors with their JSON paths', () => {
    const schema = {
      type: 'object',
      required: ['id', 'total', 'currency', 'customer'],
      properties: {
        id: { type: 'string' },
        items: { type: 'array', items: { type: 'object', properties: { price: { type: 'integer' } } } },
      },
    };
    const [failure] = failuresOf({ schema });
    expect(failure?.actual).toBe(
      '$.total: required property missing; $.currency: required property missing; ' +
        '$.customer: required property missing (+2 more)',
    );
    const nested = failuresOf({ schema: { ...schema, required: [] } });
    expect(nested[0]?.actual).toBe(
      '$.id: type "number" is invalid. Expected "string"; ' +
        '$.items[1].price: type "number" is invalid. Expected "integer"',
    );
  });

  it.each<[string, JsonSchemaInput, string]>([
    [
      'additionalProperties: false',
      { properties: { id: {} }, additionalProperties: false },
      '$.status: not allowed',
    ],
    [
      'anyOf',
      { properties: { id: { anyOf: [{ type: 'string' }, { type: 'null' }] } } },
      '$.id: does not match any subschemas',
    ],
    [
      'enum',
      { properties: { status: { enum: ['ready', 'done'] } } },
      '$.status: does not match any of ["ready","done"]',
    ],
    [
      '$ref',
      { $defs: { s: { type: 'string' } }, properties: { count: { $ref: '#/$defs/s' } } },
      '$.count: type "number" is invalid',
    ],
    [
      'a quoted key',
      { properties: { meta: { properties: { 'a.b': { const: 1 } } } } },
      '$.meta["a.b"]: does not match 1',
    ],
    [
      'draft 7',
      { $schema: 'http://json-schema.org/draft-07/schema#', properties: { tags: { maxItems: 1 } } },
      '$.tags: Array has too many items (2 > 1)',
    ],
  ])('explains a schema failure of %s', (_, schema, actual) => {
    expect(failuresOf({ schema })[0]?.actual).toContain(actual);
  });

  it('keeps actual values to 200 characters', () => {
    const long = 'x'.repeat(500);
    const [body] = failuresOf({ body: { contains: 'ok' } }, response({ bodyText: long }));
    const [json] = failuresOf({ json: '$.note', equals: 'short' }, response({ json: { note: long } }));
    const [typed] = failuresOf({ json: '$.note', lt: 1 }, response({ json: { note: long } }));
    for (const failure of [body, json, typed]) {
      expect(failure?.actual.length).toBeLessThanOrEqual(200);
      expect(failure?.actual.endsWith('…') || failure?.actual.endsWith('not a number)')).toBe(true);
    }
    expect(typed?.actual).toMatch(/^"x+… \(string, not a number\)$/);
  });

  it('shows a forbidden body fragment in context', () => {
    const text = `${'a'.repeat(300)}"error":"boom"${'b'.repeat(300)}`;
    const [failure] = failuresOf({ body: { not_contains: '"error"' } }, response({ bodyText: text }));
    expect(failure?.actual.startsWith(`…${'a'.repeat(40)}"error":"boom"`)).toBe(true);
  });

  it('cuts the not-JSON excerpt at 60 characters, marked with an ellipsis (redaction finds cuts by it)', () => {
    const [failure] = failuresOf({ json: '$', exists: true }, response({ bodyText: 'y'.repeat(100) }));
    expect(failure?.actual).toBe(`body is not JSON: ${'y'.repeat(59)}…`);
  });
});

describe('describeAssertion', () => {
  it.each<[AssertionInput, string]>([
    [{ status: [200, '3xx', { range: [400, 404] }] }, 'status 200, 3xx, 400-404'],
    [{ latency: { degraded: 0.8, down: '1.5s' } }, 'latency <= 800ms (degraded) and <= 1500ms (down)'],
    [
      { header: 'content-type', exists: true, contains: 'json' },
      'header content-type exists and contains "json"',
    ],
    [{ body: { contains: 'ok', not_contains: 'error' } }, 'body contains "ok" and does not contain "error"'],
    [{ json: '$.status', equals: 'ok' }, 'json $.status equals "ok"'],
    [{ json: '$.count', gte: 1, lte: 10 }, 'json $.count gte 1 and lte 10'],
    [{ json: '$.items[*]', exists: false }, 'json $.items[*] does not exist'],
    [{ schema: { type: 'object', required: ['id'] } }, 'schema {"type":"object","required":["id"]}'],
  ])('%j reads "%s"', (assertion, text) => {
    expect(describeAssertion(assertionSchema.parse(assertion))).toBe(text);
  });
});
