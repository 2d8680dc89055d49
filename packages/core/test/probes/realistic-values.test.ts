import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toArbitrary } from '../../src/probes/interpret-descriptor.js';
import { adjacentDouble, numberNeighbours, realisticCalls, realisticNumbers, recordedPrimitives, segments, shapeOf, stringVariants } from '../../src/probes/realistic-values.js';
import { REALISTIC } from '../../src/probes/runtime/realistic.js';

// Each generator's promise, checked on its first 50 values (issue 17: realistic inputs first).
const first50 = <T>(arb: fc.Arbitrary<T>, seed = 1): T[] => fc.sample(arb, { seed, numRuns: 50 });
const roundsApart = (x: number): boolean => Math.round(x * 100) !== Math.trunc(x * 100);

describe('everyday values for unknown and any', () => {
  // radashi 27eb1e8e: isEmpty(1n) went from true to false, found among fast-check's anything only
  // when no recorded call took a share of the runs.
  it('gives the values real calls pass (a small bigint, an empty string, an empty array, a null-prototype object) within the first 50', () => {
    for (const seed of [1, 2, 3]) {
      const values = first50(toArbitrary({ kind: 'anything' }), seed);
      expect(values.filter((v) => typeof v === 'bigint' && v >= -1n && v <= 1n).length + values.filter((v) => v === '' || (Array.isArray(v) && v.length <= 1)).length, `seed ${seed}`).toBeGreaterThan(0);
    }
    const many = fc.sample(toArbitrary({ kind: 'anything' }), { seed: 1, numRuns: 1000 });
    expect(many).toContain(1n);
    expect(many.some((v) => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === null)).toBe(true);
  });
});

describe('realistic numbers', () => {
  it('gives boundaries, small integers and two-decimal amounts within the first 50', () => {
    for (const seed of [1, 2, 3]) {
      const values = first50(realisticNumbers(), seed);
      expect(values.some((v) => Number.isInteger(v) && Math.abs(v) <= 100)).toBe(true);
      expect(values.some((v) => !Number.isInteger(v) && Math.abs(v) > 1 && Number((v * 100).toFixed(0)) / 100 === v)).toBe(true);
      expect(values.some((v) => [0, 1, -1, 0.5, 0.1 + 0.2, 10, 100, 1000].includes(v))).toBe(true);
    }
  });

  it('a number parameter meets a price where Math.round and Math.trunc part (19.99 × 100) within 50 inputs', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(first50(toArbitrary({ kind: 'number' }), seed).filter((x) => typeof x === 'number' && roundsApart(x)).length, `seed ${seed}`).toBeGreaterThan(0);
  });

  it('neighbours of a recorded number: a cent and a unit off (a whole number\'s units first), and the adjacent doubles', () => {
    expect(numberNeighbours(100)).toEqual([99, 101, 99.99, 100.01, adjacentDouble(100, -1), adjacentDouble(100, 1)]);
    expect(numberNeighbours(42.5)).toEqual([42.49, 42.51, 41.5, 43.5, adjacentDouble(42.5, -1), adjacentDouble(42.5, 1)]);
    expect(adjacentDouble(1, 1)).toBe(1 + Number.EPSILON);
    expect(adjacentDouble(-1, -1)).toBeLessThan(-1);
    expect(adjacentDouble(0, 1)).toBe(Number.MIN_VALUE);
    expect(numberNeighbours(Number.NaN)).toEqual([]);
    // A recorded 100 or 42.5 is exact in binary; its neighbours are not, and that is where rounding changes show.
    expect(numberNeighbours(100).some(roundsApart)).toBe(true);
  });

  it('a number parameter with recorded numbers draws their neighbours within 50 inputs', () => {
    const values = first50(toArbitrary({ kind: 'number' }, { recorded: { strings: [], numbers: [42.5] } }));
    expect(values.filter((v) => typeof v === 'number' && [42.49, 42.51, 41.5, 43.5].includes(v)).length).toBeGreaterThan(0);
  });

  it('dates mostly within realistic years, the far ends still reachable', () => {
    const years = first50(toArbitrary({ kind: 'date' })).map((d) => (d as Date).getUTCFullYear());
    expect(years.filter((y) => y >= REALISTIC.minYear && y <= REALISTIC.maxYear).length).toBeGreaterThanOrEqual(30);
  });
});

describe('strings in the shape of the recorded ones', () => {
  it('splits into runs of one character class and single delimiters', () => {
    expect(segments('key=a=b&c1')).toEqual(['key', '=', 'a', '=', 'b', '&', 'c', '1']);
    expect(segments('1.0.0-rc.1')).toEqual(['1', '.', '0', '.', '0', '-', 'rc', '.', '1']);
    expect(segments('')).toEqual([]);
  });

  it('puts a delimiter the string uses in new places: a value that holds "="', () => {
    const v = stringVariants('key=value');
    expect(v).toContain('key=value=value');
    expect(v).toContain('key=v=alue');
    expect(v).toContain(' key=value ');
    expect(v).not.toContain('key=value');
    expect(stringVariants('1.0.0')).toEqual(expect.arrayContaining(['1.0.0.0', '1.0.0.', '.0.0']));
  });

  it('a string parameter with recorded strings draws version-shaped strings the tests never passed, within 50 inputs', () => {
    const values = first50(toArbitrary({ kind: 'string', maxLength: 20 }, { recorded: { strings: ['1.2.3', '1.0.0-rc.1'], numbers: [] } })) as string[];
    const shaped = values.filter((s) => /^\d+(\.\d+)+(-\w+(\.\d+)?)?$/.test(s) && !['1.2.3', '1.0.0-rc.1'].includes(s));
    expect(shaped.length).toBeGreaterThan(0);
  });

  it('collects the strings and numbers of recorded calls, one level into arrays and objects', () => {
    expect(recordedPrimitives([['a', 1, [2, 'b'], { c: 'd', n: 3 }, Number.NaN]])).toEqual({ strings: ['a', 'b', 'd'], numbers: [1, 2, 3] });
  });
});

describe('calls built from the recorded ones', () => {
  it('crosses arguments between recorded calls first: the pair a version comparator diverges on', () => {
    const calls = realisticCalls(
      [
        ['1.0.0', '1.0.0'],
        ['1.0.0-rc.1', '1.0.0-rc.1'],
        ['2.0.0', '1.9.9'],
      ],
      50,
    );
    expect(calls.slice(0, 6)).toContainEqual(['1.0.0', '1.0.0-rc.1']);
    expect(calls.slice(0, 6)).toContainEqual(['1.0.0-rc.1', '1.0.0']);
    expect(calls).not.toContainEqual(['1.0.0', '1.0.0']);
    expect(new Set(calls.map((c) => JSON.stringify(c))).size).toBe(calls.length);
  });

  it('then moves one argument to a neighbour, round-robin over the calls, within the budget', () => {
    const calls = realisticCalls([[100], [42.5]], 4);
    expect(calls).toEqual([[99], [42.49], [101], [42.51]]);
    expect(realisticCalls([[1]], 0)).toEqual([]);
  });

  it('tries the literals of the lines the patch changed before the neighbours: a moved threshold', () => {
    // FREE_SHIPPING_FROM = 50 → 60; the tests pass 12.5 and 120
    const calls = realisticCalls([[12.5], [120]], 20, { numbers: [50, 60], strings: [] });
    expect(calls.slice(0, 4)).toEqual([[50], [49], [51], [49.99]]);
    expect(calls.slice(0, 16)).toContainEqual([60]);
    expect(calls.slice(0, 16)).toContainEqual([59.99]);
    // and without literals, the neighbours come first as before
    expect(realisticCalls([[12.5], [120]], 2)).toEqual([[12.49], [119]]);
    const withStrings = realisticCalls([['a=b', 2]], 3, { numbers: [], strings: ['&', '='] });
    expect(withStrings.slice(0, 2)).toEqual([['&', 2], ['=', 2]]);
  });
});

describe('values of a recorded value\'s shape (variadic unknown[] dispatchers)', () => {
  const shaped = (v: unknown): unknown[] => first50(shapeOf(v, realisticNumbers(), fc.string({ maxLength: 5 })));

  it('keeps the keys of an object and the kinds of its values, a null prototype included', () => {
    const values = shaped({ a: 1, b: 'x', c: [true] }) as Array<Record<string, unknown>>;
    for (const v of values) {
      expect(Object.keys(v)).toEqual(['a', 'b', 'c']);
      expect([typeof v.a, typeof v.b, Array.isArray(v.c)]).toEqual(['number', 'string', true]);
    }
    expect(new Set(values.map((v) => v.a)).size).toBeGreaterThan(5);
    const bare = Object.assign(Object.create(null) as object, { k: 1 });
    for (const v of shaped(bare)) expect(Object.getPrototypeOf(v)).toBeNull();
  });

  it('arrays of the elements\' shapes; functions and class instances as they are', () => {
    const arrays = shaped([1, 2, 3]) as number[][];
    expect(arrays.every((a) => Array.isArray(a) && a.every((x) => typeof x === 'number'))).toBe(true);
    expect(arrays.some((a) => a.length !== 3)).toBe(true);
    const fn = (): number => 1;
    expect(shaped(fn).every((v) => v === fn)).toBe(true);
    const when = new Date('2020-01-01');
    expect(shaped(when).every((d) => d instanceof Date && !Number.isNaN(d.getTime()))).toBe(true);
  });
});

describe('generated callbacks', () => {
  // radashi d8f72812 rewrote `array.map(toKey)` (toKey gets the index and the array too) as
  // `toKey(item)`: a generated `(item: T) => K` that answered by every argument made the two differ.
  it('read only the parameters their type declares, and print as fast-check prints them', () => {
    const fns = fc.sample(toArbitrary({ kind: 'func', returns: { kind: 'number' }, arity: 1 }), { seed: 1, numRuns: 20 }) as Array<(...a: unknown[]) => number>;
    for (const f of fns) expect(f('x', 0, ['x'])).toBe(f('x'));
    expect(fc.stringify(fns[0])).toMatch(/^function\(\.\.\.args\) \{/);
    const variadic = fc.sample(toArbitrary({ kind: 'func', returns: { kind: 'number' } }), { seed: 1, numRuns: 20 }) as Array<(...a: unknown[]) => number>;
    expect(variadic.some((f) => !Object.is(f('x', 0, ['x']), f('x')))).toBe(true);
  });
});
