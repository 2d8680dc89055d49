import { ts } from 'ts-morph';
import { degenerateInExpression, degenerateInSnapshot, newDegenerate } from './degenerate-value.js';
import { strength, THROWS } from './matcher-strength.js';
import { canon, numberValue, short } from './syntax-text.js';

/** One `expect(…)…matcher(…)` chain or `assert*(…)` call inside a test. */
export interface Assertion {
  family: 'expect' | 'assert';
  /** What is checked: the canonical text of `expect`'s arguments, or of an assert call's first argument. */
  subject: string;
  /** For messages: `expect(sum(2, 3))`, `assert.equal(x, …)`. */
  subjectText: string;
  /** `expect`'s one argument, when it has exactly one (what enclosedExpected walks). */
  subjectNode?: ts.Expression;
  /** `not`, `resolves`, `rejects` between `expect(…)` and the matcher. */
  modifiers: string[];
  /** `toBe`, `assert.equal`, `expect.assertions`… */
  matcher: string;
  /** The expected arguments (for assert calls: every argument after the first). */
  args: readonly ts.Expression[];
  /** Canonical text of the whole assertion. */
  key: string;
  /** The matcher part for messages: `toBe(5)`, `not.toBeNull()`, `assert.equal(x, 5)`. */
  display: string;
  /** The whole assertion for messages: `expect(cart).toHaveLength(2)`. */
  text: string;
  line: number;
}

const EXPECT_STATICS = new Set(['soft', 'poll', 'assertions', 'hasAssertions']);

/** Every assertion inside `node`, in source order. */
export function collectAssertions(node: ts.Node, sf: ts.SourceFile): Assertion[] {
  const out: Assertion[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const a = asAssertion(n, sf);
      if (a) out.push(a);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

function asAssertion(call: ts.CallExpression, sf: ts.SourceFile): Assertion | undefined {
  const callee = call.expression;
  const line = sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1;
  // assert(x), assertType(x), assertEquals(a, b), assert.equal(a, b), assert.deepStrictEqual(a, b)
  const assertName = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'assert'
      ? `assert.${callee.name.text}`
      : undefined;
  if (assertName?.startsWith('assert')) {
    const [first, ...rest] = call.arguments;
    const display = `${assertName}(${call.arguments.map((a) => short(a, sf, 40)).join(', ')})`;
    return {
      family: 'assert',
      subject: first ? canon(first, sf) : '',
      subjectText: `${assertName}(${first ? short(first, sf, 50) : ''}${rest.length > 0 ? ', …' : ''})`,
      modifiers: [],
      matcher: assertName,
      args: rest,
      key: canon(call, sf),
      display,
      text: display,
      line,
    };
  }
  // expect(x), expect.soft(x), expect.poll(fn), expectTypeOf(x); expect.assertions(n) stands alone.
  const isRoot =
    (ts.isIdentifier(callee) && (callee.text === 'expect' || callee.text === 'expectTypeOf')) ||
    (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'expect' && EXPECT_STATICS.has(callee.name.text));
  if (!isRoot) return undefined;
  const rootName = canon(callee, sf).replace(/ /g, '');
  const subjectText = `${rootName}(${call.arguments.map((a) => short(a, sf, 50)).join(', ')})`;
  const subject = `${rootName}(${call.arguments.map((a) => canon(a, sf)).join(' , ')})`;
  if (rootName === 'expect.assertions' || rootName === 'expect.hasAssertions') {
    const display = `${rootName}(${call.arguments.map((a) => short(a, sf, 40)).join(', ')})`;
    return { family: 'expect', subject: rootName, subjectText: rootName, modifiers: [], matcher: rootName, args: call.arguments, key: canon(call, sf), display, text: display, line };
  }
  const names: string[] = [];
  let top: ts.Expression = call;
  for (let up = top.parent; ts.isPropertyAccessExpression(up) && up.expression === top; up = up.parent) {
    names.push(up.name.text);
    top = up;
  }
  const matcherCall = ts.isCallExpression(top.parent) && top.parent.expression === top ? top.parent : undefined;
  const matcher = names.pop() ?? '';
  const args = matcherCall ? matcherCall.arguments : [];
  const display = `${[...names, matcher].join('.')}(${args.map((a) => short(a, sf, 40)).join(', ')})`;
  return {
    family: 'expect',
    subject,
    subjectText,
    ...(call.arguments.length === 1 ? { subjectNode: call.arguments[0]! } : {}),
    modifiers: names,
    matcher,
    args,
    key: canon(matcherCall ?? top, sf),
    display,
    text: `${subjectText}.${display}`,
    line,
  };
}

function countAnything(text: string): number {
  return (text.match(/\bexpect \. (anything|any) \(/g) ?? []).length;
}

/** Inline snapshot text with each line trimmed: re-indentation is not a rewrite. */
function snapshotText(args: readonly ts.Expression[], sf: ts.SourceFile): string {
  return args
    .map((a) => (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a) ? a.text : canon(a, sf)))
    .join('\u0000')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

export type AssertionChange =
  | { kind: 'loosened'; detail?: string }
  /** A new expected value, with the same matcher or a stronger one (`stronger`). */
  | { kind: 'expected-changed'; stronger: boolean }
  /** The first line that differs, before and after (trimmed; '' when a side has no such line). */
  | { kind: 'snapshot-rewritten'; from: string; to: string }
  /** A new expected value or snapshot that contains broken output the old one did not (NaN, "undefined"…). */
  | { kind: 'degenerate'; tokens: string[] }
  | undefined;

/** How `after` differs from `before`, two versions of one assertion (same subject). */
export function compareAssertions(before: Assertion, after: Assertion, sfBefore: ts.SourceFile, sfAfter: ts.SourceFile): AssertionChange {
  const argsBefore = before.args.map((x) => canon(x, sfBefore)).join(' , ');
  const argsAfter = after.args.map((x) => canon(x, sfAfter)).join(' , ');
  const sameMatcher = before.matcher === after.matcher && before.modifiers.join('.') === after.modifiers.join('.');
  const degenerate = (): AssertionChange => {
    const tokens = newDegenerate(degenerateInExpression(before.args, before.matcher), degenerateInExpression(after.args, after.matcher));
    return tokens.length > 0 ? { kind: 'degenerate', tokens } : undefined;
  };
  if (!sameMatcher) {
    const sb = strength(before);
    const sa = strength(after);
    if (sb === undefined || sa === undefined) return undefined;
    if (sa < sb) return { kind: 'loosened' };
    // A stronger check, or another one as strong with a new expected value (`toBe(3)` → `toEqual(4)`).
    if (sa > sb || argsBefore !== argsAfter) return degenerate() ?? { kind: 'expected-changed', stronger: sa > sb };
    return undefined;
  }
  if (argsBefore === argsAfter) return undefined;
  if (after.matcher === 'toMatchInlineSnapshot' || after.matcher === 'toThrowErrorMatchingInlineSnapshot') {
    // An empty `toMatchInlineSnapshot()` filled in is the snapshot written for the first time.
    if (before.args.length === 0) return undefined;
    const was = snapshotText(before.args, sfBefore);
    const now = snapshotText(after.args, sfAfter);
    if (was === now) return undefined;
    const tokens = newDegenerate(degenerateInSnapshot(was), degenerateInSnapshot(now));
    if (tokens.length > 0) return { kind: 'degenerate', tokens };
    return { kind: 'snapshot-rewritten', ...firstDifference(was, now) };
  }
  if (THROWS.has(after.matcher) && before.args.length > after.args.length && (strength(after) ?? 0) < (strength(before) ?? 0)) return { kind: 'loosened' };
  if (after.matcher === 'toBeCloseTo') {
    const precision = (a: Assertion): number | undefined => (a.args[1] === undefined ? 2 : numberValue(a.args[1]));
    const pb = precision(before);
    const pa = precision(after);
    if (pb !== undefined && pa !== undefined && pa < pb) return { kind: 'loosened', detail: `precision ${pb} → ${pa} digits` };
  }
  if (countAnything(argsAfter) > countAnything(argsBefore)) return { kind: 'loosened', detail: 'expect.anything()/expect.any() in the expected value' };
  return degenerate() ?? { kind: 'expected-changed', stronger: false };
}

/** The first line where two snapshot texts differ, each shortened for a message. */
export function firstDifference(before: string, after: string): { from: string; to: string } {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const cut = (s: string | undefined): string => (s === undefined ? '' : s.length > 60 ? `${s.slice(0, 59)}…` : s);
  return { from: cut(a[i]), to: cut(b[i]) };
}

const EQUALS = new Set(['toBe', 'toEqual', 'toStrictEqual']);
const DEEP_EQUALS = new Set(['toEqual', 'toStrictEqual']);

const unwrap = (e: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) ? unwrap(e.expression) : e;

/** The steps from `outer` down to `inner` (`spy.results` → `spy.results[0][0]`: [0, 0]), if `inner` is `outer` read through literal indexes and names. */
function accessPath(outer: ts.Expression, sfOuter: ts.SourceFile, inner: ts.Expression, sfInner: ts.SourceFile): Array<string | number> | undefined {
  const target = canon(outer, sfOuter).replace(/ \?\. /g, ' . ');
  const steps: Array<string | number> = [];
  for (let e = unwrap(inner); ; ) {
    if (ts.isPropertyAccessExpression(e)) {
      steps.unshift(e.name.text);
      e = unwrap(e.expression);
    } else if (ts.isElementAccessExpression(e) && (ts.isNumericLiteral(e.argumentExpression) || ts.isStringLiteral(e.argumentExpression))) {
      steps.unshift(ts.isNumericLiteral(e.argumentExpression) ? Number(e.argumentExpression.text) : e.argumentExpression.text);
      e = unwrap(e.expression);
    } else return undefined;
    if (canon(e, sfInner).replace(/ \?\. /g, ' . ') === target) return steps;
  }
}

/** The literal part of `value` at `path`, or undefined when the path leaves the literal (a spread, a variable, a call). */
function literalAt(value: ts.Expression, path: ReadonlyArray<string | number>): ts.Expression | undefined {
  let e = unwrap(value);
  for (const step of path) {
    if (ts.isArrayLiteralExpression(e) && typeof step === 'number') {
      if (e.elements.slice(0, step + 1).some(ts.isSpreadElement)) return undefined;
      const next = e.elements[step];
      if (next === undefined || ts.isOmittedExpression(next)) return undefined;
      e = unwrap(next as ts.Expression);
    } else if (ts.isObjectLiteralExpression(e)) {
      if (e.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
      const prop = e.properties.find((p) => p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) && p.name.text === String(step));
      if (prop === undefined || !ts.isPropertyAssignment(prop)) return undefined;
      e = unwrap(prop.initializer);
    } else return undefined;
  }
  return e;
}

/**
 * When the patch removed `before` (`expect(spy.results[0][0]).toEqual('error')`) and added
 * `after`, a deep equality on a value around the same subject (`expect(spy.results).toEqual([['ok',
 * promise]])`), `after` checks the old subject too: the expression it now expects there (`'ok'`),
 * read from its literal. Undefined when the two do not nest that way or the literal does not reach
 * the path. A check of the whole value is at least as strong as one of its part, so a different
 * expression there is a new expected value, as with the same subject.
 */
export function enclosedExpected(before: Assertion, after: Assertion, sfBefore: ts.SourceFile, sfAfter: ts.SourceFile): ts.Expression | undefined {
  if (before.family !== 'expect' || after.family !== 'expect' || before.modifiers.length > 0 || after.modifiers.length > 0) return undefined;
  if (!EQUALS.has(before.matcher) || !DEEP_EQUALS.has(after.matcher) || before.args.length !== 1 || after.args.length !== 1) return undefined;
  if (!before.subjectNode || !after.subjectNode) return undefined;
  const path = accessPath(after.subjectNode, sfAfter, before.subjectNode, sfBefore);
  return path === undefined || path.length === 0 ? undefined : literalAt(after.args[0]!, path);
}
