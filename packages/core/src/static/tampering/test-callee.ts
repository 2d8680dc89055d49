import { ts } from 'ts-morph';
import { canon, short } from './syntax-text.js';
import type { TestEntry } from './test-ast.js';

/** Which calls define tests and suites: vitest's globals, their chains and `.each`/`.skipIf` forms. */

const BASES: Record<string, { kind: TestEntry['kind']; modifier?: string }> = {
  it: { kind: 'test' },
  test: { kind: 'test' },
  describe: { kind: 'describe' },
  suite: { kind: 'describe' },
  xit: { kind: 'test', modifier: 'skip' },
  xtest: { kind: 'test', modifier: 'skip' },
  xdescribe: { kind: 'describe', modifier: 'skip' },
  fit: { kind: 'test', modifier: 'only' },
  fdescribe: { kind: 'describe', modifier: 'only' },
};
const CHAIN = new Set(['skip', 'only', 'todo', 'fails', 'concurrent', 'sequential', 'shuffle', 'each', 'for', 'skipIf', 'runIf']);
/** Modifiers that must be called before the test call: `it.each(table)(…)`, `it.skipIf(cond)(…)`. */
const NEEDS_CALL = new Set(['each', 'for', 'skipIf', 'runIf']);

export interface Callee {
  kind: TestEntry['kind'];
  modifiers: string[];
  labels: Record<string, string>;
  table: ts.ArrayLiteralExpression | undefined;
  pending: boolean;
}

/** `it`, `it.skip`, `it.concurrent.only`, `it.each(t)`, `it.skipIf(c)`, `` it.each`…` ``, and fixtures made with `test.extend`. */
export function analyzeCallee(e: ts.Expression, sf: ts.SourceFile, extended: ReadonlySet<string>): Callee | undefined {
  if (ts.isIdentifier(e)) {
    const base = BASES[e.text] ?? (extended.has(e.text) ? { kind: 'test' as const } : undefined);
    if (!base) return undefined;
    return { kind: base.kind, modifiers: base.modifier ? [base.modifier] : [], labels: {}, table: undefined, pending: false };
  }
  if (ts.isPropertyAccessExpression(e)) {
    const name = e.name.text;
    const inner = analyzeCallee(e.expression, sf, extended);
    if (!inner || inner.pending || !CHAIN.has(name)) return undefined;
    return { ...inner, modifiers: [...inner.modifiers, name], pending: NEEDS_CALL.has(name) };
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const inner = analyzeCallee(e.expression, sf, extended);
    if (!inner || !inner.pending) return undefined;
    const name = e.expression.name.text;
    const arg = e.arguments[0];
    if (name === 'skipIf' || name === 'runIf') {
      const modifier = `${name}(${arg ? canon(arg, sf) : ''})`;
      const labels = { ...inner.labels, [modifier]: `${name}(${arg ? short(arg, sf, 50) : ''})` };
      return { ...inner, modifiers: [...inner.modifiers.slice(0, -1), modifier], labels, pending: false };
    }
    return { ...inner, table: arg && ts.isArrayLiteralExpression(arg) ? arg : undefined, pending: false };
  }
  if (ts.isTaggedTemplateExpression(e)) {
    const inner = analyzeCallee(e.tag, sf, extended);
    return inner?.pending ? { ...inner, pending: false } : undefined;
  }
  return undefined;
}

/** Names bound to `test.extend(…)` / `it.extend(…)` (vitest fixtures), used like `it`. */
export function extendedTests(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      let init: ts.Expression = n.initializer;
      while (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'extend') {
        init = init.expression.expression;
      }
      if (init !== n.initializer && ts.isIdentifier(init) && (BASES[init.text]?.kind === 'test' || names.has(init.text))) names.add(n.name.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}
