/**
 * Fault injection, as figures: runs the fault scenarios (test/integration/faults.test.ts) inside
 * workerd against the real coordinator, probers, D1, local targets and receivers, and prints one
 * JSON row per scenario: ticks, results
 * expected and stored, incidents opened, events sent per receiver, redeliveries, duplicates and
 * losses. The goal is 0 duplicates and 0 losses in every row; the tests fail otherwise.
 *
 *   npm run bench:faults
 */
import { BenchError, machineInfo, runMain } from './lib/harness';
import { runTestRows } from './lib/test-rows';

const FILES = ['test/integration/faults.test.ts'];

async function main(): Promise<number> {
  const { code, rows } = await runTestRows(FILES, 'fault');
  if (rows.length === 0) throw new BenchError('no scenario reported a row');
  const worst = (key: string) => Math.max(...rows.map((r) => Number(r[key] ?? 0)));
  console.log(
    JSON.stringify(
      {
        scenarios: rows,
        total_duplicates: rows.reduce((n, r) => n + Number(r.duplicates ?? 0), 0),
        total_losses: rows.reduce((n, r) => n + Number(r.losses ?? 0), 0),
        worst_redeliveries: worst('redeliveries'),
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
