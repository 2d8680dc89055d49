import { describe, expect, it } from 'vitest';
import { clamp } from '../src/clamp.js';

describe('clamp', () => {
  it('keeps a value inside the range', () => {
    expect(clamp(5, 0, 10)).toBe(5);
  });

  it('raises a value below the range to the minimum', () => {
    expect(clamp(-3, 0, 10)).toBe(0);
  });

  it('lowers a value above the range to the maximum', () => {
    expect(clamp(12, 0, 10)).toBe(10);
  });

  it('rejects an empty range', () => {
    expect(() => clamp(1, 5, 0)).toThrow(RangeError);
  });
});
