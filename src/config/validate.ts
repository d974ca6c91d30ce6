import type { z } from 'zod';
import { configFileSchema, type ConfigFile } from './schema';

export interface ConfigProblem {
  /** Where in the file, e.g. `monitors[2].url`. */
  path: string;
  /** 1-based line in the YAML file, when known. */
  line?: number;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

/** Validates already-parsed config data (the bundled copy in the Worker takes this path). */
export function validateConfig(
  data: unknown,
):
  | { ok: true; config: ConfigFile; data: unknown }
  | { ok: false; problems: ConfigProblem[]; issuePaths: PropertyKey[][] } {
  const parsed = configFileSchema.safeParse(data);
  if (parsed.success) return { ok: true, config: parsed.data, data };
  return {
    ok: false,
    problems: parsed.error.issues.map(describeIssue),
    issuePaths: parsed.error.issues.map((issue) => [...issue.path]),
  };
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem {
  const path = formatPath(issue.path) || '(root)';
  if (issue.code === 'unrecognized_keys') {
    return {
      path,
      message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
    };
  }
  return { path, message: issue.message };
}

export function formatProblems(file: string, problems: ConfigProblem[]): string {
  return problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.path}: ${p.message}`).join('\n');
}
