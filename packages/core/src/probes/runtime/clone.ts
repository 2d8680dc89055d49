// Independent copies of a call's arguments (probe runtime: node: builtins only, see outcome.ts).
import { types } from 'node:util';

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
