// Runs a documented example (collected by ../doc-examples.ts) against a module's exports, inside
// the project's vitest: no TypeScript here, only node built-ins, so the probe process loads nothing
// heavy to check a doc comment's promises.
import { inspect, types } from 'node:util';

export type DocExampleForm = 'arrow-comment' | 'returns-comment' | 'bare-arrow' | 'value-comment' | 'strict-equal' | 'assertion';
export type DocExampleSkipReason = 'prose-expected' | 'not-an-expression' | 'multiline-expected' | 'throws';

export interface DocExample {
  /** "isDeepEqual"; "Cart.total" for a method; "default" for a default export. */
  symbol: string;
  /** 1-based line in the file where the example's expression starts. */
  line: number;
  /** JavaScript (types removed) of the expression the example evaluates: "R.isDeepEqual(1, 1)". */
  code: string;
  /** JavaScript of the value it should equal: "true". */
  expected: string;
  form: DocExampleForm;
  /** JavaScript statements that precede it in its block, to run first. */
  setup: string[];
}

export type DocExampleOutcome =
  | { status: 'holds' }
  | { status: 'differs'; actual: string; expected: string }
  | { status: 'throws'; error: string }
  | { status: 'unrunnable'; reason: string };

// ─── evaluating ──────────────────────────────────────────────────────────────────────────────────

type Step<T> = { ok: true; value: T } | { ok: false; outcome: DocExampleOutcome };
type Part = 'setup' | 'code' | 'expected';

/**
 * Runs the example's setup and code with `scope`'s entries as variables and compares the result
 * with its expected value. A name used only as `X.member` with members in scope (`R.add`) is bound
 * to `scope` itself. A promise result is 'unrunnable' here: use evaluateDocExampleAsync.
 */
export function evaluateDocExample(example: DocExample, scope: Readonly<Record<string, unknown>>): DocExampleOutcome {
  const thunks = prepare(example, scope);
  if (!thunks.ok) return thunks.outcome;
  const actual = attempt(thunks.value[0], example, 'code');
  if (!actual.ok) return actual.outcome;
  const value = actual.value;
  if (isThenable(value)) {
    attempt(() => value.then(undefined, () => undefined), example, 'code'); // an unobserved rejection would fail the test run
    return { status: 'unrunnable', reason: 'the example returns a promise: use evaluateDocExampleAsync' };
  }
  return judge(value, attempt(thunks.value[1], example, 'expected'));
}

/** evaluateDocExample, awaiting a promise the code (or the expected value) returns. */
export async function evaluateDocExampleAsync(example: DocExample, scope: Readonly<Record<string, unknown>>): Promise<DocExampleOutcome> {
  const thunks = prepare(example, scope);
  if (!thunks.ok) return thunks.outcome;
  let actual = attempt(thunks.value[0], example, 'code');
  if (actual.ok && isThenable(actual.value)) actual = await settle(actual.value, example, 'code');
  if (!actual.ok) return actual.outcome;
  let expected = attempt(thunks.value[1], example, 'expected');
  if (expected.ok && isThenable(expected.value)) expected = await settle(expected.value, example, 'expected');
  return judge(actual.value, expected);
}

/** Compiles the example and runs its setup; the code and the expected value are left as thunks. */
function prepare(example: DocExample, scope: Readonly<Record<string, unknown>>): Step<[() => unknown, () => unknown]> {
  const names = Object.keys(scope).filter(bindable);
  const aliases = aliasesOf(example, scope, new Set(names));
  const missing = aliases.flatMap(([alias, members]) => members.filter((m) => !Object.hasOwn(scope, m)).map((m) => `${alias}.${m}`));
  if (missing.length > 0) return { ok: false, outcome: { status: 'unrunnable', reason: `not in scope: ${missing.join(', ')}` } };
  const params = [...names, ...aliases.map(([a]) => a)];
  let fn = compile(params, example.setup, example);
  // One block often shows several snippets that declare the same name: `var` lets them all run.
  if (fn instanceof SyntaxError && /already been declared/.test(fn.message)) fn = compile(params, example.setup.map((s) => s.replace(/^(?:const|let)(?=\s)/, 'var')), example);
  if (fn instanceof Error) return { ok: false, outcome: { status: 'unrunnable', reason: render(fn) } };
  const values = [...names.map((n) => scope[n]), ...aliases.map(() => scope)];
  const ran = attempt(() => fn(...values), example, 'setup');
  return ran.ok ? { ok: true, value: ran.value as [() => unknown, () => unknown] } : ran;
}

// Parameters, not `with`: strict mode, and the setup's block may shadow any of them.
function compile(params: readonly string[], setup: readonly string[], example: DocExample): ((...args: unknown[]) => unknown) | Error {
  const body = `"use strict";\n{\n${setup.join('\n')}\nreturn [() => (${example.code}\n), () => (${example.expected}\n)];\n}`;
  try {
    return new Function(...params, body) as (...args: unknown[]) => unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const bindableNames = new Map<string, boolean>();

/** A valid parameter name in strict mode (not a reserved word, `eval` or `arguments`); asked once per name. */
function bindable(name: string): boolean {
  let ok = bindableNames.get(name);
  if (ok === undefined) {
    try {
      ok = /^[A-Za-z_$][\w$]*$/.test(name) && typeof new Function(name, '"use strict"') === 'function';
    } catch {
      ok = false;
    }
    bindableNames.set(name, ok);
  }
  return ok;
}

/** `R` in `R.add(1, 2)`: not in scope, not a global, and some member it is used with is in scope. */
function aliasesOf(example: DocExample, scope: Readonly<Record<string, unknown>>, bound: ReadonlySet<string>): Array<[string, string[]]> {
  const text = exampleText(example);
  const local = declaredIn(text);
  const uses = new Map<string, Set<string>>();
  for (const [, alias = '', member = ''] of text.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)\s*\??\.\s*([A-Za-z_$][\w$]*)/g)) {
    if (bound.has(alias) || local.has(alias) || alias in globalThis) continue;
    uses.set(alias, (uses.get(alias) ?? new Set()).add(member));
  }
  return [...uses].filter(([, members]) => [...members].some((m) => Object.hasOwn(scope, m))).map(([alias, members]) => [alias, [...members]]);
}

/** Names the example declares itself (variables, functions, parameters), roughly: never aliases. */
function declaredIn(text: string): Set<string> {
  const names = [...text.matchAll(/\b(?:const|let|var|function\*?|class)\s+([A-Za-z_$][\w$]*)|([A-Za-z_$][\w$]*)\s*=>/g)].map((m) => m[1] ?? m[2]);
  const lists = [...text.matchAll(/\(([^()]*)\)\s*=>|function\s*\*?\s*[\w$]*\s*\(([^()]*)\)/g)].map((m) => m[1] ?? m[2] ?? '');
  return new Set([...names, ...lists.flatMap((l) => l.match(/[A-Za-z_$][\w$]*/g) ?? [])].filter((n) => n !== undefined));
}

const exampleText = (example: DocExample): string => [...example.setup, example.code, example.expected].join('\n');

function attempt(run: () => unknown, example: DocExample, part: Part): Step<unknown> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, outcome: failure(error, example, part) };
  }
}

async function settle(value: PromiseLike<unknown>, example: DocExample, part: Part): Promise<Step<unknown>> {
  try {
    return { ok: true, value: await value };
  } catch (error) {
    return { ok: false, outcome: failure(error, example, part) };
  }
}

/** A name the example itself uses and nobody defined makes it unrunnable; anything else is the code throwing. */
function failure(error: unknown, example: DocExample, part: Part): DocExampleOutcome {
  if (part === 'expected') return { status: 'unrunnable', reason: `the expected value throws: ${render(error)}` };
  const name = error instanceof ReferenceError ? /^(?:([\w$]+) is not defined|.*'([\w$]+)')/.exec(error.message) : null;
  const missing = name?.[1] ?? name?.[2];
  if (missing !== undefined && new RegExp(`(?<![\\w$.])${missing.replace(/\$/g, '\\$')}(?![\\w$])`).test(exampleText(example))) {
    return { status: 'unrunnable', reason: render(error) };
  }
  return { status: 'throws', error: render(error) };
}

function judge(actual: unknown, expected: Step<unknown>): DocExampleOutcome {
  if (!expected.ok) return expected.outcome;
  try {
    return docValuesEqual(actual, expected.value) ? { status: 'holds' } : { status: 'differs', actual: render(actual), expected: render(expected.value) };
  } catch (error) {
    return { status: 'unrunnable', reason: `cannot compare: ${render(error)}` }; // a throwing getter or proxy
  }
}

// Both read properties of values the example made, which may be proxies or getters that throw.
function isThenable(v: unknown): v is PromiseLike<unknown> {
  try {
    return ((typeof v === 'object' && v !== null) || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}

function render(v: unknown): string {
  try {
    return v instanceof Error ? `${v.name}: ${v.message}` : inspect(v, { depth: 4, breakLength: Infinity });
  } catch {
    return Object.prototype.toString.call(v);
  }
}

// ─── equality ────────────────────────────────────────────────────────────────────────────────────

/**
 * Deep equality in the spirit of vitest's toEqual: NaN equals NaN, 0 equals -0, properties whose
 * value is undefined are ignored, Map/Set entries in any order; unlike toEqual a class instance
 * equals only an instance of the same prototype, and a function only itself.
 */
export function docValuesEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, []);
}

function equal(a: unknown, b: unknown, stack: Array<[object, object]>): boolean {
  if (a === b || Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (stack.some(([x, y]) => x === a && y === b)) return true; // a cycle: assumed equal while being compared
  stack.push([a, b]);
  try {
    return equalObjects(a, b, stack);
  } finally {
    stack.pop();
  }
}

function equalObjects(a: object, b: object, stack: Array<[object, object]>): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && equalLists(a, b, stack);
  const pa: unknown = Object.getPrototypeOf(a);
  const pb: unknown = Object.getPrototypeOf(b);
  if (pa !== pb && !(isPlainProto(pa) && isPlainProto(pb))) return false;
  if (types.isDate(a) && types.isDate(b)) return Object.is(a.getTime(), b.getTime());
  if (types.isRegExp(a) && types.isRegExp(b)) return a.source === b.source && a.flags === b.flags;
  if (types.isMap(a) && types.isMap(b)) return a.size === b.size && equalUnordered([...a], [...b], stack);
  if (types.isSet(a) && types.isSet(b)) return a.size === b.size && equalUnordered([...a], [...b], stack);
  if (types.isBoxedPrimitive(a)) return Object.is(a.valueOf(), b.valueOf());
  if (types.isTypedArray(a) && types.isTypedArray(b)) return equalLists([...a], [...b], stack);
  if (a instanceof Error && b instanceof Error && (a.name !== b.name || a.message !== b.message)) return false;
  return equalProps(a, b, stack);
}

// Null-prototype objects and another realm's plain objects are plain too.
const isPlainProto = (p: unknown): boolean => p === null || p === Object.prototype || (typeof p === 'object' && Object.getPrototypeOf(p) === null);

function equalLists(a: readonly unknown[], b: readonly unknown[], stack: Array<[object, object]>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i], stack)) return false;
  return true;
}

// Greedy matching is enough: equality is an equivalence, so any equal partner leaves an equal rest.
function equalUnordered(a: readonly unknown[], b: readonly unknown[], stack: Array<[object, object]>): boolean {
  const rest = [...b];
  for (const x of a) {
    const i = rest.findIndex((y) => equal(x, y, stack));
    if (i < 0) return false;
    rest.splice(i, 1);
  }
  return true;
}

function equalProps(a: object, b: object, stack: Array<[object, object]>): boolean {
  const ka = definedKeys(a);
  const kb = definedKeys(b);
  const ra = a as Record<PropertyKey, unknown>;
  const rb = b as Record<PropertyKey, unknown>;
  return ka.length === kb.length && ka.every((k) => kb.includes(k) && equal(ra[k], rb[k], stack));
}

function definedKeys(o: object): PropertyKey[] {
  const keys: PropertyKey[] = [...Object.keys(o), ...Object.getOwnPropertySymbols(o).filter((s) => Object.prototype.propertyIsEnumerable.call(o, s))];
  return keys.filter((k) => (o as Record<PropertyKey, unknown>)[k] !== undefined);
}
