import { describe, expect, it } from 'vitest';
import { basketCents, toCents } from '../src/money';

describe('toCents', () => {
  it('turns whole and half euros into cents', () => {
    expect(toCents(100)).toBe(10000);
    expect(toCents(42.5)).toBe(4250);
  });
});

describe('basketCents', () => {
  it('adds the prices in cents', () => {
    expect(basketCents([1, 2.5, 10])).toBe(1350);
    expect(basketCents([])).toBe(0);
  });
});
