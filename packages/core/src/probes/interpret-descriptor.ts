import fc from 'fast-check';
import type { ConstantValue, Descriptor, ParameterDescriptor, RecordProp } from './arbitrary-descriptor.js';
import { numberNeighbours, realisticNumbers, recordedShapedStrings } from './realistic-values.js';
import { REALISTIC } from './runtime/realistic.js';

export interface InterpretContext {
  /** Builds a class instance; only the probe can import the class (from `module`, before or after copy). */
  construct?: (className: string, args: unknown[], module?: string) => unknown;
  /**
   * Only values within the realistic ranges (runtime/realistic.ts): no NaN, ±Infinity, huge or
   * subnormal numbers, dates outside the years 1000–3000 or Invalid Date, huge bigints. The
   * second search for a counterexample real data could produce.
   */
  realistic?: boolean;
  /** Strings and numbers the suite passed to the probed function: their neighbours and recombinations are drawn often (realistic-values.ts). */
  recorded?: { strings: readonly string[]; numbers: readonly number[] };
}

/** Thrown for descriptors that cannot produce values: the probe reports the function as inconclusive. */
export class UnsupportedDescriptorError extends Error {
  override name = 'UnsupportedDescriptorError';
}

// Bias rarely produces these from fc.double(); they are where before/after versions tend to differ.
const SPECIAL_NUMBERS = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER];
const SPECIAL_STRINGS = ['', ' ', '\t\n', 'Ä', '😀', 'e\u0301', '0', '-1'];
const SMALL_BIGINT = { min: -1000n, max: 1000n };
/** Epoch milliseconds of the dates drawn on their own: Invalid Date, the last and first there are, 1970. */
const SPECIAL_DATES = [Number.NaN, 8.64e15, -8.64e15, 0];
/** Registered, so that both versions, the report and a pasted test see the same symbols. */
const SYMBOLS = [Symbol.for('a'), Symbol.for('b'), Symbol.for('key')];
/**
 * What `unknown` and `any` parameters most often get in real calls, drawn a quarter of the time
 * before fast-check's anything: radashi's `isEmpty(1n)` was true and became false, found among
 * random values only when no recorded call took part of the runs. Built per call: the probe
 * copies arguments, but a shared instance could still carry state between draws.
 */
const everyday = (): unknown[] => [0, 1, -1, 0.5, Number.NaN, '', ' ', 'a', '0', true, false, null, undefined, 0n, 1n, -1n, [], [0], [''], {}, { a: 1 }, Object.create(null), new Map(), new Set(), new Date(0)];
// The realistic ranges (runtime/realistic.ts), as generators.
const REALISTIC_INT = REALISTIC.maxAbsNumber;
const REALISTIC_BIGINT = { min: -REALISTIC.maxAbsBigint, max: REALISTIC.maxAbsBigint };
const REALISTIC_DATES = {
  min: new Date(Date.UTC(REALISTIC.minYear, 0, 1)),
  max: new Date(Date.UTC(REALISTIC.maxYear, 11, 31, 23, 59, 59, 999)),
};

/** Doubles of realistic magnitude: 0, or between 1e-12 and 1e12 either sign. */
function realisticDouble(): fc.Arbitrary<number> {
  const { minAbsNumber: lo, maxAbsNumber: hi } = REALISTIC;
  return fc.oneof(fc.double({ min: lo, max: hi, noNaN: true }), fc.double({ min: -hi, max: -lo, noNaN: true }));
}

/** The fast-check arbitrary a descriptor stands for. */
export function toArbitrary(d: Descriptor, ctx: InterpretContext = {}): fc.Arbitrary<unknown> {
  const sub = (x: Descriptor) => toArbitrary(x, ctx);
  switch (d.kind) {
    case 'number': {
      // Realistic values first (boundaries, small integers, two-decimal amounts, the recorded
      // numbers' neighbours), then the full range and its special values.
      const near = nearRecorded(ctx);
      const common = [{ arbitrary: realisticNumbers(), weight: 4 }, ...(near ? [{ arbitrary: near, weight: 2 }] : [])];
      if (ctx.realistic) return fc.oneof(...common, { arbitrary: fc.integer({ min: -1000, max: 1000 }), weight: 1 }, { arbitrary: realisticDouble(), weight: 1 }, { arbitrary: fc.constantFrom(0, -0), weight: 1 });
      return fc.oneof(...common, { arbitrary: fc.integer({ min: -1000, max: 1000 }), weight: 1 }, { arbitrary: fc.double(), weight: 2 }, { arbitrary: fc.constantFrom(...SPECIAL_NUMBERS), weight: 1 });
    }
    case 'integer':
      if (ctx.realistic) return fc.integer({ min: Math.max(d.min ?? -1000, -REALISTIC_INT), max: Math.min(d.max ?? 1000, REALISTIC_INT) });
      return fc.integer({ min: d.min ?? -1000, max: d.max ?? 1000 });
    case 'bigint':
      return fc.oneof(fc.bigInt(SMALL_BIGINT), ctx.realistic ? fc.bigInt(REALISTIC_BIGINT) : fc.bigInt());
    case 'symbol':
      return fc.constantFrom(...SYMBOLS);
    case 'string':
      return strings(d.maxLength, ctx);
    case 'boolean':
      return fc.boolean();
    case 'constant':
      return fc.constant(decodeConstant(d.value));
    case 'enum':
      return fc.constantFrom(...nonEmpty(d.values, `enum ${d.name} has no values`));
    case 'oneof':
      return fc.oneof(...nonEmpty(d.options, 'oneof without options').map(sub));
    case 'array':
      return fc.array(sub(d.item), { maxLength: d.maxLength });
    case 'tuple':
      return fc.tuple(...d.items.map(sub));
    case 'record':
      return record(d.props, ctx);
    case 'dictionary':
      return fc.dictionary(d.key === 'string' ? fc.string({ maxLength: 8 }) : fc.integer({ min: -100, max: 100 }).map(String), sub(d.value), {
        maxKeys: 5,
      });
    case 'map':
      return fc.array(fc.tuple(sub(d.key), sub(d.value)), { maxLength: 5 }).map((entries) => new Map(entries));
    case 'set':
      return fc.array(sub(d.item), { maxLength: 5 }).map((items) => new Set(items));
    case 'date': {
      // Dates within realistic years first; then the full range (year 275760); then the special
      // ones on their own, a fresh instance each time: the Invalid Date (fc.date() gives it once in
      // about 1,700 draws, and it is what validation fixes are about: cookie-es 1a69d74 rejects it
      // now, and 50,000 probe runs never tried it), the first and last dates there are, and 1970.
      const realistic = fc.date({ min: REALISTIC_DATES.min, max: REALISTIC_DATES.max, noInvalidDate: true });
      if (ctx.realistic) return realistic;
      const special = fc.constantFrom(...SPECIAL_DATES).map((t) => new Date(t));
      return fc.oneof({ arbitrary: realistic, weight: 5 }, { arbitrary: fc.date({ noInvalidDate: true }), weight: 2 }, { arbitrary: special, weight: 1 });
    }
    case 'func': {
      const f = fc.func(sub(d.returns));
      return d.arity === undefined ? f : f.map((fn) => withArity(fn, d.arity ?? 0));
    }
    case 'promise':
      return sub(d.value).map((v) => Promise.resolve(v));
    case 'instance':
      return instance(d.className, d.module, d.args.map(sub), ctx);
    case 'anything':
      // Null-prototype objects, Maps, Sets, Dates and typed arrays too: what `unknown` takes in real
      // calls (remeda f0d9bf8c fixed isDeepEqual for null-prototype objects).
      return fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: everyday().length - 1 }).map((i) => everyday()[i]), weight: 1 },
        { arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withBigInt: true }), weight: 3 },
      );
    case 'unsupported':
      throw new UnsupportedDescriptorError(d.reason);
  }
}

/** One call's arguments: optional parameters may be undefined, a rest parameter's elements are spread. */
export function argsArbitrary(params: readonly ParameterDescriptor[], ctx: InterpretContext = {}): fc.Arbitrary<unknown[]> {
  const fixed = params.filter((p) => !p.rest);
  const rest = params.find((p) => p.rest);
  const parts = fixed.map((p) => {
    const arb = toArbitrary(p.descriptor, ctx);
    return p.optional ? fc.option(arb, { nil: undefined }) : arb;
  });
  const restArb = rest ? toArbitrary(rest.descriptor, ctx) : fc.constant([]);
  return fc.tuple(fc.tuple(...parts), restArb).map(([head, tail]) => [...head, ...(Array.isArray(tail) ? tail : [])]);
}

export function decodeConstant(v: ConstantValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  return 'bigint' in v ? BigInt(v.bigint) : undefined;
}

// Text code is usually about word boundaries, case and whitespace: strings drawn from a small
// alphabet of exactly those (mixed with letters) hit `"a\nb"` or `"Ä b"` in tens of runs, where
// uniformly random characters take thousands.
const TEXT_UNITS = [' ', ' ', '\t', '\n', '\r\n', '\u00a0', 'a', 'b', 'Z', '0', '7', '-', '_', '.', ',', '/', 'Ä', 'é', 'e\u0301', 'ß', 'İ', '😀'];

function strings(maxLength: number, ctx: InterpretContext): fc.Arbitrary<string> {
  // Strings in the shape of those the suite passes (version-, query-, path-shaped…) come first.
  const shaped = ctx.recorded ? recordedShapedStrings(ctx.recorded.strings, maxLength) : undefined;
  return fc.oneof(
    ...(shaped ? [{ arbitrary: shaped, weight: 3 }] : []),
    { arbitrary: fc.string({ unit: fc.constantFrom(...TEXT_UNITS), maxLength }), weight: 1 },
    { arbitrary: fc.string({ maxLength }), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength }), weight: 1 },
    { arbitrary: fc.constantFrom(...SPECIAL_STRINGS.filter((s) => [...s].length <= maxLength)), weight: 1 },
  );
}

/** The recorded numbers and their neighbours (±0.01, ±1, ±1 ulp); undefined without recorded numbers. */
function nearRecorded(ctx: InterpretContext): fc.Arbitrary<number> | undefined {
  const numbers = ctx.recorded?.numbers ?? [];
  const near = [...new Set(numbers.flatMap((n) => [n, ...numberNeighbours(n)]))].filter((n) => !ctx.realistic || n === 0 || (Math.abs(n) >= REALISTIC.minAbsNumber && Math.abs(n) <= REALISTIC.maxAbsNumber));
  return near.length > 0 ? fc.constantFrom(...near) : undefined;
}

function record(props: readonly RecordProp[], ctx: InterpretContext): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of props) model[p.name] = toArbitrary(p.value, ctx);
  const requiredKeys = props.filter((p) => !p.optional).map((p) => p.name);
  return fc.record(model, { requiredKeys });
}

function instance(className: string, module: string | undefined, args: fc.Arbitrary<unknown>[], ctx: InterpretContext): fc.Arbitrary<unknown> {
  const construct = ctx.construct;
  if (!construct) throw new UnsupportedDescriptorError(`no constructor available for class ${className}`);
  return fc.tuple(...args).map((values) => construct(className, values, module));
}

function nonEmpty<T>(items: readonly T[], reason: string): [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new UnsupportedDescriptorError(reason);
  return [first, ...rest];
}

/**
 * `fn` reading only its first `arity` arguments: a generated function otherwise answers by every
 * argument it gets, so `array.map(toKey)` (index and array passed too) and `toKey(item)` would
 * disagree where no callback written to `(item) => key` does (radashi d8f72812). Printed as `fn`.
 */
function withArity<T>(fn: (...args: never[]) => T, arity: number): (...args: unknown[]) => T {
  const call = fn as unknown as (...a: unknown[]) => T;
  const wrapped = function (this: unknown, ...args: unknown[]): T {
    return call.apply(this, args.slice(0, arity));
  };
  Object.defineProperty(wrapped, fc.toStringMethod, { value: () => fc.stringify(fn) });
  return wrapped;
}
