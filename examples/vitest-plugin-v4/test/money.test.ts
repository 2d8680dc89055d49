import { describe, expect, it } from 'vitest';
import { formatPrice, withVat } from '../src/money.ts';

describe('money', () => {
  it('formats cents as euros', () => {
    expect(formatPrice(1999)).toBe('19.99 €');
    expect(formatPrice(5)).toBe('0.05 €');
  });

  it('adds VAT', () => {
    expect(withVat(1000, 20)).toBe(1200);
  });
});
