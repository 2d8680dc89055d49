import { expect, it } from 'vitest';
import { mean, median } from '../src/stats';
import { samples, seed } from './random';

it(`mean lies between min and max (seed=${seed})`, () => {
  for (const xs of samples(seed)) {
    expect(mean(xs)).toBeGreaterThanOrEqual(Math.min(...xs));
    expect(mean(xs)).toBeLessThanOrEqual(Math.max(...xs));
  }
});

it(`median lies between min and max (seed=${seed})`, () => {
  for (const xs of samples(seed)) {
    expect(median(xs)).toBeGreaterThanOrEqual(Math.min(...xs));
    expect(median(xs)).toBeLessThanOrEqual(Math.max(...xs));
  }
});

it(`median does not depend on the order of the values (seed=${seed})`, () => {
  for (const xs of samples(seed)) expect(median([...xs].reverse())).toBe(median(xs));
});
