import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Descriptor } from '../../src/probes/arbitrary-descriptor.js';
import { toArbitrary } from '../../src/probes/interpret-descriptor.js';
import { extremesOf, REALISTIC } from '../../src/probes/runtime/realistic.js';

describe(extremesOf.name, () => {
  it('accepts the values real data has', () => {
    expect(
      extremesOf([0, -0, 42, -3.5, 1e12, 1e-12, 'x'.repeat(10_000), new Date('1999-12-31'), new Date('1000-01-01'), 12n, [1, 2], { a: { b: [new Date('2030-01-01')] } }, null, undefined, true, () => 1]),
    ).toEqual([]);
    expect(extremesOf([new Map([['k', 1]]), new Set(['a']), new Uint8Array(4)])).toEqual([]);
  });

  it('names every kind of extreme with its place in the arguments', () => {
    expect(extremesOf([Number.NaN])).toEqual(['argument 1 is NaN']);
    expect(extremesOf([1, Number.POSITIVE_INFINITY])).toEqual(['argument 2 is Infinity']);
    expect(extremesOf([Number.MAX_SAFE_INTEGER])).toEqual(['argument 1 is 9007199254740991 (realistic: within ±1e12)']);
    expect(extremesOf([5e-324])).toEqual(['argument 1 is 5e-324 (realistic: 0 or at least 1e-12 in magnitude)']);
    expect(extremesOf([new Date(8.64e15)])).toEqual(['argument 1 is a date in the year 275760 (realistic: 1000–3000)']);
    expect(extremesOf([new Date(Number.NaN)])).toEqual(['argument 1 is an Invalid Date']);
    expect(extremesOf([2n ** 80n])).toEqual([`argument 1 is ${2n ** 80n}n (realistic: within ±2^64)`]);
    expect(extremesOf(['x'.repeat(10_001)])).toEqual(['argument 1 is a string of 10001 characters (realistic: up to 10000)']);
    expect(extremesOf([new Array(10_001).fill(0)])).toEqual(['argument 1 has 10001 elements (realistic: up to 10000)']);
  });

  it('searches arrays, objects, Maps, Sets and class instances recursively', () => {
    class Money {
      readonly amount: number;
      constructor(amount: number) {
        this.amount = amount;
      }
    }
    expect(extremesOf([{ lines: [{ price: 1 }, { price: Number.NaN }] }])).toEqual(['argument 1.lines[1].price is NaN']);
    expect(extremesOf([new Map([['a', Number.NEGATIVE_INFINITY]])])).toEqual(['argument 1.get(…) is -Infinity']);
    expect(extremesOf([new Set([new Date(-8.64e15)])])).toEqual(['argument 1 (a member) is a date in the year -271821 (realistic: 1000–3000)']);
    expect(extremesOf([new Money(1e300)])).toEqual(['argument 1.amount is 1e+300 (realistic: within ±1e12)']);
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    expect(extremesOf([cyclic])).toEqual([]);
  });

  it('labels constructor arguments apart and stops at three reasons', () => {
    expect(extremesOf([Number.NaN, 1], ['constructor argument 1', 'argument 1'])).toEqual(['constructor argument 1 is NaN']);
    expect(extremesOf([Number.NaN, Number.NaN, Number.NaN, Number.NaN])).toHaveLength(3);
  });
});

describe('realistic inputs', () => {
  const realistic = (d: Descriptor) => fc.sample(toArbitrary(d, { realistic: true }), { seed: 7, numRuns: 2000 });

  it.each<[string, Descriptor]>([
    ['number', { kind: 'number' }],
    ['date', { kind: 'date' }],
    ['bigint', { kind: 'bigint' }],
    ['integer', { kind: 'integer', min: -1e15, max: 1e15 }],
    ['array of dates', { kind: 'array', item: { kind: 'date' }, maxLength: 5 }],
    ['record', { kind: 'record', props: [{ name: 'at', value: { kind: 'date' }, optional: false }, { name: 'n', value: { kind: 'number' }, optional: true }] }],
  ])('generates only realistic values for %s', (_, d) => {
    for (const v of realistic(d)) expect(extremesOf([v])).toEqual([]);
  });

  it('still reaches the edges that matter inside the ranges: 0, -0, negative numbers, old and future dates', () => {
    const numbers = realistic({ kind: 'number' }) as number[];
    expect(numbers).toContain(0);
    expect(numbers.some((n) => Object.is(n, -0))).toBe(true);
    expect(numbers.some((n) => n < 0)).toBe(true);
    const years = (realistic({ kind: 'date' }) as Date[]).map((d) => d.getUTCFullYear());
    expect(Math.min(...years)).toBeLessThan(1500);
    expect(Math.max(...years)).toBeGreaterThan(2500);
  });

  it('without the flag, keeps generating the extremes (the first search looks everywhere)', () => {
    const numbers = fc.sample(toArbitrary({ kind: 'number' }), { seed: 7, numRuns: 2000 }) as number[];
    expect(numbers.some((n) => Number.isNaN(n))).toBe(true);
    expect(REALISTIC.maxYear).toBe(3000);
  });
});
