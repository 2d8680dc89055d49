// What kind of change separates two different outcomes, worst first (probe runtime, see outcome.ts).
import { types } from 'node:util';
import { builtinKind, deepEqual, sameOutcome } from './compare.js';
import { EXIT_MESSAGE } from './observe.js';
import { isNonErrorThrow, type ErrorInfo, type Outcome } from './outcome.js';
import { renderArgsChange, renderOutcome, renderPast, show } from './render.js';

export type DivergenceKind = 'crash' | 'throws' | 'degenerate' | 'returns-undefined' | 'argument-mutated' | 'timeout' | 'error-changed' | 'value';

export interface Divergence {
  kind: DivergenceKind;
  reason: string;
}

// Containers below this depth are searched for degenerate values; deeper ones are the caller's data.
const DEGENERATE_DEPTH = 3;
// What a missing or broken value prints as in a template or String(): degenerate as the whole
// string or as a standalone token ("Hello undefined", "/users/null/posts"), never as part of a
// word ("nullable", "NaNa") or a JSON null (`{"next":null}` is data).
const DEGENERATE_WHOLE = new Set(['NaN', 'undefined', 'null', 'Invalid Date', '[object Object]']);
const DEGENERATE_TOKEN = /(?<![\w$])(?:NaN|undefined|null|Invalid Date)(?![\w$])|\[object Object\]/g;

const ACCIDENTAL_NAMES = new Set(['TypeError', 'ReferenceError', 'InternalError', 'EvalError']);
const ACCIDENTAL_RANGE =
  /Maximum call stack size exceeded|Invalid array length|Invalid string length|Invalid count value|toFixed\(\) digits|toPrecision\(\) argument|Invalid time value|too much recursion/i;
const ACCIDENTAL_MESSAGE =
  /is not a function|is not iterable|Cannot read propert|Cannot set propert|is not defined|is not a constructor|Cannot convert undefined or null|undefined is not an object|null is not an object/i;

/**
 * Errors the engine throws on the programmer's behalf (a property read on undefined, runaway
 * recursion), as opposed to errors code throws on purpose, like `new Error('amount must be positive')`.
 */
export function isAccidentalError(e: ErrorInfo): boolean {
  if (ACCIDENTAL_NAMES.has(e.name)) return true;
  if (e.name === 'RangeError' && ACCIDENTAL_RANGE.test(e.message)) return true;
  if (isNonErrorThrow(e)) return false;
  return ACCIDENTAL_MESSAGE.test(e.message) || (e.name === 'Error' && EXIT_MESSAGE.test(e.message));
}

/**
 * A message the engine (or a trapped `process.exit`) writes, whatever the class: "Cannot read
 * properties of undefined", "x is not a function", "Invalid array length"…; code that throws on
 * purpose writes its own.
 */
export function isEngineMessage(e: ErrorInfo): boolean {
  if (isNonErrorThrow(e)) return false;
  return ACCIDENTAL_MESSAGE.test(e.message) || ACCIDENTAL_RANGE.test(e.message) || EXIT_MESSAGE.test(e.message);
}

/**
 * Why a returned value looks like the product of a bug (NaN, Invalid Date, "undefined" pasted
 * into a string), searched into containers up to depth 3, each reason prefixed with its path.
 */
export function degenerateReasons(value: unknown): string[] {
  const out = new Set<string>();
  collectDegenerate(value, '', 0, out);
  return [...out];
}

function collectDegenerate(v: unknown, path: string, depth: number, out: Set<string>): void {
  const at = (what: string) => (path === '' ? what : `${path} ${what}`);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) out.add(path === '' ? 'NaN' : `${path} is NaN`);
    return;
  }
  if (typeof v === 'string') {
    const whole = v.trim();
    if (DEGENERATE_WHOLE.has(whole)) {
      out.add(at(`is "${whole}"`));
      return;
    }
    const json = jsonText(whole);
    if (json !== undefined) {
      // A JSON text's nulls are values; a string inside it can still be degenerate.
      if (depth < DEGENERATE_DEPTH) collectDegenerate(json, path === '' ? '(as JSON)' : `${path} (as JSON)`, depth + 1, out);
      return;
    }
    for (const m of new Set(v.match(DEGENERATE_TOKEN) ?? [])) out.add(at(`contains "${m}"`));
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  if (types.isDate(v)) {
    if (Number.isNaN(v.getTime())) out.add(path === '' ? 'Invalid Date' : `${path} is Invalid Date`);
    return;
  }
  if (depth >= DEGENERATE_DEPTH) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) collectDegenerate(v[i], `${path}[${i}]`, depth + 1, out);
  } else if (types.isMap(v)) {
    for (const [k, x] of v) collectDegenerate(x, `${path}.get(${show(k)})`, depth + 1, out);
  } else if (types.isSet(v)) {
    // No index: Set order is not compared, so the reasons must not depend on it either.
    for (const x of v) collectDegenerate(x, `${path}[member]`, depth + 1, out);
  } else if (builtinKind(v) === 'instance') {
    // Plain objects and class instances alike: `new Money(NaN)` is as broken as `{ amount: NaN }`.
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(v)) collectDegenerate(o[k], `${path}${propertyPath(k)}`, depth + 1, out);
  }
}

/** The value of a JSON object or array text, if `text` is one. */
function jsonText(text: string): unknown {
  if (!((text.startsWith('{') && text.endsWith('}')) || (text.startsWith('[') && text.endsWith(']')))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function propertyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

const returnedOrResolved = (o: Outcome): o is Extract<Outcome, { kind: 'returned' | 'resolved' }> =>
  o.kind === 'returned' || o.kind === 'resolved';
const threwOrRejected = (o: Outcome): o is Extract<Outcome, { kind: 'threw' | 'rejected' }> => o.kind === 'threw' || o.kind === 'rejected';

/**
 * What kind of change separates two outcomes of the same inputs, worst first.
 * Precondition: `!sameOutcome(before, after)`.
 */
export function classifyDivergence(before: Outcome, after: Outcome): Divergence {
  const contrast = `after ${renderOutcome(after)} where before ${renderPast(before)}`;
  if (returnedOrResolved(before) && threwOrRejected(after)) {
    return { kind: isAccidentalError(after.error) ? 'crash' : 'throws', reason: contrast };
  }
  if (before.kind !== 'timeout' && after.kind === 'timeout') return { kind: 'timeout', reason: contrast };
  if (returnedOrResolved(before) && returnedOrResolved(after)) {
    const had = new Set(degenerateReasons(before.value));
    const fresh = degenerateReasons(after.value).filter((r) => !had.has(r));
    if (fresh.length > 0) return { kind: 'degenerate', reason: `${contrast} (${fresh.slice(0, 3).join(', ')})` };
    if (before.value !== undefined && after.value === undefined) return { kind: 'returns-undefined', reason: contrast };
  }
  if (threwOrRejected(before) && threwOrRejected(after)) {
    if (before.error.name !== after.error.name || before.error.message !== after.error.message) {
      return { kind: 'error-changed', reason: contrast };
    }
  }
  const argsDiffer = !deepEqual(before.args, after.args);
  if (argsDiffer && sameOutcome(before, { ...after, args: before.args } as Outcome)) {
    return { kind: 'argument-mutated', reason: renderArgsChange(before, after) };
  }
  return { kind: 'value', reason: argsDiffer ? `${contrast}; ${renderArgsChange(before, after)}` : contrast };
}
