import { describe, expect, it } from 'vitest';
import { formatCents, toCents } from '../src/money.js';

describe('toCents', () => {
  it('converts decimal amounts to integer cents', () => {
    expect(toCents(12.34)).toBe(1234);
    expect(toCents(0.1 + 0.2)).toBe(30);
  });
});

describe('formatCents', () => {
  it('formats with two decimals and a currency code', () => {
    expect(formatCents(1205)).toBe('12.05 EUR');
    expect(formatCents(7, 'USD')).toBe('0.07 USD');
  });

  it('keeps the sign of negative amounts', () => {
    expect(formatCents(-250)).toBe('-2.50 EUR');
  });
});
