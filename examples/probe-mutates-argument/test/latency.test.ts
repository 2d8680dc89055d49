import { describe, expect, it } from 'vitest';
import { mean, median } from '../src/latency.js';

describe('median', () => {
  it('takes the middle sample of an odd count', () => {
    expect(median([30, 10, 20])).toBe(20);
  });

  it('averages the two middle samples of an even count', () => {
    expect(median([40, 10, 30, 20])).toBe(25);
  });
});

describe('mean', () => {
  it('averages the samples', () => {
    expect(mean([10, 20, 60])).toBe(30);
  });
});
