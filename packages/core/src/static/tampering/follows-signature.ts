import { ts } from 'ts-morph';
import type { Finding } from '../../verdict/finding.js';
import type { StaticFile } from '../types.js';
import { canon } from './syntax-text.js';
import { display } from './tamper-compare.js';
import { parseTestFile, type TestEntry } from './test-ast.js';

const CODE = /\.[cm]?[jt]sx?$/;

/**
 * Module-level functions of a source file with their parameter lists, every signature of an
 * overload set included: `function f(a: A): R`, `const f = (a: A) => …`, `export function f…`.
 */
function parameterLists(text: string, file: string): Map<string, string> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out = new Map<string, string[]>();
  const add = (name: string, params: ts.NodeArray<ts.ParameterDeclaration>): void => {
    out.set(name, [...(out.get(name) ?? []), params.map((p) => canon(p, sf)).join(' , ')]);
  };
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name) add(s.name.text, s.parameters);
    else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)) ? d.initializer : undefined;
        if (init && ts.isIdentifier(d.name)) add(d.name.text, init.parameters);
      }
    }
  }
  return new Map([...out].map(([name, lists]) => [name, lists.join(' | ')]));
}

/** Names of the module-level functions whose parameters the patch changes (in a source file present on both sides). */
export function signatureChanges(files: readonly StaticFile[]): Set<string> {
  const changed = new Set<string>();
  for (const f of files) {
    if (f.role !== 'source' || !CODE.test(f.path) || f.before === undefined || f.after === undefined || f.before === f.after) continue;
    const before = parameterLists(f.before, f.oldPath ?? f.path);
    const after = parameterLists(f.after, f.path);
    for (const [name, params] of after) if (before.has(name) && before.get(name) !== params) changed.add(name);
  }
  return changed;
}

/**
 * A test's body with the arguments of every call of `names` cut out (`stringifyJson(config)` →
 * `stringifyJson()`), canonical: equal for two versions that differ only in those arguments.
 */
function withoutArguments(fn: ts.Node, sf: ts.SourceFile, names: ReadonlySet<string>): string {
  const cuts: Array<[number, number]> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && names.has(n.expression.text) && n.arguments.length > 0) {
      cuts.push([n.arguments.pos, n.arguments.end]);
      return; // a nested call of the same function goes with its outer call's arguments
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  const start = fn.getStart(sf);
  let text = sf.text.slice(start, fn.end);
  for (const [from, to] of cuts.reverse()) text = text.slice(0, from - start) + text.slice(to - start);
  const cut = ts.createSourceFile('cut.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return canon(cut, cut);
}

/**
 * Tests whose only edit changes the arguments of their calls of functions whose parameters the
 * patch changes (valibot 0f060d6b, "make stringifyJson config an object": `stringifyJson(fn)` →
 * `stringifyJson({ replacer: fn })`, the expected value untouched). The test checks what it did,
 * through the new calling convention. One `test-follows-signature` finding per such test
 * (verdict/api-removal.ts reads them with the suites' outcomes).
 */
export function testsFollowingSignatures(files: readonly StaticFile[]): Finding[] {
  const changed = signatureChanges(files);
  if (changed.size === 0) return [];
  const out: Finding[] = [];
  for (const f of files) {
    if (f.role !== 'test' || !CODE.test(f.path) || f.before === undefined || f.after === undefined || f.before === f.after) continue;
    const before = parseTestFile(f.oldPath ?? f.path, f.before);
    const after = parseTestFile(f.path, f.after);
    if (before.broken || after.broken) continue;
    const old = new Map(before.entries.filter((e) => e.kind === 'test').map((e) => [e.path.join('\u0000'), e]));
    for (const a of after.entries) {
      const b = a.kind === 'test' ? old.get(a.path.join('\u0000')) : undefined;
      if (!b?.fn || !a.fn || canon(b.fn, before.sf) === canon(a.fn, after.sf)) continue;
      const called = callsOf(a.fn, changed);
      if (called.size === 0 || withoutArguments(b.fn, before.sf, changed) !== withoutArguments(a.fn, after.sf, changed)) continue;
      const names = [...called].sort().map((n) => `\`${n}\``).join(', ');
      out.push({
        kind: 'test-follows-signature',
        severity: 'info',
        file: f.path,
        line: a.line,
        test: display(f.path, a as TestEntry),
        message: `the only edit of this test changes the arguments of its calls of ${names}, whose parameters the patch changes; its expected values are the same`,
      });
    }
  }
  return out;
}

function callsOf(fn: ts.Node, names: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && names.has(n.expression.text)) found.add(n.expression.text);
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}
