import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyDivergence, degenerateReasons, isAccidentalError } from '../../src/probes/runtime/classify.js';
import { cloneDeep } from '../../src/probes/runtime/clone.js';
import { deepEqual, sameOutcome } from '../../src/probes/runtime/compare.js';
import { observe } from '../../src/probes/runtime/observe.js';
import type { ErrorInfo, Outcome } from '../../src/probes/runtime/outcome.js';
import { renderArgsChange, renderCall, renderOutcome } from '../../src/probes/runtime/render.js';
import { cpuMs, scaledMs } from '@patchprobe/test-utils';

// Before and after load two copies of the same module: same class names, different class objects.
function pointClass() {
  return class Point {
    x: number;
    constructor(x: number) {
      this.x = x;
    }
    double(): number {
      return this.x * 2;
    }
  };
}
const PointA = pointClass();
const PointB = pointClass();
class Other {
  x = 1;
}

const returned = (value: unknown, args: unknown[] = []): Outcome => ({ kind: 'returned', value, args });
const resolved = (value: unknown, args: unknown[] = []): Outcome => ({ kind: 'resolved', value, args });
const threw = (name: string, message: string, args: unknown[] = []): Outcome => ({ kind: 'threw', error: { name, message }, args });
const rejected = (name: string, message: string, args: unknown[] = []): Outcome => ({ kind: 'rejected', error: { name, message }, args });
const timeout = (args: unknown[] = []): Outcome => ({ kind: 'timeout', args });

async function settled<T>(x: T | Promise<T>): Promise<T> {
  return x;
}

describe(cloneDeep.name, () => {
  it('copies arrays (length and holes kept) and plain objects independently', () => {
    const input = { list: [1, , { deep: [2] }], name: 'x' };
    const copy = cloneDeep(input);
    expect(copy).toEqual(input);
    expect(copy.list).toHaveLength(3);
    expect(1 in copy.list).toBe(false);
    (copy.list[2] as { deep: number[] }).deep.push(3);
    copy.name = 'y';
    expect(input).toEqual({ list: [1, undefined, { deep: [2] }], name: 'x' });
  });

  it('keeps class instances working: prototype, accessors, non-enumerable and readonly properties', () => {
    const p = new PointA(3);
    Object.defineProperty(p, 'hidden', { value: { n: 1 }, enumerable: false, writable: false });
    Object.defineProperty(p, 'twice', { get(this: { x: number }) { return this.x * 2; }, enumerable: true });
    const copy = cloneDeep(p);
    expect(copy).not.toBe(p);
    expect(Object.getPrototypeOf(copy)).toBe(PointA.prototype);
    expect(copy.double()).toBe(6);
    copy.x = 10;
    expect((copy as unknown as { twice: number }).twice).toBe(20);
    expect(p.x).toBe(3);
    const hidden = Object.getOwnPropertyDescriptor(copy, 'hidden');
    expect(hidden).toMatchObject({ value: { n: 1 }, enumerable: false, writable: false });
    expect(hidden?.value).not.toBe(Object.getOwnPropertyDescriptor(p, 'hidden')?.value);
  });

  it('copies Map, Set, Date, RegExp, typed arrays, ArrayBuffer, DataView and boxed primitives', () => {
    const key = { k: 1 };
    const re = /a+/gi;
    re.lastIndex = 2;
    const bytes = new Uint8Array([1, 2, 3]);
    const input = {
      map: new Map<unknown, unknown>([[key, [1]], ['s', new Set([1, { v: 2 }])]]),
      date: new Date(5),
      re,
      floats: new Float64Array([1.5, -0]),
      bytes,
      sameBuffer: new Uint8Array(bytes.buffer, 1, 2),
      buf: new ArrayBuffer(4),
      view: new DataView(new ArrayBuffer(2)),
      boxed: [new Number(1), new String('s'), new Boolean(false), Object(2n) as object],
      node: Buffer.from('hi'),
    };
    const copy = cloneDeep(input);
    expect(copy).toEqual(input);
    expect(copy.map).not.toBe(input.map);
    expect([...copy.map.keys()][0]).not.toBe(key);
    expect(copy.date).not.toBe(input.date);
    expect(copy.date.getTime()).toBe(5);
    expect(copy.re).not.toBe(re);
    expect([copy.re.source, copy.re.flags, copy.re.lastIndex]).toEqual(['a+', 'gi', 2]);
    expect(copy.floats).toBeInstanceOf(Float64Array);
    expect(Object.is(copy.floats[1], -0)).toBe(true);
    copy.bytes[1] = 9;
    expect(bytes[1]).toBe(2);
    // Views over one buffer still share it in the copy.
    expect(copy.sameBuffer[0]).toBe(9);
    expect(copy.buf).not.toBe(input.buf);
    expect(copy.view.buffer).not.toBe(input.view.buffer);
    expect(copy.boxed.map((b) => typeof b)).toEqual(['object', 'object', 'object', 'object']);
    expect(copy.boxed.map((b) => b.valueOf())).toEqual([1, 's', false, 2n]);
    expect(copy.boxed[0]).not.toBe(input.boxed[0]);
    expect(Buffer.isBuffer(copy.node)).toBe(true);
    expect(copy.node.toString()).toBe('hi');
  });

  it('shares functions and symbols, preserves cycles and shared references', () => {
    const fn = (x: number) => x;
    const sym = Symbol('s');
    const shared = { n: 1 };
    const node: Record<string, unknown> = { fn, sym, a: shared, b: shared };
    node['self'] = node;
    const copy = cloneDeep(node);
    expect(copy['fn']).toBe(fn);
    expect(copy['sym']).toBe(sym);
    expect(copy['self']).toBe(copy);
    expect(copy['a']).toBe(copy['b']);
    expect(copy['a']).not.toBe(shared);
  });

  it('copies Set members and keeps Array subclasses', () => {
    class Stack<T> extends Array<T> {
      peek(): T | undefined {
        return this[this.length - 1];
      }
    }
    const stack = Stack.from([1, 2]) as Stack<number>;
    const set = new Set([{ n: 1 }]);
    const copy = cloneDeep({ stack, set });
    expect(copy.stack).toBeInstanceOf(Stack);
    expect(copy.stack.peek()).toBe(2);
    for (const member of copy.set) member.n = 2;
    expect([...set]).toEqual([{ n: 1 }]);
  });

  it('keeps frozen inputs frozen, null prototypes and an own __proto__ key', () => {
    const frozen = Object.freeze({ a: Object.freeze([1]) });
    const copy = cloneDeep(frozen);
    expect(Object.isFrozen(copy)).toBe(true);
    expect(Object.isFrozen(copy.a)).toBe(true);
    const bare = Object.create(null) as Record<string, unknown>;
    bare['x'] = 1;
    expect(Object.getPrototypeOf(cloneDeep(bare))).toBeNull();
    const tricky = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const trickyCopy = cloneDeep(tricky);
    expect(Object.getPrototypeOf(trickyCopy)).toBe(Object.prototype);
    expect(Object.keys(trickyCopy)).toEqual(['__proto__']);
  });
});

describe(observe.name, () => {
  const realExit = process.exit;
  afterEach(() => {
    vi.useRealTimers();
    expect(process.exit).toBe(realExit);
  });

  it('returns synchronous outcomes directly, not as a Promise', () => {
    const o = observe(([a, b]) => (a as number) + (b as number), [1, 2], 50);
    expect(o).not.toBeInstanceOf(Promise);
    expect(o).toEqual({ kind: 'returned', value: 3, args: [1, 2] });
  });

  it('calls on a copy and reports the copy after the call, so mutations show and the input stays', () => {
    const input = [[3, 1, 2]];
    const o = observe(([xs]) => (xs as number[]).sort(), input, 50);
    expect(o).toEqual({ kind: 'returned', value: [1, 2, 3], args: [[1, 2, 3]] });
    expect(input).toEqual([[3, 1, 2]]);
  });

  it('names thrown errors by constructor, and thrown non-Errors by their type', () => {
    class ValidationError extends Error {}
    expect(observe(() => { throw new ValidationError('bad'); }, [], 50)).toEqual(threw('ValidationError', 'bad'));
    expect(observe(() => (undefined as unknown as () => void)(), [], 50)).toMatchObject({ kind: 'threw', error: { name: 'TypeError' } });
    expect(observe(() => { throw 'oops'; }, [], 50)).toEqual(threw('throwstring', '"oops"'));
    expect(observe(() => { throw { code: 1 }; }, [], 50)).toEqual(threw('throwobject', '{"code":1}'));
    const hostile = new Error();
    Object.defineProperty(hostile, 'message', {
      get() {
        throw new Error('gotcha');
      },
    });
    expect(observe(() => { throw hostile; }, [], 50)).toEqual(threw('Error', '<unreadable message>'));
  });

  it('awaits a resolving promise', async () => {
    const o = observe(async ([x]) => (x as number) * 2, [21], 50);
    expect(o).toBeInstanceOf(Promise);
    expect(await o).toEqual(resolved(42, [21]));
  });

  it('awaits a rejecting promise and a foreign thenable', async () => {
    expect(await observe(async () => { throw new RangeError('no'); }, [], 50)).toEqual(rejected('RangeError', 'no'));
    const thenable = { then: (ok: (v: unknown) => void) => ok('done') };
    expect(await observe(() => thenable, [], 50)).toEqual(resolved('done'));
    const broken = {
      then() {
        throw new Error('bad then');
      },
    };
    expect(await observe(() => broken, [], 50)).toEqual(rejected('Error', 'bad then'));
  });

  it('reads what a returned generator yields, sync at once and async within the timeout', async () => {
    const sync = observe(() => (function* () { yield 1; yield 2; })(), [], 50) as Outcome;
    expect(sync).toMatchObject({ kind: 'returned', value: { items: [1, 2], complete: true, async: false } });
    expect(renderOutcome(sync)).toBe('returns a generator yielding [1,2]');
    const later = observe(() => (async function* () { yield 'a'; })(), [], 50);
    expect(later).toBeInstanceOf(Promise);
    const o = await later;
    expect(o).toMatchObject({ kind: 'returned', value: { items: ['a'], complete: true, async: true } });
    expect(renderOutcome(o)).toBe('returns an async generator yielding ["a"]');
    // A rejection while reading it is marked, so a pasteable test reads the generator, not awaits it.
    expect(await observe(() => (async function* () { yield 1; throw new TypeError('gone'); })(), [], 50)).toMatchObject({ kind: 'rejected', error: { name: 'TypeError', message: 'gone' }, iterated: true });
    // An endless one stops within the timeout, like a promise that never settles.
    expect(await observe(() => (async function* () { for (;;) await new Promise(() => {}); })(), [], 30)).toMatchObject({ kind: 'timeout' });
  });

  it('gives up on a promise that does not settle within the timeout', async () => {
    const start = Date.now();
    expect(await observe(() => new Promise(() => {}), ['x'], 50)).toEqual(timeout(['x']));
    expect(Date.now() - start).toBeLessThan(scaledMs(1000));
  });

  it('does not let its timer keep the process alive', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const o = observe(() => new Promise(() => {}), [], 20);
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    spy.mockRestore();
    expect(timer.hasRef()).toBe(false);
    expect(await o).toEqual(timeout());
  });

  it('clears its timer once the promise settles', async () => {
    vi.useFakeTimers();
    const o = observe(() => Promise.resolve(1), [], 10_000);
    expect(vi.getTimerCount()).toBe(1);
    expect(await o).toEqual(resolved(1));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('turns process.exit into an accidental throw and restores process.exit', () => {
    const o = observe(() => process.exit(3), [], 50);
    expect(o).toEqual(threw('Error', 'process.exit(3) called'));
    expect(isAccidentalError((o as { error: ErrorInfo }).error)).toBe(true);
    expect(process.exit).toBe(realExit);
  });

  it('keeps process.exit trapped until an async call settles', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const o = observe(async () => {
      await gate;
      process.exit();
    }, [], 1000);
    expect(process.exit).not.toBe(realExit);
    release();
    expect(await o).toEqual(rejected('Error', 'process.exit() called'));
    expect(process.exit).toBe(realExit);
  });

  it('restores process.exit after a timeout too', async () => {
    expect(await observe(() => new Promise(() => {}), [], 20)).toEqual(timeout());
    expect(process.exit).toBe(realExit);
  });

  it('stays fast: 10,000 synchronous observe + sameOutcome pairs in under a second', () => {
    const before = (args: unknown[]) => (args[0] as number[]).reduce((s, x) => s + x, 0);
    const after = (args: unknown[]) => (args[0] as number[]).reduce((s, x) => x + s, 0);
    const { value: same, cpuMs: ms } = cpuMs(() => {
      let n = 0;
      for (let i = 0; i < 10_000; i++) {
        const args = [[i, i + 1, i + 2, i + 3]];
        if (sameOutcome(observe(before, args, 50) as Outcome, observe(after, args, 50) as Outcome)) n++;
      }
      return n;
    });
    expect(same).toBe(10_000);
    expect(ms).toBeLessThan(scaledMs(1000));
  });
});

describe(deepEqual.name, () => {
  it('compares primitives by SameValue: NaN equals NaN, -0 differs from +0, bigint by value', () => {
    expect(deepEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(deepEqual(0, -0)).toBe(false);
    expect(deepEqual([-0], [0])).toBe(false);
    expect(deepEqual(10n, BigInt('10'))).toBe(true);
    expect(deepEqual(1, '1')).toBe(false);
    expect(deepEqual(null, undefined)).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });

  it('compares dates by time (two Invalid Dates are equal) and regexps by source and flags', () => {
    expect(deepEqual(new Date(1), new Date(1))).toBe(true);
    expect(deepEqual(new Date(1), new Date(2))).toBe(false);
    expect(deepEqual(new Date(Number.NaN), new Date('nope'))).toBe(true);
    expect(deepEqual(new Date(1), { getTime: () => 1 })).toBe(false);
    expect(deepEqual(/a/g, /a/g)).toBe(true);
    expect(deepEqual(/a/g, /a/i)).toBe(false);
    expect(deepEqual(/a/, /b/)).toBe(false);
  });

  it('ignores Map and Set order, matching object keys and members deeply', () => {
    expect(deepEqual(new Map([['a', 1], ['b', 2]]), new Map([['b', 2], ['a', 1]]))).toBe(true);
    expect(deepEqual(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(false);
    expect(deepEqual(new Map([['a', 1]]), new Map([['b', 1]]))).toBe(false);
    expect(deepEqual(new Map([[{ k: 1 }, 'x'], [{ k: 2 }, 'y']]), new Map([[{ k: 2 }, 'y'], [{ k: 1 }, 'x']]))).toBe(true);
    expect(deepEqual(new Map([[{ k: 1 }, 'x'], [{ k: 2 }, 'y']]), new Map([[{ k: 1 }, 'y'], [{ k: 2 }, 'x']]))).toBe(false);
    expect(deepEqual(new Set([1, 2, 3]), new Set([3, 2, 1]))).toBe(true);
    expect(deepEqual(new Set([1, 2]), new Set([1, 3]))).toBe(false);
    expect(deepEqual(new Set([[1], [2]]), new Set([[2], [1]]))).toBe(true);
    // Each member needs its own partner: two equal members cannot both match one.
    expect(deepEqual(new Set([[1], [1]]), new Set([[1], [2]]))).toBe(false);
    expect(deepEqual(new Set([1]), new Map([[1, 1]]))).toBe(false);
  });

  it('ignores key order, includes symbol keys, and tells plain objects from instances', () => {
    const s = Symbol('s');
    expect(deepEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual({ [s]: 1 }, { [s]: 1 })).toBe(true);
    expect(deepEqual({ [s]: 1 }, { [s]: 2 })).toBe(false);
    expect(deepEqual({ [s]: 1 }, {})).toBe(false);
    expect(deepEqual({ x: 1 }, new Other())).toBe(false);
    const bare = Object.create(null) as Record<string, number>;
    bare['x'] = 1;
    const bare2 = Object.assign(Object.create(null) as Record<string, number>, { x: 1 });
    expect(deepEqual(bare, bare2)).toBe(true);
    // unjs/ufo 31ea74c: a null prototype is a change callers see (no hasOwnProperty, no toString)
    expect(deepEqual(bare, { x: 1 })).toBe(false);
    // …while an object whose prototype is itself a null-prototype object (ufo's EmptyObject) or
    // another realm's Object.prototype still compares as plain with an ordinary object
    const Empty = function (this: Record<string, number>) {} as unknown as new () => Record<string, number>;
    Empty.prototype = Object.create(null) as object;
    const empty = Object.assign(new Empty(), { x: 1 });
    expect(deepEqual(empty, { x: 1 })).toBe(true);
    expect(deepEqual(empty, bare)).toBe(false);
    expect(deepEqual(runInNewContext('({ x: 1 })') as object, { x: 1 })).toBe(true);
  });

  it('matches class instances by constructor name, not class identity', () => {
    expect(PointA).not.toBe(PointB);
    expect(deepEqual(new PointA(1), new PointB(1))).toBe(true);
    expect(deepEqual(new PointA(1), new PointB(2))).toBe(false);
    expect(deepEqual(new PointA(1), new Other())).toBe(false);
  });

  it('compares arrays by length and elements, holes as undefined', () => {
    expect(deepEqual([1, [2, 3]], [1, [2, 3]])).toBe(true);
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([1, , 3], [1, undefined, 3])).toBe(true);
    expect(deepEqual([1], { 0: 1, length: 1 })).toBe(false);
  });

  it('compares errors by name and message, functions by name and arity', () => {
    expect(deepEqual(new Error('x'), new Error('x'))).toBe(true);
    expect(deepEqual(new Error('x'), new Error('y'))).toBe(false);
    expect(deepEqual(new Error('x'), new TypeError('x'))).toBe(false);
    const renamed = new Error('x');
    renamed.name = 'AbortError';
    expect(deepEqual(renamed, new Error('x'))).toBe(false);
    expect(deepEqual(function f(_a: number) {}, function f(_b: number) {})).toBe(true);
    expect(deepEqual(function f(_a: number) {}, function g(_a: number) {})).toBe(false);
    expect(deepEqual(function f(_a: number) {}, function f() {})).toBe(false);
  });

  it('compares typed arrays by type and elements, buffers by bytes, boxed primitives by value', () => {
    expect(deepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(deepEqual(new Uint8Array([1, 2]), new Int8Array([1, 2]))).toBe(false);
    expect(deepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(deepEqual(new Float32Array([Number.NaN]), new Float32Array([Number.NaN]))).toBe(true);
    expect(deepEqual(new Uint8Array([1]).buffer, new Uint8Array([1]).buffer)).toBe(true);
    expect(deepEqual(new Uint8Array([1]).buffer, new Uint8Array([2]).buffer)).toBe(false);
    expect(deepEqual(new Number(1), new Number(1))).toBe(true);
    expect(deepEqual(new Number(1), new Number(2))).toBe(false);
    expect(deepEqual(new String('1'), new Number(1))).toBe(false);
    expect(deepEqual(new Number(1), 1)).toBe(false);
  });

  it('handles cycles', () => {
    const a: Record<string, unknown> = { n: 1 };
    a['self'] = a;
    const b: Record<string, unknown> = { n: 1 };
    b['self'] = b;
    const c: Record<string, unknown> = { n: 2 };
    c['self'] = c;
    expect(deepEqual(a, b)).toBe(true);
    expect(deepEqual(a, c)).toBe(false);
    const ring = (n: number) => {
      const first: { v: number; next?: unknown } = { v: 0 };
      let cur = first;
      for (let i = 1; i < n; i++) cur = (cur.next = { v: i }) as typeof first;
      cur.next = first;
      return first;
    };
    expect(deepEqual(ring(3), ring(3))).toBe(true);
  });

  it('does not keep assuming a pair equal after a failed Set match attempt', () => {
    const x = { v: 1 };
    const y = { v: 2 };
    const a = new Set([{ p: x, q: 1 }, { p: x, q: 2 }]);
    const b = new Set([{ p: y, q: 2 }, { p: y, q: 1 }]);
    expect(deepEqual(a, b)).toBe(false);
  });
});

describe(sameOutcome.name, () => {
  it('needs the same kind and an equal value or error', () => {
    expect(sameOutcome(returned([1]), returned([1]))).toBe(true);
    expect(sameOutcome(returned(1), returned(2))).toBe(false);
    expect(sameOutcome(returned(1), resolved(1))).toBe(false);
    expect(sameOutcome(threw('Error', 'a'), threw('Error', 'a'))).toBe(true);
    expect(sameOutcome(threw('Error', 'a'), threw('Error', 'b'))).toBe(false);
    expect(sameOutcome(threw('Error', 'a'), threw('RangeError', 'a'))).toBe(false);
    expect(sameOutcome(threw('Error', 'a'), rejected('Error', 'a'))).toBe(false);
    expect(sameOutcome(timeout(), timeout())).toBe(true);
  });

  it('diverges when one side mutates its arguments differently', () => {
    const input = [[3, 1, 2]];
    const before = observe(([xs]) => (xs as number[]).length, input, 50) as Outcome;
    const after = observe(([xs]) => (xs as number[]).sort().length, input, 50) as Outcome;
    expect(before).toMatchObject({ kind: 'returned', value: 3 });
    expect(after).toMatchObject({ kind: 'returned', value: 3 });
    expect(sameOutcome(before, after)).toBe(false);
    expect(sameOutcome(before, observe(([xs]) => (xs as number[]).length, input, 50) as Outcome)).toBe(true);
  });
});

describe(isAccidentalError.name, () => {
  it.each([
    ['TypeError', 'x.map is not a function'],
    ['ReferenceError', 'foo is not defined'],
    ['InternalError', 'too much recursion'],
    ['EvalError', 'nope'],
    ['RangeError', 'Maximum call stack size exceeded'],
    ['RangeError', 'Invalid array length'],
    ['RangeError', 'Invalid time value'],
    ['RangeError', 'toFixed() digits argument must be between 0 and 100'],
    ['Error', "Cannot read properties of undefined (reading 'x')"],
    ['CustomError', 'items is not iterable'],
    ['Error', 'process.exit(1) called'],
  ])('%s: %s is accidental', (name, message) => {
    expect(isAccidentalError({ name, message })).toBe(true);
  });

  it.each([
    ['Error', 'amount must be positive'],
    ['ValidationError', 'bad input'],
    ['RangeError', 'amount out of range'],
    ['throwstring', '"x is not a function"'],
  ])('%s: %s is deliberate', (name, message) => {
    expect(isAccidentalError({ name, message })).toBe(false);
  });
});

describe(degenerateReasons.name, () => {
  it('finds NaN, Invalid Date and leaked words at the top level', () => {
    expect(degenerateReasons(Number.NaN)).toEqual(['NaN']);
    expect(degenerateReasons(new Date(Number.NaN))).toEqual(['Invalid Date']);
    expect(degenerateReasons('Hello undefined')).toEqual(['contains "undefined"']);
    expect(degenerateReasons('null / NaN')).toEqual(['contains "null"', 'contains "NaN"']);
    expect(degenerateReasons('[object Object]')).toEqual(['is "[object Object]"']);
    expect(degenerateReasons('Total: [object Object]')).toEqual(['contains "[object Object]"']);
  });

  it('finds whole degenerate strings and standalone tokens (template artefacts)', () => {
    expect(degenerateReasons('null')).toEqual(['is "null"']);
    expect(degenerateReasons(' undefined ')).toEqual(['is "undefined"']);
    expect(degenerateReasons('Invalid Date')).toEqual(['is "Invalid Date"']);
    expect(degenerateReasons('/users/null/posts')).toEqual(['contains "null"']);
    expect(degenerateReasons('Due Invalid Date')).toEqual(['contains "Invalid Date"']);
    expect(degenerateReasons('id=undefined&page=NaN')).toEqual(['contains "undefined"', 'contains "NaN"']);
  });

  it('does not count the words inside other words, or JSON nulls', () => {
    expect(degenerateReasons('nullable')).toEqual([]);
    expect(degenerateReasons('email: string (nullable)')).toEqual([]);
    expect(degenerateReasons('isNaN(x) || undefinedValue || nullish')).toEqual([]);
    expect(degenerateReasons('NaNa')).toEqual([]);
    expect(degenerateReasons('{"name":"Ada","email":null}')).toEqual([]);
    expect(degenerateReasons('[1,null,3]')).toEqual([]);
    // a JSON text is searched as its value: a string field can still be degenerate
    expect(degenerateReasons('{"name":"undefined"}')).toEqual(['(as JSON).name is "undefined"']);
    // not JSON after all: tokens count
    expect(degenerateReasons('{name: null}')).toEqual(['contains "null"']);
  });

  it('returns nothing for fine values', () => {
    expect(degenerateReasons(3)).toEqual([]);
    expect(degenerateReasons('a-b')).toEqual([]);
    expect(degenerateReasons(new Date(0))).toEqual([]);
    expect(degenerateReasons({ total: 3, items: ['x'], when: new Date(0) })).toEqual([]);
    expect(degenerateReasons(undefined)).toEqual([]);
    expect(degenerateReasons(null)).toEqual([]);
  });

  it('searches arrays, objects, Map values, Set members and instances with a path', () => {
    expect(degenerateReasons({ total: Number.NaN })).toEqual(['.total is NaN']);
    expect(degenerateReasons(['a', 'b', 'c-undefined'])).toEqual(['[2] contains "undefined"']);
    expect(degenerateReasons({ lines: [{ at: new Date(Number.NaN) }] })).toEqual(['.lines[0].at is Invalid Date']);
    expect(degenerateReasons({ 'odd key': Number.NaN })).toEqual(['["odd key"] is NaN']);
    expect(degenerateReasons(new Map([['a', Number.NaN]]))).toEqual(['.get("a") is NaN']);
    expect(degenerateReasons({ tags: new Set(['ok', 'null']) })).toEqual(['.tags[member] is "null"']);
    expect(degenerateReasons(new PointA(Number.NaN))).toEqual(['.x is NaN']);
  });

  it('stops at depth 3', () => {
    expect(degenerateReasons({ a: { b: { c: Number.NaN } } })).toEqual(['.a.b.c is NaN']);
    expect(degenerateReasons({ a: { b: { c: { d: Number.NaN } } } })).toEqual([]);
  });
});

describe(classifyDivergence.name, () => {
  it('crash: before returned, after threw an accidental error', () => {
    expect(classifyDivergence(returned(3), threw('TypeError', "Cannot read properties of undefined (reading 'x')"))).toEqual({
      kind: 'crash',
      reason: "after throws TypeError: Cannot read properties of undefined (reading 'x') where before returned 3",
    });
    expect(classifyDivergence(resolved(3), rejected('Error', 'process.exit(1) called')).kind).toBe('crash');
  });

  it('throws: before returned, after threw a deliberate error', () => {
    expect(classifyDivergence(returned('a'), threw('Error', 'amount must be positive'))).toEqual({
      kind: 'throws',
      reason: 'after throws Error: amount must be positive where before returned "a"',
    });
    expect(classifyDivergence(resolved(1), rejected('ValidationError', 'no')).kind).toBe('throws');
  });

  it('timeout: before settled, after never did', () => {
    expect(classifyDivergence(resolved(1), timeout())).toEqual({ kind: 'timeout', reason: 'after never settles (timeout) where before resolved 1' });
    expect(classifyDivergence(rejected('Error', 'x'), timeout()).kind).toBe('timeout');
  });

  it('degenerate: after has a degenerate value that before did not', () => {
    expect(classifyDivergence(returned({ total: 3 }), returned({ total: Number.NaN }))).toEqual({
      kind: 'degenerate',
      reason: 'after returns {"total":Number.NaN} where before returned {"total":3} (.total is NaN)',
    });
    expect(classifyDivergence(resolved('a'), resolved('undefined-a')).kind).toBe('degenerate');
  });

  it('not degenerate when before already had the same reason, or the word is only part of another', () => {
    expect(classifyDivergence(returned('null a'), returned('null b')).kind).toBe('value');
    expect(classifyDivergence(returned('email: string'), returned('email: string (nullable)')).kind).toBe('value');
    expect(classifyDivergence(returned('{"email":"a@b.c"}'), returned('{"email":null}')).kind).toBe('value');
    expect(classifyDivergence(returned([Number.NaN]), returned([Number.NaN, 1])).kind).toBe('value');
  });

  it('returns-undefined: after returns undefined where before returned something', () => {
    expect(classifyDivergence(returned(0), returned(undefined))).toEqual({
      kind: 'returns-undefined',
      reason: 'after returns undefined where before returned 0',
    });
    expect(classifyDivergence(returned(undefined), returned(0)).kind).toBe('value');
    expect(classifyDivergence(returned(undefined), resolved(undefined)).kind).toBe('value');
  });

  it('error-changed: both threw, with a different error', () => {
    expect(classifyDivergence(threw('Error', 'a'), threw('RangeError', 'a'))).toEqual({
      kind: 'error-changed',
      reason: 'after throws RangeError: a where before threw Error: a',
    });
    expect(classifyDivergence(rejected('Error', 'a'), threw('Error', 'b')).kind).toBe('error-changed');
    expect(classifyDivergence(threw('Error', 'a'), threw('throwstring', '"a"')).reason).toBe('after throws "a" where before threw Error: a');
  });

  it('argument-mutated: same ending, arguments left differently', () => {
    expect(classifyDivergence(returned(3, [[3, 1, 2]]), returned(3, [[1, 2, 3]]))).toEqual({
      kind: 'argument-mutated',
      reason: 'after leaves argument 1 as [1,2,3] where before left it as [3,1,2]',
    });
    expect(classifyDivergence(threw('Error', 'x', [1, {}]), threw('Error', 'x', [1, { a: 1 }])).kind).toBe('argument-mutated');
    expect(classifyDivergence(timeout([[]]), timeout([[1]])).kind).toBe('argument-mutated');
  });

  it('value: anything else, including a fix (before threw, after returns)', () => {
    expect(classifyDivergence(returned(1), returned(2))).toEqual({ kind: 'value', reason: 'after returns 2 where before returned 1' });
    expect(classifyDivergence(threw('TypeError', 'x is not a function'), returned(1)).kind).toBe('value');
    expect(classifyDivergence(timeout(), resolved(1)).kind).toBe('value');
    expect(classifyDivergence(returned(1), resolved(1)).kind).toBe('value');
    expect(classifyDivergence(threw('Error', 'a'), rejected('Error', 'a')).kind).toBe('value');
    expect(classifyDivergence(returned(1, [[1]]), returned(2, [[2]])).reason).toBe(
      'after returns 2 where before returned 1; after leaves argument 1 as [2] where before left it as [1]',
    );
  });

  it('classifies what observe records', async () => {
    const before = (args: unknown[]) => (args[0] as { x: number }).x;
    const after = (args: unknown[]) => (args[0] as { y: { x: number } }).y.x;
    const input = [{ x: 3 }];
    const o = await settled(observe(after, input, 50));
    expect(classifyDivergence(await settled(observe(before, input, 50)), o)).toEqual({
      kind: 'crash',
      reason: expect.stringMatching(/^after throws TypeError: Cannot read properties of undefined \(reading 'x'\) where before returned 3$/),
    });
  });
});

describe('rendering', () => {
  it(renderOutcome.name, () => {
    expect(renderOutcome(returned('a-b'))).toBe('returns "a-b"');
    expect(renderOutcome(resolved(3))).toBe('resolves 3');
    expect(renderOutcome(threw('TypeError', 'x is not a function'))).toBe('throws TypeError: x is not a function');
    expect(renderOutcome(rejected('Error', 'nope'))).toBe('rejects Error: nope');
    expect(renderOutcome(threw('Error', ''))).toBe('throws Error');
    expect(renderOutcome(timeout())).toBe('never settles (timeout)');
    expect(renderOutcome(returned([Number.NaN, -0, 1n, undefined, new Map([[1, new Set(['a'])]]), new Date(0)]))).toBe(
      'returns [Number.NaN,-0,1n,undefined,new Map([[1,new Set(["a"])]]),new Date("1970-01-01T00:00:00.000Z")]',
    );
  });

  it('truncates long values to 200 characters', () => {
    const text = renderOutcome(returned('x'.repeat(500)));
    expect(text).toBe(`returns "${'x'.repeat(199)}…`);
    // A surrogate pair is never split.
    const emoji = renderOutcome(returned(`${'x'.repeat(198)}😀😀`));
    expect(emoji).toBe(`returns "${'x'.repeat(198)}…`);
  });

  it(renderCall.name, () => {
    expect(renderCall('slugify', ['Ä b'])).toBe('slugify("Ä b")');
    expect(renderCall('f', [1, -0, [Number.NaN], { a: undefined }])).toBe('f(1, -0, [Number.NaN], {"a":undefined})');
    expect(renderCall('f', [])).toBe('f()');
    expect(renderCall('f', ['y'.repeat(300), 1])).toBe(`f("${'y'.repeat(199)}…, 1)`);
    expect(renderCall('f', ['y'.repeat(300)], Number.POSITIVE_INFINITY)).toBe(`f("${'y'.repeat(300)}")`);
  });

  it(renderArgsChange.name, () => {
    expect(renderArgsChange(returned(1, [1, [2]]), returned(1, [1, [2, 3]]))).toBe('after leaves argument 2 as [2,3] where before left it as [2]');
  });
});
