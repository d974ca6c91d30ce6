/**
 * Benches whose figures come from tests (bench:faults, bench:security): runs test files in workerd
 * through vitest and collects the JSON rows they print after a `[tag]` marker, echoing progress.
 */
import { spawn } from 'node:child_process';
import { ROOT, log } from './harness';

export type Row = Record<string, unknown>;

/** Runs `files` in the workers project; the exit code and every `[tag] {...}` row printed. */
export async function runTestRows(
  files: readonly string[],
  tag: string,
  echo: RegExp = /Tests|FAIL|✓|×/,
): Promise<{ code: number; rows: Row[] }> {
  log(`running ${files.join(', ')} in workerd`);
  const marker = new RegExp(`\\[${tag}\\] (\\{.*\\})\\s*$`);
  const rows: Row[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('npx', ['vitest', 'run', '--project', 'workers', ...files], {
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
        const match = marker.exec(line);
        if (match?.[1]) rows.push(JSON.parse(match[1]) as Row);
        else if (echo.test(line)) log(line.trim());
      }
    });
    child.on('error', reject);
    child.on('close', (status) => resolve(status ?? 1));
  });
  return { code, rows };
}
