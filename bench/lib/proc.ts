/** Process CPU time from Linux /proc: how the benches measure what workerd spends. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { BenchError } from './args';

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
export function clockTicks(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** `/proc/<pid>/stat` after the `(comm)` field: state ppid ... utime(14) stime(15), 1-based overall. */
function procStat(pid: number): { comm: string; ppid: number; utime: number; stime: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const comm = text.slice(open + 1, close);
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  return { comm, ppid: Number(rest[1]), utime: Number(rest[11]), stime: Number(rest[12]) };
}

/** The one workerd process this process started (Miniflare spawns it as a direct child). */
export function findWorkerdPid(): number {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = procStat(Number(entry));
      if (stat.ppid === process.pid && stat.comm === 'workerd') found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  if (found.length !== 1) {
    throw new BenchError(
      `expected one workerd child of this process, found ${found.length} (needs Linux /proc)`,
    );
  }
  return found[0] as number;
}

/** User + system CPU of a process so far, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = procStat(pid);
  return stat.utime + stat.stime;
}
