/**
 * Security, as figures: runs the canary and fuzz tests inside workerd (test/integration/canaries.test.ts,
 * test/integration/fuzz-api.test.ts, test/unit/fuzz-config.test.ts) and prints one JSON document:
 * canaries planted, places scanned (by kind), leaks found (goal 0), fuzz cases run, 5xx answers
 * (goal 0), problem+json conformance of refusals, config errors naming a path and a reason, and the
 * machine. The tests fail on any leak, 5xx, non-conforming refusal or config crash; the figures come
 * from the `[security]` lines they print.
 *
 *   npm run bench:security
 */
import { BenchError, machineInfo, runMain } from './lib/harness';
import { runTestRows, type Row } from './lib/test-rows';

const FILES = [
  'test/integration/canaries.test.ts',
  'test/integration/fuzz-api.test.ts',
  'test/unit/fuzz-config.test.ts',
];
async function main(): Promise<number> {
  const { code, rows } = await runTestRows(FILES, 'security', /Tests|FAIL|✓|×|seed|Counterexample/);
  const row = (test: string): Row => {
    const found = rows.find((r) => r.test === test);
    if (!found) throw new BenchError(`the ${test} test reported no figures (did it run?)`);
    return found;
  };
  const canaries = row('canaries');
  const api = row('fuzz-api');
  const config = row('fuzz-config');
  const selfTest = rows.find((r) => r.test === 'scanner-self-test');
  const n = (r: Row, key: string) => Number(r[key] ?? 0);
  console.log(
    JSON.stringify(
      {
        canaries_planted: n(canaries, 'canaries_planted'),
        canary_values_searched: n(canaries, 'canary_values'),
        forms_per_canary: n(canaries, 'forms_per_canary'),
        places_scanned: n(canaries, 'places_scanned'),
        places_by_kind: canaries.places_by_kind,
        leaks_found: n(canaries, 'leaks'),
        leak_details: canaries.leak_details,
        scanner_self_test_found_planted_canary: selfTest?.found === true,
        fuzz_cases_run: n(api, 'cases') + n(config, 'cases'),
        api_fuzz: {
          cases: n(api, 'cases'),
          answers_5xx: n(api, 'answers_5xx'),
          answers_4xx: n(api, 'answers_4xx'),
          problem_json_conformance: `${n(api, 'problem_json_4xx')}/${n(api, 'answers_4xx') - n(api, 'html_4xx_pages')}`,
          html_404_pages: n(api, 'html_4xx_pages'),
          refused_requests_that_wrote: n(api, 'refused_with_writes'),
          statuses: api.statuses,
          problem_codes: api.codes,
        },
        config_fuzz: {
          cases: n(config, 'cases'),
          valid: n(config, 'valid'),
          invalid: n(config, 'invalid'),
          throws: n(config, 'throws'),
          config_errors_with_path_and_reason: `${n(config, 'problems_with_path_and_reason')}/${n(config, 'problems')}`,
        },
        answers_5xx: n(api, 'answers_5xx'),
        tests_passed: code === 0,
        machine: machineInfo(),
      },
      null,
      2,
    ),
  );
  return code;
}

runMain(main);
