/** Command-line handling shared by the benches. */

export class BenchError extends Error {}

/**
 * Parses `--flag N` and `--flag=N` options whose values are whole numbers, over `defaults`.
 * `flags` maps each flag to its option, in the order an error message lists them; `--help` (or
 * `-h`) prints `usage` to stderr and exits. Range checks are the caller's.
 */
export function parseWholeNumbers<K extends string>(
  argv: readonly string[],
  defaults: Record<K, number>,
  flags: Record<string, K>,
  usage: string,
): Record<K, number> {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    if (flag === '--help' || flag === '-h') {
      console.error(usage);
      process.exit(0);
    }
    const key = Object.hasOwn(flags, flag) ? flags[flag] : undefined;
    if (!key) throw new BenchError(`unknown argument ${arg} (expected ${Object.keys(flags).join(', ')})`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || raw === '' || !Number.isInteger(value) || value < 0) {
      throw new BenchError(
        `${flag} needs a whole number, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`,
      );
    }
    options[key] = value;
  }
  return options;
}

/** Runs a bench's main and exits with its code; a BenchError is printed without its stack. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(
        `[bench] failed: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exit(1);
    },
  );
}
