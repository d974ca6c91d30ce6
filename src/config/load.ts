import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ConfigFile } from './schema';
import { validateConfig, type ConfigProblem } from './validate';

export type ConfigLoadResult =
  { ok: true; config: ConfigFile; data: unknown } | { ok: false; problems: ConfigProblem[] };

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
  let data: unknown;
  try {
    data = doc.toJS() ?? {};
  } catch (error) {
    // toJS throws on alias expansion past its limit (a "billion laughs" file): a problem, not a crash.
    return {
      ok: false,
      problems: [{ path: '(yaml)', message: error instanceof Error ? error.message : String(error) }],
    };
  }
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

/** The YAML node at `path`, or its closest existing ancestor (a missing field points at its parent). */
function nearestNode(doc: ReturnType<typeof parseDocument>, path: PropertyKey[]) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = doc.getIn(path.slice(0, depth), true);
    if (isNode(node)) return node;
  }
  return undefined;
}
