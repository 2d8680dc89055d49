import { describe, expect, it } from 'vitest';
import { shipping } from '../src/shipping.js';

describe('shipping', () => {
  it('charges 499 below 5000', () => {
    expect(shipping(4999)).toBe(499);
  });

  it('is free from 5000', () => {
    expect(shipping(5000)).toBe(0);
    expect(shipping(12000)).toBe(0);
  });
});
