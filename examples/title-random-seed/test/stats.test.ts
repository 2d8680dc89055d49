import { describe, expect, it } from 'vitest';
import { mean, median } from '../src/stats';
import { samples, seed } from './random';

describe('mean', () => {
  it('averages the values', () => expect(mean([1, 2, 3, 6])).toBe(3));
  it('is NaN for no values', () => expect(mean([])).toBeNaN());
});

describe('median', () => {
  it('takes the middle of an odd count', () => expect(median([5, 1, 3])).toBe(3));
  it('is NaN for no values', () => expect(median([])).toBeNaN());
  it(`of a constant array is that value (seed=${seed})`, () => {
    for (const xs of samples(seed)) expect(median(xs.map(() => xs[0]!))).toBe(xs[0]);
  });
});
