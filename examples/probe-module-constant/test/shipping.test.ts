import { describe, expect, it } from 'vitest';
import { shippingCost } from '../src/shipping';

describe('shippingCost', () => {
  it('charges the flat rate on a small order', () => {
    expect(shippingCost(12.5)).toBe(4.95);
  });

  it('ships a large order free', () => {
    expect(shippingCost(120)).toBe(0);
  });
});
