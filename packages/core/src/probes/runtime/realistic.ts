// Whether a call's arguments lie within the ranges real data has (probe runtime, see outcome.ts).
// A regression counts at severity error only on a realistic input: a date arithmetic that overflows
// to Invalid Date in the year 275760, or a crash on NaN, is a warning that says so (docs/verdict.md).
import { types } from 'node:util';

/**
 * The realistic ranges, per type. Numbers: finite, 0 or between 1e-12 and 1e12 in magnitude (NaN,
 * ±Infinity, MAX_SAFE_INTEGER, MAX_VALUE and subnormals are extremes). Bigints: within ±2^64.
 * Dates: valid, years 1000–3000. Strings: up to 10,000 UTF-16 units. Arrays, Sets, Maps, typed
 * arrays and objects: up to 10,000 elements or keys. Values are searched recursively.
 */
export const REALISTIC = {
  maxAbsNumber: 1e12,
  minAbsNumber: 1e-12,
  maxAbsBigint: 2n ** 64n,
  minYear: 1000,
  maxYear: 3000,
  maxStringLength: 10_000,
  maxElements: 10_000,
} as const;

const MAX_REASONS = 3;

/**
 * Marks a function the probes put in place of a recorded callback whose type they cannot generate
 * (inputs.ts restoreFunctions): it returns undefined, which a real callback may never do, so what
 * the new version does with it is no evidence of a regression.
 */
export const STAND_IN = Symbol.for('patchprobe.stand-in');

/**
 * Why a sample's arguments are outside the realistic ranges, one short phrase each (at most 3);
 * empty when every value is realistic. `labels` names each top-level argument ("argument 1").
 */
export function extremesOf(values: readonly unknown[], labels: readonly string[] = values.map((_, i) => `argument ${i + 1}`)): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (v: unknown, path: string): void => {
    if (out.length >= MAX_REASONS) return;
    switch (typeof v) {
      case 'number': {
        const why = numberExtreme(v);
        if (why) out.push(`${path} is ${why}`);
        return;
      }
      case 'bigint':
        if (v > REALISTIC.maxAbsBigint || v < -REALISTIC.maxAbsBigint) out.push(`${path} is ${v}n (realistic: within ±2^64)`);
        return;
      case 'string':
        if (v.length > REALISTIC.maxStringLength) out.push(`${path} is a string of ${v.length} characters (realistic: up to ${REALISTIC.maxStringLength})`);
        return;
      case 'object':
        break;
      case 'function':
        if ((v as unknown as Record<symbol, unknown>)[STAND_IN] === true) out.push(`${path} is a stand-in for a callback whose type the probes cannot generate`);
        return;
      default:
        return;
    }
    if (v === null || seen.has(v)) return;
    seen.add(v);
    if (types.isDate(v)) {
      const t = (v as Date).getTime();
      if (Number.isNaN(t)) out.push(`${path} is an Invalid Date`);
      else {
        const year = (v as Date).getUTCFullYear();
        if (year < REALISTIC.minYear || year > REALISTIC.maxYear) out.push(`${path} is a date in the year ${year} (realistic: ${REALISTIC.minYear}–${REALISTIC.maxYear})`);
      }
      return;
    }
    const tooMany = (n: number, what: string): boolean => {
      if (n <= REALISTIC.maxElements) return false;
      out.push(`${path} has ${n} ${what} (realistic: up to ${REALISTIC.maxElements})`);
      return true;
    };
    if (types.isBoxedPrimitive(v)) return visit((v as { valueOf(): unknown }).valueOf(), path);
    if (types.isTypedArray(v)) {
      if (tooMany((v as unknown as ArrayLike<unknown>).length, 'elements')) return;
      const arr = v as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < arr.length && out.length < MAX_REASONS; i++) visit(arr[i], `${path}[${i}]`);
      return;
    }
    if (types.isAnyArrayBuffer(v) || types.isRegExp(v) || types.isPromise(v) || types.isWeakMap(v) || types.isWeakSet(v)) return;
    if (Array.isArray(v)) {
      if (tooMany(v.length, 'elements')) return;
      for (let i = 0; i < v.length && out.length < MAX_REASONS; i++) visit(v[i], `${path}[${i}]`);
      return;
    }
    if (types.isMap(v)) {
      const m = v as Map<unknown, unknown>;
      if (tooMany(m.size, 'entries')) return;
      for (const [k, x] of m) {
        visit(k, `${path} (a key)`);
        visit(x, `${path}.get(…)`);
      }
      return;
    }
    if (types.isSet(v)) {
      const s = v as Set<unknown>;
      if (tooMany(s.size, 'members')) return;
      for (const x of s) visit(x, `${path} (a member)`);
      return;
    }
    let keys: string[];
    try {
      keys = Object.keys(v);
    } catch {
      return; // a hostile proxy: nothing to judge
    }
    if (tooMany(keys.length, 'keys')) return;
    for (const k of keys) {
      let x: unknown;
      try {
        x = (v as Record<string, unknown>)[k];
      } catch {
        continue; // a throwing getter
      }
      visit(x, `${path}${/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`}`);
    }
  };
  values.forEach((v, i) => visit(v, labels[i] ?? `argument ${i + 1}`));
  return out;
}

function numberExtreme(n: number): string | undefined {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY || n === Number.NEGATIVE_INFINITY) return String(n);
  const abs = Math.abs(n);
  if (abs > REALISTIC.maxAbsNumber) return `${n} (realistic: within ±1e12)`;
  if (abs !== 0 && abs < REALISTIC.minAbsNumber) return `${n} (realistic: 0 or at least 1e-12 in magnitude)`;
  return undefined;
}
