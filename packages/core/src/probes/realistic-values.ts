// Values real callers pass, tried before fast-check's full range. fast-check's doubles are almost
// all huge or tiny, where a rounding change agrees with the old code; a price like 19.99 (×100 =
// 1998.9999…) is where Math.round and Math.trunc part. Random strings are never version-shaped or
// query-shaped; the strings the tests pass are, and so are their recombinations. (Issue 17, item 1.)
import fc from 'fast-check';

/** Numbers people write and code is written around: boundaries, a classic float sum, amounts. */
export const COMMON_NUMBERS: readonly number[] = [0, 1, -1, 2, 0.5, 0.1 + 0.2, 0.01, 0.99, 1.5, 2.5, 1.005, 10, 100, 1000, 19.99, 99.99, 1e6];

/** Boundaries first, then small integers and two-decimal amounts (money, percentages, measures). */
export function realisticNumbers(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(...COMMON_NUMBERS),
    fc.integer({ min: -100, max: 100 }),
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => cents / 100),
  );
}

const view = new DataView(new ArrayBuffer(8));
/** The next double after `x` towards +∞ (`dir` 1) or −∞ (`dir` -1). */
export function adjacentDouble(x: number, dir: 1 | -1): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return dir * Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, (x > 0) === (dir > 0) ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** Values next to a recorded number: ±0.01 and ±1 (an amount a cent or a unit off), the adjacent doubles. */
export function numberNeighbours(x: number): number[] {
  if (!Number.isFinite(x)) return [];
  const cents = (n: number): number => Math.round(n * 100) / 100;
  // A whole number is most often a count, a size or an index: its whole neighbours read as calls
  // someone writes (`chunk(items, 3)`, not `chunk(items, 1.99)`); an amount's cents come first.
  const near = Number.isInteger(x) ? [x - 1, x + 1, cents(x - 0.01), cents(x + 0.01)] : [cents(x - 0.01), cents(x + 0.01), x - 1, x + 1];
  return unique([...near, adjacentDouble(x, -1), adjacentDouble(x, 1)].filter((n) => n !== x));
}

/** Characters strings are commonly split on: a value after a second `=` or a pre-release after `-`. */
const DELIMITERS = '=&.-/:,;_@#?+| ';

/** A string as runs of letters, of digits, of other characters, and single delimiters: 'a=b&c1' → ['a', '=', 'b', '&', 'c', '1']. */
export function segments(s: string): string[] {
  const out: string[] = [];
  const kind = (c: string): string => (DELIMITERS.includes(c) ? `d${c}` : /\p{L}/u.test(c) ? 'l' : /\p{Nd}/u.test(c) ? 'n' : 'o');
  let current = '';
  let currentKind = '';
  for (const c of s) {
    const k = kind(c);
    if (current !== '' && (k !== currentKind || k.startsWith('d'))) {
      out.push(current);
      current = '';
    }
    current += c;
    currentKind = k;
  }
  if (current !== '') out.push(current);
  return out;
}

const isDelimiter = (seg: string): boolean => seg.length === 1 && DELIMITERS.includes(seg);

/**
 * Strings in the shape of a recorded one: a segment dropped or doubled, a delimiter it contains put
 * in a new place (a value that itself holds `=`), padding, another case. At most `max`.
 */
export function stringVariants(s: string, max = 12): string[] {
  const segs = segments(s);
  const out: string[] = [];
  const delimiters = unique(segs.filter(isDelimiter));
  const words = segs.map((seg, i) => [seg, i] as const).filter(([seg]) => !isDelimiter(seg));
  // A delimiter the string uses, inside its last word and after it: 'k=v' → 'k=v=v', 'k=v=' …
  for (const d of delimiters) {
    const last = words.at(-1);
    if (last) {
      out.push(`${s}${d}${last[0]}`);
      if (last[0].length > 1) out.push(`${segs.slice(0, last[1]).join('')}${last[0].slice(0, 1)}${d}${last[0].slice(1)}${segs.slice(last[1] + 1).join('')}`);
    }
    out.push(`${s}${d}`, `${d}${s}`);
  }
  for (const [, i] of words) {
    out.push([...segs.slice(0, i), ...segs.slice(i + 1)].join(''));
    out.push([...segs.slice(0, i + 1), ...segs.slice(i)].join(''));
  }
  out.push(` ${s} `, s.toUpperCase(), s.toLowerCase(), '');
  return unique(out.filter((v) => v !== s)).slice(0, max);
}

/** Random strings built from the recorded ones' segments (1 to 5 of them), for the random search. */
export function recordedShapedStrings(recorded: readonly string[], maxLength: number): fc.Arbitrary<string> | undefined {
  const pool = unique(recorded.flatMap(segments));
  if (pool.length === 0) return undefined;
  const variants = unique(recorded.flatMap((s) => [s, ...stringVariants(s)])).filter((s) => [...s].length <= maxLength);
  const joined = fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')).filter((s) => [...s].length <= maxLength);
  return variants.length > 0 ? fc.oneof(fc.constantFrom(...variants), joined) : joined;
}

/** The strings and finite numbers in recorded calls, top-level and one level into arrays and plain objects. */
export function recordedPrimitives(recorded: readonly unknown[][]): { strings: string[]; numbers: number[] } {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const visit = (v: unknown, depth: number): void => {
    if (typeof v === 'string') strings.add(v);
    else if (typeof v === 'number' && Number.isFinite(v)) numbers.add(v);
    else if (depth > 0 && Array.isArray(v)) for (const x of v.slice(0, 20)) visit(x, depth - 1);
    else if (depth > 0 && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) for (const x of Object.values(v).slice(0, 20)) visit(x, depth - 1);
  };
  for (const call of recorded) for (const a of call) visit(a, 1);
  return { strings: [...strings].slice(0, 50), numbers: [...numbers].slice(0, 50) };
}

/**
 * Calls built from the recorded ones, tried in this order before any random one: an argument taken
 * from another recorded call (the divergence of a version comparator needs ('1.0.0', '1.0.0-rc.1'),
 * two strings the tests pass in separate calls), then one argument replaced by a literal of the
 * patch's changed lines (or a neighbour of a number there), then one argument moved to a neighbour
 * of its number or a variant of its string. Round-robin over the recorded calls, so that `max`
 * keeps some of each; duplicates removed.
 */
export function realisticCalls(recorded: readonly unknown[][], max: number, literals?: { numbers: readonly number[]; strings: readonly string[] }): unknown[][] {
  if (max <= 0 || recorded.length === 0) return [];
  const crossed: unknown[][][] = recorded.map((a) =>
    recorded.flatMap((b) => (b === a || b.length !== a.length ? [] : a.flatMap((v, i) => (sameValue(v, b[i]) ? [] : [withArg(a, i, b[i])])))),
  );
  // The patch's own literals in place of an argument of the same type: a moved threshold
  // (`FREE_SHIPPING_FROM = 50` → `60`) diverges only between its two values.
  const literalNumbers = unique((literals?.numbers ?? []).flatMap((n) => [n, ...numberNeighbours(n)]));
  const fromPatch: unknown[][][] = recorded.map((a) =>
    a.flatMap((v, i) => (typeof v === 'number' ? literalNumbers : typeof v === 'string' ? (literals?.strings ?? []) : []).map((x) => withArg(a, i, x))),
  );
  const moved: unknown[][][] = recorded.map((a) =>
    a.flatMap((v, i) => (typeof v === 'number' ? numberNeighbours(v) : typeof v === 'string' ? stringVariants(v, 6) : []).map((x) => withArg(a, i, x))),
  );
  const out: unknown[][] = [];
  const seen = new Set(recorded.map(key));
  for (const lists of [crossed, fromPatch, moved]) {
    for (let round = 0; out.length < max && lists.some((l) => l.length > round); round++) {
      for (const list of lists) {
        const call = list[round];
        if (call === undefined || out.length >= max) continue;
        const k = key(call);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(call);
        }
      }
    }
  }
  return out;
}

/** A copy of a call with argument `i` replaced. */
export const withArg = (call: readonly unknown[], i: number, v: unknown): unknown[] => {
  const copy = [...call];
  copy[i] = v;
  return copy;
};

const sameValue = (a: unknown, b: unknown): boolean => Object.is(a, b) || key([a]) === key([b]);

function key(call: readonly unknown[]): string {
  try {
    return fc.stringify(call);
  } catch {
    return String(Math.random());
  }
}

function unique<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = typeof x === 'number' ? String(Object.is(x, -0) ? '-0' : x) : String(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Values of the same shape as `value`: a number becomes another realistic number, a string one of
 * the recorded shape, an array an array of its elements' shapes, an object the same keys (and the
 * same prototype when it has none) with values of their shapes. What a variadic
 * `(...args: unknown[])` dispatcher (remeda's `purry`) needs: its parameter types say nothing, the
 * calls the tests make say what it takes. Functions and class instances stay as they are.
 */
export function shapeOf(value: unknown, number: fc.Arbitrary<number>, string: fc.Arbitrary<string>, depth = 2): fc.Arbitrary<unknown> {
  if (typeof value === 'number') return number;
  if (typeof value === 'string') return string;
  if (typeof value === 'boolean') return fc.boolean();
  if (typeof value === 'bigint') return fc.bigInt({ min: -1000n, max: 1000n });
  if (value === null || value === undefined || typeof value !== 'object' || depth === 0) return fc.constant(value);
  if (value instanceof Date) return fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true });
  const sub = (v: unknown): fc.Arbitrary<unknown> => shapeOf(v, number, string, depth - 1);
  if (Array.isArray(value)) {
    const items = value.slice(0, 3).map(sub);
    const [first, ...rest] = items;
    return first ? fc.array(fc.oneof(first, ...rest), { maxLength: Math.max(5, value.length) }) : fc.constant([]);
  }
  if (value instanceof Map) return fc.constant(value);
  if (value instanceof Set) return fc.constant(value);
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== null && proto !== Object.prototype) return fc.constant(value);
  const entries = Object.entries(value).slice(0, 10);
  const model = Object.fromEntries(entries.map(([k, v]) => [k, sub(v)]));
  const keys = entries.map(([k]) => k);
  return fc.record(model, { requiredKeys: keys }).map((o) => (proto === null ? Object.assign(Object.create(null) as object, o) : o));
}
