import { ts } from 'ts-morph';
import { lineOf, numberValue, short } from './syntax-text.js';
import { analyzeCallee, extendedTests, type Callee } from './test-callee.js';

/**
 * A vitest test file as a tree of `describe`/`it` calls, read from the syntax alone (no type-checker).
 * Used by tampering.ts to compare the two versions of an edited test file.
 */

export interface TestEntry {
  kind: 'test' | 'describe';
  /** The title as written: the string, or the source text of a non-literal title. */
  title: string;
  /** Titles from the outermost describe down to this one, a title repeated among siblings numbered " #2"…: unique, for pairing. */
  path: string[];
  /** The titles as patchprobe names the test (the last one numbered " #2"… when the whole path repeats in the file). */
  name: string[];
  /** 1-based line of the call. */
  line: number;
  parent: TestEntry | undefined;
  children: TestEntry[];
  /** Callee modifiers: 'skip', 'only', 'todo', 'fails', 'skipIf(cond)', 'runIf(cond)', 'each', 'concurrent'…; `xit` adds 'skip', `fit` 'only'. */
  modifiers: string[];
  /** How to show a modifier whose identity is canonical text: 'skipIf(a . b)' → 'skipIf(a.b)'. */
  labels: Record<string, string>;
  /** The inline callback, when there is one. */
  fn: ts.ArrowFunction | ts.FunctionExpression | undefined;
  /** Whether a callback is passed at all (inline or by name); `it('x')` and `it.todo('x')` have none. */
  hasBody: boolean;
  /** The `.each`/`.for` table when it is an array literal. */
  table: ts.ArrayLiteralExpression | undefined;
  /** `{ timeout }` option or numeric third argument, when it is a number literal. */
  timeout: number | undefined;
  /** `{ retry }` option. */
  retry: number | undefined;
}

export interface ParsedTestFile {
  sf: ts.SourceFile;
  /** Whether the parser reported syntax errors. */
  broken: boolean;
  roots: TestEntry[];
  /** Every entry, outer before inner, in source order. */
  entries: TestEntry[];
  /** `vi.mock('x')` / `vi.doMock('x')` calls with a literal specifier. */
  mocks: { specifier: string; line: number; test: TestEntry | undefined }[];
  /** `vi.setConfig({ testTimeout / hookTimeout })` values. */
  configTimeouts: { value: number; line: number }[];
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  mjs: ts.ScriptKind.JS,
  cjs: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

function stringValue(e: ts.Expression | undefined): string | undefined {
  return e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e.text : undefined;
}

function objectNumber(e: ts.Expression, key: string): number | undefined {
  if (!ts.isObjectLiteralExpression(e)) return undefined;
  for (const p of e.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key) return numberValue(p.initializer);
  }
  return undefined;
}

function scriptKind(file: string): ts.ScriptKind {
  return SCRIPT_KINDS[file.slice(file.lastIndexOf('.') + 1)] ?? ts.ScriptKind.TS;
}

export function parseTestFile(file: string, text: string): ParsedTestFile {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const diagnostics = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics;
  const out: ParsedTestFile = { sf, broken: (diagnostics?.length ?? 0) > 0, roots: [], entries: [], mocks: [], configTimeouts: [] };
  const extended = extendedTests(sf);

  const register = (call: ts.CallExpression, callee: Callee, parent: TestEntry | undefined): TestEntry | undefined => {
    const [first, ...rest] = call.arguments;
    if (!first) return undefined;
    const title = stringValue(first) ?? short(first, sf);
    const siblings = parent ? parent.children : out.roots;
    const repeats = siblings.filter((s) => s.title === title && s.kind === callee.kind).length;
    const own = repeats === 0 ? title : `${title} #${repeats + 1}`;
    const fn = rest.find((a): a is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
    let timeout: number | undefined;
    let retry: number | undefined;
    for (const a of rest) {
      timeout ??= objectNumber(a, 'timeout');
      retry ??= objectNumber(a, 'retry');
    }
    const afterFn = fn ? rest[rest.indexOf(fn) + 1] : undefined;
    timeout ??= numberValue(afterFn);
    const entry: TestEntry = {
      kind: callee.kind,
      title,
      path: [...(parent?.path ?? []), own],
      name: [...(parent?.name ?? []), title],
      line: lineOf(call, sf),
      parent,
      children: [],
      modifiers: callee.modifiers,
      labels: callee.labels,
      fn,
      hasBody: rest.some((a) => !ts.isObjectLiteralExpression(a) && numberValue(a) === undefined),
      table: callee.table,
      timeout,
      retry,
    };
    siblings.push(entry);
    out.entries.push(entry);
    return entry;
  };

  const visit = (node: ts.Node, suite: TestEntry | undefined, test: TestEntry | undefined): void => {
    if (ts.isCallExpression(node)) {
      const callee = test ? undefined : analyzeCallee(node.expression, sf, extended);
      const entry = callee && !callee.pending ? register(node, callee, suite) : undefined;
      if (entry) {
        ts.forEachChild(node, (child) => {
          if (child === entry.fn) visit(child, entry.kind === 'describe' ? entry : suite, entry.kind === 'test' ? entry : undefined);
          else visit(child, suite, test);
        });
        return;
      }
      const viCall = viMethod(node);
      if (viCall === 'mock' || viCall === 'doMock') {
        const arg = node.arguments[0];
        const specifier = stringValue(arg) ?? (arg && ts.isCallExpression(arg) && arg.expression.kind === ts.SyntaxKind.ImportKeyword ? stringValue(arg.arguments[0]) : undefined);
        if (specifier !== undefined) out.mocks.push({ specifier, line: lineOf(node, sf), test });
      } else if (viCall === 'setConfig' && node.arguments[0]) {
        for (const key of ['testTimeout', 'hookTimeout']) {
          const value = objectNumber(node.arguments[0], key);
          if (value !== undefined) out.configTimeouts.push({ value, line: lineOf(node, sf) });
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, suite, test));
  };
  visit(sf, undefined, undefined);
  // As run-vitest.ts numbers tests whose whole path repeats, in collection (here: source) order.
  const seen = new Map<string, number>();
  for (const e of out.entries) {
    if (e.kind !== 'test') continue;
    const key = JSON.stringify(e.name);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) e.name = [...e.name.slice(0, -1), `${e.title} #${n}`];
  }
  return out;
}

function viMethod(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && (e.expression.text === 'vi' || e.expression.text === 'vitest') ? e.name.text : undefined;
}

/** Own modifiers plus those of every enclosing describe. */
export function effectiveModifiers(entry: TestEntry): string[] {
  const out: string[] = [];
  for (let e: TestEntry | undefined = entry; e; e = e.parent) out.push(...e.modifiers);
  return out;
}

/**
 * A `return` or `ctx.skip()` at the top level of the test body that keeps later statements from
 * running: the text of that statement, or undefined.
 */
export function earlyExit(entry: TestEntry, sf: ts.SourceFile): string | undefined {
  const fn = entry.fn;
  if (!fn || !ts.isBlock(fn.body)) return undefined;
  const ctx = fn.parameters[0]?.name;
  const skipNames = new Set<string>();
  if (ctx && ts.isObjectBindingPattern(ctx)) {
    for (const el of ctx.elements) if ((el.propertyName ?? el.name).getText(sf) === 'skip' && ts.isIdentifier(el.name)) skipNames.add(el.name.text);
  }
  const statements = fn.body.statements;
  for (const [i, s] of statements.entries()) {
    if (ts.isReturnStatement(s) && i < statements.length - 1) return short(s, sf);
    if (ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.arguments.length === 0) {
      const callee = s.expression.expression;
      const isCtxSkip =
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 'skip' &&
        ctx !== undefined &&
        ts.isIdentifier(ctx) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === ctx.text;
      if (isCtxSkip || (ts.isIdentifier(callee) && skipNames.has(callee.text))) return short(s, sf);
    }
  }
  return undefined;
}
