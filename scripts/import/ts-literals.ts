import ts from 'typescript';

/**
 * Reads the values of top-level `const NAME = { ... }` declarations of a TypeScript module without
 * running it: object and array literals, strings, numbers, booleans and null are taken; anything
 * else (a function, a variable, a call, a template with substitutions, a spread) is left out and
 * reported with its path. Types (`: PageConfig`, `as const`, `satisfies`) are looked through.
 */

export interface NonLiteral {
  path: string;
  /** What it is, in words: "a function", "a call", "a reference to a variable"... */
  kind: string;
}

export type SyntaxCheck = { ok: true } | { ok: false; line: number; message: string };

/** The first syntax error of the module, if any. */
export function syntaxError(text: string, fileName: string): SyntaxCheck {
  const out = ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: {} });
  const first = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (!first) return { ok: true };
  const line =
    first.file && first.start !== undefined
      ? first.file.getLineAndCharacterOfPosition(first.start).line + 1
      : 0;
  return { ok: false, line, message: ts.flattenDiagnosticMessageText(first.messageText, ' ') };
}

export function readConstants(
  text: string,
  fileName: string,
  names: readonly string[],
): { values: Record<string, unknown>; skipped: NonLiteral[] } {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const values: Record<string, unknown> = {};
  const skipped: NonLiteral[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !names.includes(declaration.name.text)) continue;
      if (!declaration.initializer) continue;
      const value = literal(declaration.initializer, declaration.name.text, skipped);
      if (value !== SKIP) values[declaration.name.text] = value;
    }
  }
  return { values, skipped };
}

const SKIP = Symbol('not a literal');

function literal(node: ts.Expression, path: string, skipped: NonLiteral[]): unknown {
  const inner = unwrap(node);
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
  if (ts.isNumericLiteral(inner)) return Number(inner.text);
  if (
    ts.isPrefixUnaryExpression(inner) &&
    inner.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(inner.operand)
  ) {
    return -Number(inner.operand.text);
  }
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (inner.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(inner)) {
    const items: unknown[] = [];
    inner.elements.forEach((element, index) => {
      const value = ts.isSpreadElement(element)
        ? skip(skipped, `${path}[${index}]`, 'a spread (...)')
        : literal(element, `${path}[${index}]`, skipped);
      if (value !== SKIP) items.push(value);
    });
    return items;
  }
  if (ts.isObjectLiteralExpression(inner)) {
    const object: Record<string, unknown> = {};
    for (const property of inner.properties) {
      const key = property.name ? propertyName(property.name) : null;
      const at = key === null ? `${path}.(computed)` : `${path}.${key}`;
      let value: unknown;
      if (ts.isPropertyAssignment(property) && key !== null)
        value = literal(property.initializer, at, skipped);
      else if (ts.isShorthandPropertyAssignment(property))
        value = skip(skipped, at, 'a reference to a variable');
      else if (ts.isSpreadAssignment(property)) value = skip(skipped, `${path}.(...)`, 'a spread (...)');
      else if (ts.isMethodDeclaration(property) || ts.isGetAccessor(property) || ts.isSetAccessor(property)) {
        value = skip(skipped, at, 'a function');
      } else value = skip(skipped, at, 'a computed property');
      if (value !== SKIP && key !== null) object[key] = value;
    }
    return object;
  }
  if (ts.isIdentifier(inner) && inner.text === 'undefined') return SKIP;
  return skip(skipped, path, describe(inner));
}

function skip(skipped: NonLiteral[], path: string, kind: string): typeof SKIP {
  skipped.push({ path, kind });
  return SKIP;
}

/** Looks through type annotations and parentheses: `x as const`, `x satisfies T`, `<T>x`, `(x)`. */
function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) {
      current = current.expression;
    } else return current;
  }
}

function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return null;
}

function describe(node: ts.Expression): string {
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return 'a function';
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return 'a call';
  if (ts.isTemplateExpression(node)) return 'a template string with ${...}';
  if (ts.isIdentifier(node)) return `a reference to the variable ${node.text}`;
  if (ts.isPropertyAccessExpression(node)) return `an expression (${node.getText().slice(0, 60)})`;
  if (ts.isBinaryExpression(node)) return `an expression (${node.getText().slice(0, 60)})`;
  return `an expression (${ts.SyntaxKind[node.kind]})`;
}
