// What one call of a probed function did, and how two such observations (before and after the
// patch, same inputs) compare. This file runs inside the target project's vitest process, loaded
// from core's dist by absolute path, so it may import only fast-check and node: builtins.
import fc from 'fast-check';
import { types } from 'node:util';

export interface ErrorInfo {
  /** Constructor name of the thrown value; `'throw' + typeof value` for a thrown non-Error. */
  name: string;
  message: string;
}

/** `args` is the call's own copy of the arguments, read after the call, so mutations show. */
export type Outcome =
  | { kind: 'returned'; value: unknown; args: unknown[] }
  | { kind: 'resolved'; value: unknown; args: unknown[] }
  | { kind: 'threw'; error: ErrorInfo; args: unknown[] }
  | { kind: 'rejected'; error: ErrorInfo; args: unknown[] }
  | { kind: 'timeout'; args: unknown[] };

export type DivergenceKind = 'crash' | 'throws' | 'degenerate' | 'returns-undefined' | 'argument-mutated' | 'timeout' | 'error-changed' | 'value';

export interface Divergence {
  kind: DivergenceKind;
  reason: string;
}

const MAX_SHOWN = 200;
// Containers below this depth are searched for degenerate values; deeper ones are the caller's data.
const DEGENERATE_DEPTH = 3;
const DEGENERATE_SUBSTRINGS = ['NaN', 'undefined', 'null', '[object Object]'];

// ---------------------------------------------------------------------------------------------
// cloneDeep

/**
 * An independent copy, so before and after each get identical inputs and neither sees the
 * other's mutations. Not structuredClone: that drops prototypes (a Cart becomes a plain object,
 * its methods vanish) and throws on functions.
 */
export function cloneDeep<T>(value: T): T {
  return (typeof value === 'object' && value !== null ? cloneObject(value, new Map()) : value) as T;
}

function cloneAny(v: unknown, seen: Map<object, unknown>): unknown {
  // Functions and symbols stay shared: they cannot be copied, and identity is what callers expect.
  return typeof v === 'object' && v !== null ? cloneObject(v, seen) : v;
}

function cloneObject(v: object, seen: Map<object, unknown>): unknown {
  const prior = seen.get(v);
  if (prior !== undefined) return prior;
  const proto: object | null = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = cloneAny(v[i], seen);
    if (proto !== Array.prototype) Object.setPrototypeOf(out, proto);
    return keepIntegrity(v, out);
  }
  if (proto === Object.prototype || proto === null) return copyProps(v, Object.create(proto) as object, seen);
  return cloneSpecial(v, proto, seen) ?? copyProps(v, Object.create(proto) as object, seen);
}

/** Built-ins whose state lives in internal slots, which copying properties would lose. */
function cloneSpecial(v: object, proto: object, seen: Map<object, unknown>): unknown {
  let out: object;
  if (types.isDate(v)) out = new Date(v.getTime());
  else if (types.isRegExp(v)) {
    const re = new RegExp(v.source, v.flags);
    re.lastIndex = v.lastIndex;
    out = re;
  } else if (types.isMap(v)) {
    const map = new Map<unknown, unknown>();
    seen.set(v, map);
    for (const [k, x] of v) map.set(cloneAny(k, seen), cloneAny(x, seen));
    out = map;
  } else if (types.isSet(v)) {
    const set = new Set<unknown>();
    seen.set(v, set);
    for (const x of v) set.add(cloneAny(x, seen));
    out = set;
  } else if (types.isArrayBuffer(v)) out = v.slice(0);
  else if (types.isDataView(v)) out = new DataView(cloneObject(v.buffer, seen) as ArrayBuffer, v.byteOffset, v.byteLength);
  else if (types.isTypedArray(v)) {
    // Through the (memoised) buffer, so views that shared memory still share it in the copy.
    const ctor = (globalThis as Record<string, unknown>)[v[Symbol.toStringTag] as string] as new (b: ArrayBufferLike, o: number, n: number) => object;
    out = new ctor(cloneObject(v.buffer, seen) as ArrayBuffer, v.byteOffset, v.length);
  } else if (types.isBoxedPrimitive(v)) out = Object((v as { valueOf(): unknown }).valueOf()) as object;
  // Their state cannot be read, let alone copied; sharing them is the only faithful option.
  else if (types.isPromise(v) || types.isWeakMap(v) || types.isWeakSet(v) || types.isProxy(v) || types.isSharedArrayBuffer(v)) return v;
  else return undefined;
  seen.set(v, out);
  // Subclasses (`class Money extends Date`, Buffer over Uint8Array) keep their methods.
  if (Object.getPrototypeOf(out) !== proto) Object.setPrototypeOf(out, proto);
  return out;
}

function copyProps(from: object, to: object, seen: Map<object, unknown>): object {
  seen.set(from, to);
  const src = from as Record<PropertyKey, unknown>;
  const dst = to as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(from)) {
    const d = Object.getOwnPropertyDescriptor(from, key);
    if (d === undefined) continue;
    if ('value' in d) {
      d.value = cloneAny(src[key], seen);
      // Plain assignment is much faster than defineProperty, but `__proto__` would set the prototype.
      if (d.writable && d.enumerable && d.configurable && key !== '__proto__') {
        dst[key] = d.value;
        continue;
      }
    }
    Object.defineProperty(to, key, d);
  }
  return keepIntegrity(from, to);
}

// A frozen input must stay frozen: code that writes to it throws, and that is behaviour to compare.
function keepIntegrity<T extends object>(from: object, to: T): T {
  if (Object.isExtensible(from)) return to;
  if (Object.isFrozen(from)) return Object.freeze(to);
  if (Object.isSealed(from)) return Object.seal(to);
  return Object.preventExtensions(to);
}

// ---------------------------------------------------------------------------------------------
// observe

const EXIT_MESSAGE = /^process\.exit\(.*\) called$/s;
let exitTraps = 0;
let realExit: typeof process.exit | undefined;

// Patched code that calls process.exit would end the whole probe run; as a thrown error it is just
// another (accidental) outcome. Counted, so overlapping async observations restore it only once.
function trapExit(): () => void {
  if (exitTraps++ === 0) {
    realExit = process.exit;
    process.exit = ((code?: unknown) => {
      throw new Error(`process.exit(${code === undefined ? '' : String(code)}) called`);
    }) as typeof process.exit;
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--exitTraps === 0 && realExit !== undefined) {
      process.exit = realExit;
      realExit = undefined;
    }
  };
}

/**
 * Calls `call` on a fresh copy of `args`. Synchronous outcomes come back as plain values, not
 * Promises: the probe runs thousands of calls per second and a microtask per call would dominate.
 */
export function observe(call: (args: unknown[]) => unknown, args: readonly unknown[], timeoutMs: number): Outcome | Promise<Outcome> {
  const copy = cloneDeep(args) as unknown[];
  const restore = trapExit();
  let result: unknown;
  let then: unknown;
  try {
    result = call(copy);
    then = typeof result === 'object' || typeof result === 'function' ? (result as { then?: unknown } | null)?.then : undefined;
  } catch (e) {
    restore();
    return { kind: 'threw', error: errorInfo(e), args: copy };
  }
  if (typeof then !== 'function') {
    restore();
    return { kind: 'returned', value: result, args: copy };
  }
  return settle(result as PromiseLike<unknown>, copy, timeoutMs, restore);
}

function settle(thenable: PromiseLike<unknown>, args: unknown[], timeoutMs: number, restore: () => void): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      restore();
      resolve(o);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', args }), timeoutMs);
    // A promise that never settles must not keep the target's test process alive.
    timer.unref();
    // Promise.resolve adopts foreign thenables and turns a throwing `then` into a rejection.
    Promise.resolve(thenable).then(
      (value) => finish({ kind: 'resolved', value, args }),
      (e: unknown) => finish({ kind: 'rejected', error: errorInfo(e), args }),
    );
  });
}

function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof Error || types.isNativeError(e)) {
    const err = e as Error;
    try {
      // The constructor name, not `.name`: a `class ValidationError extends Error` keeps name 'Error'.
      const ctor = (Object.getPrototypeOf(err) as { constructor?: unknown } | null)?.constructor;
      const name = typeof ctor === 'function' && ctor.name ? ctor.name : String(err.name);
      return { name, message: String(err.message) };
    } catch {
      // A hostile `message` getter must not turn the target's outcome into a failure of the probe.
      return { name: 'Error', message: '<unreadable message>' };
    }
  }
  return { name: `throw${typeof e}`, message: show(e) };
}

/** A thrown value that is no Error: `throw 'oops'`, `throw { code: 1 }`; its message is the value. */
export function isNonErrorThrow(e: ErrorInfo): boolean {
  return /^throw(?:string|number|bigint|boolean|symbol|undefined|object|function)$/.test(e.name);
}

// ---------------------------------------------------------------------------------------------
// deepEqual

/**
 * Structural equality across two copies of a module: classes are matched by name because the
 * before and after versions define different class objects for the same class.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  return eq(a, b, undefined);
}

type Memo = Map<object, Set<object>>;

function eq(a: unknown, b: unknown, memo: Memo | undefined): boolean {
  if (Object.is(a, b)) return true;
  const ta = typeof a;
  if (ta !== typeof b) return false;
  if (ta === 'function') {
    const fa = a as (...x: unknown[]) => unknown;
    const fb = b as (...x: unknown[]) => unknown;
    return fa.name === fb.name && fa.length === fb.length;
  }
  if (ta !== 'object' || a === null || b === null) return false;
  const oa = a as object;
  const ob = b as object;
  // A pair met again while still being compared is assumed equal, so cycles terminate; the pair
  // is dropped afterwards because a failed Set/Map match attempt must not leave it assumed.
  memo ??= new Map();
  let partners = memo.get(oa);
  if (partners?.has(ob)) return true;
  if (partners === undefined) memo.set(oa, (partners = new Set()));
  partners.add(ob);
  try {
    return eqObjects(oa, ob, memo);
  } finally {
    partners.delete(ob);
  }
}

function eqObjects(a: object, b: object, memo: Memo): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!eq(a[i], b[i], memo)) return false;
    return true;
  }
  const pa: object | null = Object.getPrototypeOf(a);
  const pb: object | null = Object.getPrototypeOf(b);
  const plainA = isPlainProto(pa);
  if (plainA || isPlainProto(pb)) return plainA && isPlainProto(pb) && eqProps(a, b, memo);
  const kind = builtinKind(a);
  if (kind !== builtinKind(b)) return false;
  switch (kind) {
    case 'date':
      return Object.is((a as Date).getTime(), (b as Date).getTime());
    case 'regexp':
      return (a as RegExp).source === (b as RegExp).source && (a as RegExp).flags === (b as RegExp).flags;
    case 'boxed':
      return Object.is((a as { valueOf(): unknown }).valueOf(), (b as { valueOf(): unknown }).valueOf());
    case 'error':
      return (
        ctorName(pa) === ctorName(pb) && (a as Error).name === (b as Error).name && (a as Error).message === (b as Error).message
      );
    case 'map':
      return eqMaps(a as Map<unknown, unknown>, b as Map<unknown, unknown>, memo);
    case 'set':
      return eqSets(a as Set<unknown>, b as Set<unknown>, memo);
    case 'typed': {
      const xa = a as unknown as ArrayLike<unknown> & { [Symbol.toStringTag]: string };
      const xb = b as unknown as ArrayLike<unknown> & { [Symbol.toStringTag]: string };
      if (xa[Symbol.toStringTag] !== xb[Symbol.toStringTag] || xa.length !== xb.length) return false;
      for (let i = 0; i < xa.length; i++) if (!Object.is(xa[i], xb[i])) return false;
      return true;
    }
    case 'bytes':
      return eqBytes(bytesOf(a), bytesOf(b));
    case 'instance':
      return ctorName(pa) === ctorName(pb) && eqProps(a, b, memo);
  }
}

type BuiltinKind = 'date' | 'regexp' | 'boxed' | 'error' | 'map' | 'set' | 'typed' | 'bytes' | 'instance';

function builtinKind(x: object): BuiltinKind {
  if (types.isDate(x)) return 'date';
  if (types.isRegExp(x)) return 'regexp';
  if (types.isMap(x)) return 'map';
  if (types.isSet(x)) return 'set';
  if (types.isTypedArray(x)) return 'typed';
  if (types.isAnyArrayBuffer(x) || types.isDataView(x)) return 'bytes';
  if (types.isBoxedPrimitive(x)) return 'boxed';
  if (x instanceof Error || types.isNativeError(x)) return 'error';
  return 'instance';
}

// Null-prototype objects and objects from another realm (whose Object.prototype differs) are plain too.
function isPlainProto(p: object | null): boolean {
  return p === null || p === Object.prototype || Object.getPrototypeOf(p) === null;
}

function ctorName(p: object | null): string {
  const c = (p as { constructor?: unknown } | null)?.constructor;
  return typeof c === 'function' ? c.name : '';
}

function enumerableKeys(o: object): PropertyKey[] {
  const keys: PropertyKey[] = Object.keys(o);
  for (const s of Object.getOwnPropertySymbols(o)) if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
  return keys;
}

function eqProps(a: object, b: object, memo: Memo): boolean {
  const ka = enumerableKeys(a);
  if (ka.length !== enumerableKeys(b).length) return false;
  const ra = a as Record<PropertyKey, unknown>;
  const rb = b as Record<PropertyKey, unknown>;
  for (const k of ka) {
    if (!Object.prototype.propertyIsEnumerable.call(b, k) || !eq(ra[k], rb[k], memo)) return false;
  }
  return true;
}

const isObjectLike = (x: unknown): x is object => (typeof x === 'object' && x !== null) || typeof x === 'function';

// Primitive keys are looked up directly; object keys need a deepEqual partner, matched greedily
// (enough because deepEqual is an equivalence: any equal partner leaves an equal remainder).
function eqMaps(a: Map<unknown, unknown>, b: Map<unknown, unknown>, memo: Memo): boolean {
  if (a.size !== b.size) return false;
  const objectKeys: unknown[] = [];
  for (const [k, v] of a) {
    if (isObjectLike(k)) objectKeys.push(k);
    else if (!b.has(k) || !eq(v, b.get(k), memo)) return false;
  }
  if (objectKeys.length === 0) return true;
  const candidates = [...b.keys()].filter(isObjectLike);
  if (candidates.length !== objectKeys.length) return false;
  return objectKeys.every((k) => takeMatch(candidates, (c) => eq(k, c, memo) && eq(a.get(k), b.get(c), memo)));
}

function eqSets(a: Set<unknown>, b: Set<unknown>, memo: Memo): boolean {
  if (a.size !== b.size) return false;
  const objectMembers: unknown[] = [];
  for (const x of a) {
    if (isObjectLike(x)) objectMembers.push(x);
    else if (!b.has(x)) return false;
  }
  if (objectMembers.length === 0) return true;
  const candidates = [...b].filter(isObjectLike);
  if (candidates.length !== objectMembers.length) return false;
  return objectMembers.every((x) => takeMatch(candidates, (c) => eq(x, c, memo)));
}

/** Removes and reports the first candidate that matches. */
function takeMatch(candidates: unknown[], matches: (c: unknown) => boolean): boolean {
  const i = candidates.findIndex(matches);
  if (i < 0) return false;
  candidates.splice(i, 1);
  return true;
}

function bytesOf(x: object): Uint8Array {
  if (types.isDataView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  return new Uint8Array(x as ArrayBuffer);
}

function eqBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Comparing and classifying

/** Same kind of ending, equal value or error, and the arguments left in equal states. */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'returned' || a.kind === 'resolved') {
    if (!deepEqual(a.value, (b as typeof a).value)) return false;
  } else if (a.kind === 'threw' || a.kind === 'rejected') {
    const e = (b as typeof a).error;
    if (a.error.name !== e.name || a.error.message !== e.message) return false;
  }
  return deepEqual(a.args, b.args);
}

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
    for (const s of DEGENERATE_SUBSTRINGS) if (v.includes(s)) out.add(at(`contains "${s}"`));
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

// ---------------------------------------------------------------------------------------------
// Rendering

/** `returns "a-b"`, `resolves 3`, `throws TypeError: x is not a function`, `never settles (timeout)`. */
export function renderOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'returned':
      return `returns ${show(o.value)}`;
    case 'resolved':
      return `resolves ${show(o.value)}`;
    case 'threw':
      return `throws ${renderError(o.error)}`;
    case 'rejected':
      return `rejects ${renderError(o.error)}`;
    case 'timeout':
      return 'never settles (timeout)';
  }
}

function renderPast(o: Outcome): string {
  switch (o.kind) {
    case 'returned':
      return `returned ${show(o.value)}`;
    case 'resolved':
      return `resolved ${show(o.value)}`;
    case 'threw':
      return `threw ${renderError(o.error)}`;
    case 'rejected':
      return `rejected ${renderError(o.error)}`;
    case 'timeout':
      return 'never settled (timeout)';
  }
}

// A thrown non-Error has no name worth showing; its message already is the value (`throws "oops"`).
function renderError(e: ErrorInfo): string {
  if (isNonErrorThrow(e)) return e.message;
  return e.message === '' ? e.name : `${e.name}: ${e.message}`;
}

/** The first argument the two calls left in different states, e.g. `after leaves argument 1 as [3,2,1] where before left it as [1,2,3]`. */
export function renderArgsChange(before: Outcome, after: Outcome): string {
  const n = Math.max(before.args.length, after.args.length);
  for (let i = 0; i < n; i++) {
    if (!deepEqual(before.args[i], after.args[i])) {
      return `after leaves argument ${i + 1} as ${show(after.args[i])} where before left it as ${show(before.args[i])}`;
    }
  }
  return 'the arguments are left in the same state';
}

/** `slugify("Ä b")`; pass `maxArgLength: Infinity` when the text must stay valid code. */
export function renderCall(callee: string, args: readonly unknown[], maxArgLength = MAX_SHOWN): string {
  return `${callee}(${args.map((a) => show(a, maxArgLength)).join(', ')})`;
}

function show(v: unknown, max = MAX_SHOWN): string {
  let s: string;
  try {
    s = fc.stringify(v);
  } catch {
    // A getter or proxy trap that throws while printing must not hide the outcome itself.
    s = `<unprintable ${typeof v}>`;
  }
  return truncate(s, max);
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  // Never cut a surrogate pair in half: the lone half would print as a replacement character.
  const end = /[\uD800-\uDBFF]/.test(s.charAt(max - 1)) ? max - 1 : max;
  return `${s.slice(0, end)}…`;
}
