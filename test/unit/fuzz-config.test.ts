import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import example from '../../lookout.example.yaml?raw';
import { loadConfigText, type ConfigLoadResult } from '../../src/config/load';
import { prepareConfig } from '../../src/config/monitor';
import { validateConfig } from '../../src/config/validate';
import { reportSecurity } from '../canaries';

/**
 * The config loader under property-based fuzzing: the example config, mutated at random paths
 * (wrong types, huge and odd strings, deletions, unknown keys) and as broken YAML text. It must
 * never throw: every outcome is a valid config or a list of problems, each naming a path and a
 * reason. Failures print fast-check's seed and the shrunk counterexample.
 */
const RUNS = 300;
const base = parse(example) as Record<string, unknown>;
const figures = { cases: 0, valid: 0, invalid: 0, problems: 0, problems_with_path_and_reason: 0, throws: 0 };

type Path = (string | number)[];

/** Every path into the example (objects' keys and arrays' indexes), the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}
const PATHS = pathsOf(base);

const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '${{ secrets.X }}',
    '${{ secrets. }}',
    '${{ vars.a }}',
    'http://',
    'https://ex ample.com',
    'javascript:alert(1)',
    '../../etc/passwd',
    '\u0000',
    '\ud800',
    '1e400',
    '-0',
    'NaN',
    '99999999999999999999d',
    '-5m',
    '0s',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    '*/5 * * * *',
    'weur',
  ),
  fc.nat({ max: 5 }).map((n) => 'x'.repeat(10 ** n)),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, 0, -1, Number.MAX_SAFE_INTEGER, 1e308, [], {}),
  fc.array(oddString, { maxLength: 4 }),
  fc.dictionary(oddString, oddString, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

type Mutation =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'delete'; path: Path }
  | { op: 'add'; path: Path; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...PATHS), value: oddValue }),
  fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({
    op: fc.constant('add' as const),
    path: fc.constantFrom([], ...PATHS),
    key: oddString,
    value: oddValue,
  }),
);

function mutate(config: unknown, m: Mutation): unknown {
  const copy = structuredClone(config) as Record<string | number, unknown>;
  const parentPath = m.op === 'add' ? m.path : m.path.slice(0, -1);
  let parent: unknown = copy;
  for (const key of parentPath) {
    if (!parent || typeof parent !== 'object') return copy;
    parent = (parent as Record<string | number, unknown>)[key];
  }
  if (!parent || typeof parent !== 'object') return copy;
  const target = parent as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1] as string | number;
  if (m.op === 'set') target[last] = m.value;
  else if (m.op === 'delete') {
    if (Array.isArray(target) && typeof last === 'number') target.splice(last, 1);
    else delete target[last];
  } else if (!Array.isArray(target)) target[m.key] = m.value;
  return copy;
}

/** The property every outcome must have: a config, or problems that each name a path and a reason. */
async function wellFormed(load: () => ConfigLoadResult | ReturnType<typeof validateConfig>): Promise<void> {
  figures.cases++;
  let result: ConfigLoadResult | ReturnType<typeof validateConfig>;
  try {
    result = load();
  } catch (error) {
    figures.throws++;
    throw error;
  }
  if (result.ok) {
    figures.valid++;
    // A config that passed the schema must also become the config the Worker runs.
    await prepareConfig(result.config);
    return;
  }
  figures.invalid++;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    figures.problems++;
    expect(typeof problem.path).toBe('string');
    expect(problem.path.length).toBeGreaterThan(0);
    expect(typeof problem.message).toBe('string');
    expect(problem.message.trim().length).toBeGreaterThan(0);
    if (problem.line !== undefined) expect(problem.line).toBeGreaterThan(0);
    figures.problems_with_path_and_reason++;
  }
}

afterAll(() => reportSecurity({ test: 'fuzz-config', ...figures }));

describe('the config loader, fuzzed', () => {
  it('the example config is valid (the mutations start from a valid file)', () => {
    expect(loadConfigText(example).ok).toBe(true);
  });

  it('an alias bomb (billion laughs) is a problem at (yaml), not a crash', () => {
    const rows = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 4; i++)
      rows.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const result = loadConfigText(`${rows.join('\n')}\nmonitors: []\n`);
    expect(result).toMatchObject({ ok: false, problems: [{ path: '(yaml)' }] });
    expect(result.ok ? '' : result.problems[0]?.message).toMatch(/alias/i);
  });

  it('mutated objects (1 to 4 mutations) validate or name each problem path and reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const data = mutations.reduce<unknown>(mutate, base);
        await wellFormed(() => validateConfig(data));
      }),
      { numRuns: RUNS },
    );
  });

  it('mutated YAML text (as `npm run config:build` reads it) loads or names each problem path, line and reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const data = mutations.reduce<unknown>(mutate, base);
        await wellFormed(() => loadConfigText(stringify(data)));
      }),
      { numRuns: RUNS },
    );
  });

  it('broken YAML (characters spliced in, lines cut, aliases, tags) never throws', async () => {
    const lines = example.split('\n');
    const splice = fc.record({
      at: fc.nat({ max: example.length }),
      cut: fc.nat({ max: 40 }),
      insert: fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          ':',
          '- ',
          '  ',
          '\t',
          '{',
          '[',
          '"',
          "'",
          '&a ',
          '*a',
          '!!binary ',
          '!!js/function ',
          '<<: *a',
          '%YAML 1.1\n',
          '---\n',
          '...\n',
          '? ',
        ),
      ),
    });
    const aliasBomb = fc.nat({ max: 6 }).map((depth) => {
      const rows = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i <= depth; i++)
        rows.push(
          `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      return `${rows.join('\n')}\nmonitors: []\n`;
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .array(splice, { minLength: 1, maxLength: 5 })
            .map((edits) =>
              edits.reduce((text, e) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.cut), example),
            ),
          fc.subarray(lines.map((_, i) => i)).map((keep) => keep.map((i) => lines[i]).join('\n')),
          aliasBomb,
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        async (text) => wellFormed(() => loadConfigText(text)),
      ),
      { numRuns: RUNS },
    );
  });
});
