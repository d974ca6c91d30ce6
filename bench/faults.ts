/**
 * Fault injection, as figures: runs the fault scenarios (test/integration/faults.test.ts) inside
 * workerd against the real coordinator, probers, D1, local targets and receivers, and prints one
 * JSON row per scenario: ticks, results
 * expected and stored, incidents opened, events sent per receiver, redeliveries, duplicates and
 * losses. The goal is 0 duplicates and 0 losses in every row; the tests fail otherwise.
 *
 *   npm run bench:faults
 */
import { spawn } from 'node:child_process';
import { BenchError, ROOT, log, machineInfo, runMain } from './lib/harness';

const FILES = ['test/integration/faults.test.ts'];
const ROW = /\[fault\] (\{.*\})\s*$/;

async function main(): Promise<number> {
  log(`running ${FILES.join(', ')} in workerd`);
  const rows: Record<string, unknown>[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('npx', ['vitest', 'run', '--project', 'workers', ...FILES], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = ROW.exec(line);
        if (match?.[1]) rows.push(JSON.parse(match[1]) as Record<string, unknown>);
        else if (/Tests|FAIL|✓|×/.test(line)) log(line.trim());
      }
    });
    child.on('error', reject);
    child.on('close', (status) => resolve(status ?? 1));
  });
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
