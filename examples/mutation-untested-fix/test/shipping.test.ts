import { describe, expect, it } from 'vitest';
import { weightPrice } from '../src/shipping.js';

describe('weightPrice', () => {
  it('charges the base price up to one kilogram', () => {
    expect(weightPrice(0.2)).toBe(499);
    expect(weightPrice(1)).toBe(499);
  });

  it('adds 1.50 per further started kilogram', () => {
    expect(weightPrice(1.01)).toBe(649);
    expect(weightPrice(3)).toBe(799);
    expect(weightPrice(3.5)).toBe(949);
  });
});
