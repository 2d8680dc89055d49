import { describe, expect, it } from 'vitest';
import { discount, subtotal, total } from '../src/cart';

describe('subtotal', () => {
  it('adds unit price × quantity', () => {
    expect(subtotal([{ sku: 'A', unitPrice: 250, quantity: 2 }, { sku: 'B', unitPrice: 100, quantity: 1 }])).toBe(600);
  });
  it('is 0 for an empty cart', () => {
    expect(subtotal([])).toBe(0);
  });
});

describe('discount', () => {
  it('gives 10% from 10,000 cents', () => {
    expect(discount(20_000)).toBe(2_000);
  });
  it('gives 5% from 5,000 cents', () => {
    expect(discount(6_000)).toBe(300);
  });
  it('gives nothing below 5,000 cents', () => {
    expect(discount(4_999)).toBe(0);
  });
});

describe('total', () => {
  it('takes the discount off', () => {
    expect(total([{ sku: 'A', unitPrice: 3_000, quantity: 4 }])).toBe(10_800);
  });
});
