import { ts } from 'ts-morph';
import type { Finding } from '../../verdict/finding.js';
import type { StaticFile } from '../types.js';
import { canon } from './syntax-text.js';
import { parseTestFile } from './test-ast.js';

const CODE = /\.[cm]?[jt]sx?$/;

/**
 * Test files whose only edit makes callbacks stop returning the value of a call
 * (`act(() => store.setState(x))` → `act(() => { store.setState(x) })`), or start returning it:
 * what a test does when a function it calls starts or stops returning something that the callee
 * of the callback reads. pmndrs/zustand feddc0c2 ("return storage promise from setState"): React's
 * `act` treats a callback that returns a promise as async, so the old tests fail on the new code,
 * those after them in the file too. Tests the patch adds to the file do not count as an edit. One
 * `test-discards-return` finding per such file
 * (verdict/api-removal.ts reads it with the suites' outcomes and the declared types).
 */
export function testsDiscardingReturns(files: readonly StaticFile[]): Finding[] {
  const out: Finding[] = [];
  for (const f of files) {
    if (f.role !== 'test' || !CODE.test(f.path) || f.before === undefined || f.after === undefined || f.before === f.after) continue;
    const before = conciseForm(f.before, f.oldPath ?? f.path);
    const after = conciseForm(withoutAddedTests(f.before, f.oldPath ?? f.path, f.after, f.path), f.path);
    if (before === undefined || after === undefined || before.text !== after.text) continue;
    // The calls whose value a callback returned before and no longer does, or the other way round.
    const shownAs = new Map([...before.blocks, ...after.blocks]);
    const changed = [...new Set(symmetricDifference(before.blocks, after.blocks))].sort().map((key) => shownAs.get(key) ?? key);
    if (changed.length === 0) continue;
    const shown = changed.slice(0, 3).map((c) => `\`${c.length > 60 ? `${c.slice(0, 57)}…` : c}\``);
    out.push({
      kind: 'test-discards-return',
      severity: 'info',
      file: f.path,
      message: `the only edit of this file, besides tests it adds, changes whether callbacks return the value of ${shown.join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} (\`() => x\` ↔ \`() => { x }\`); no input or expected value changes`,
    });
  }
  return out;
}

/**
 * `after` without the tests it adds (no test of that describe path in `before`), each cut with its
 * statement: a new test beside the edit (one that pins the new return value) hides no old test's
 * break. The text as it is when a test has no inline callback, or either file does not parse.
 */
function withoutAddedTests(before: string, beforeFile: string, after: string, afterFile: string): string {
  const old = parseTestFile(beforeFile, before);
  const now = parseTestFile(afterFile, after);
  if (old.broken || now.broken) return after;
  const known = new Set(old.entries.filter((e) => e.kind === 'test').map((e) => e.path.join('\u0000')));
  const cuts: Array<[number, number]> = [];
  for (const e of now.entries) {
    if (e.kind !== 'test' || known.has(e.path.join('\u0000'))) continue;
    const statement = e.fn?.parent?.parent;
    if (!statement || !ts.isExpressionStatement(statement)) return after;
    cuts.push([statement.getStart(now.sf), statement.end]);
  }
  let text = after;
  for (const [from, to] of cuts.sort((a, b) => b[0] - a[0])) text = text.slice(0, from) + text.slice(to);
  return text;
}

/**
 * The file with every arrow function whose body only drops an expression's value (a block of one
 * expression statement, `void x`) written with a concise body instead (canonical text), and those
 * expressions; undefined when the file does not parse.
 */
function conciseForm(text: string, file: string): { text: string; blocks: Map<string, string> } | undefined {
  const kind = /\.[cm]?[jt]sx$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?jsx?$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  if ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length) return undefined;
  // canonical text → the expression as written (its layout collapsed), for the message
  const blocks = new Map<string, string>();
  const transformer: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const visit = (node: ts.Node): ts.Node => {
      const next = ts.visitEachChild(node, visit, context);
      if (!ts.isArrowFunction(next) || !ts.isArrowFunction(node)) return next;
      const discarded = discardedExpression(next.body);
      if (discarded === undefined) return next;
      // Written as a block or with `void`: the callback returns nothing. Noted by the original node's text.
      const written = discardedExpression(node.body);
      if (written) blocks.set(canon(written, sf), written.getText(sf).replace(/\s+/g, ' '));
      const expression = ts.isObjectLiteralExpression(discarded) ? context.factory.createParenthesizedExpression(discarded) : discarded;
      return context.factory.updateArrowFunction(next, next.modifiers, next.typeParameters, next.parameters, next.type, next.equalsGreaterThanToken, expression);
    };
    return (root) => ts.visitNode(root, visit) as ts.SourceFile;
  };
  const result = ts.transform(sf, [transformer]);
  const printed = ts.createPrinter({ removeComments: true }).printFile(result.transformed[0]!);
  result.dispose();
  const reparsed = ts.createSourceFile(file, printed, ts.ScriptTarget.Latest, true, kind);
  return { text: canon(reparsed, reparsed), blocks };
}

/** The expression whose value an arrow's body evaluates and drops (`{ x }`, `{ void x; }`, `void x`), if that is all it does. */
function discardedExpression(body: ts.ConciseBody): ts.Expression | undefined {
  let expression: ts.Expression | undefined;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    expression = only && ts.isExpressionStatement(only) ? only.expression : undefined;
  } else if (ts.isVoidExpression(body)) expression = body;
  if (expression && ts.isVoidExpression(expression)) expression = expression.expression;
  return expression;
}

function* symmetricDifference(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): Generator<string> {
  for (const x of a.keys()) if (!b.has(x)) yield x;
  for (const x of b.keys()) if (!a.has(x)) yield x;
}
