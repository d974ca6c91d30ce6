import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { configFileSchema, type ConfigFile } from './schema';

export interface ConfigProblem {
  /** Where in the file, e.g. `monitors[2].url`. */
  path: string;
  /** 1-based line in the YAML file, when known. */
  line?: number;
  message: string;
}

export type ConfigLoadResult =
  | { ok: true; config: ConfigFile; data: unknown }
  | { ok: false; problems: ConfigProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

/** Parses and validates lookout.yaml text; problems carry the path, line and reason. */
export function loadConfigText(text: string): ConfigLoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '(yaml)',
        line: lines.linePos(e.pos[0]).line,
        message: e.message.split('\n')[0] ?? e.message,
      })),
    };
  }
  const data: unknown = doc.toJS() ?? {};
  const result = validateConfig(data);
  if (result.ok) return result;
  return {
    ok: false,
    problems: result.problems.map((p, i) => {
      const issuePath = result.issuePaths[i] ?? [];
      const node = nearestNode(doc, issuePath);
      const offset = node?.range?.[0];
      return offset === undefined ? p : { ...p, line: lines.linePos(offset).line };
    }),
  };
}

/** Validates already-parsed config data (the bundled copy in the Worker takes this path). */
export function validateConfig(
  data: unknown,
): { ok: true; config: ConfigFile; data: unknown } | { ok: false; problems: ConfigProblem[]; issuePaths: PropertyKey[][] } {
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
    return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  }
  return { path, message: issue.message };
}

/** The YAML node at `path`, or its closest existing ancestor (a missing field points at its parent). */
function nearestNode(doc: ReturnType<typeof parseDocument>, path: PropertyKey[]) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = doc.getIn(path.slice(0, depth), true);
    if (isNode(node)) return node;
  }
  return undefined;
}

export function formatProblems(file: string, problems: ConfigProblem[]): string {
  return problems
    .map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.path}: ${p.message}`)
    .join('\n');
}
