// Whether two outcomes (before and after, same inputs) are the same (probe runtime, see outcome.ts).
import { types } from 'node:util';
import type { Outcome } from './outcome.js';

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
  // A null-prototype object has no `hasOwnProperty`, `toString`…: `{}` → `Object.create(null)` is
  // a change callers see (unjs/ufo 31ea74c), so the two are plain but not equal.
  if (plainA || isPlainProto(pb)) return plainA && isPlainProto(pb) && (pa === null) === (pb === null) && eqProps(a, b, memo);
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

/** Which built-in kind an object is, by its internal slots; 'instance' for anything else. */
export function builtinKind(x: object): BuiltinKind {
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
