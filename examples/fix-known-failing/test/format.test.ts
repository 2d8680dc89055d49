import { describe, expect, it } from 'vitest';
import { formatPercent, formatPrice } from '../src/format.js';

describe('formatPrice', () => {
  it('uses the currency symbol and two decimals', () => {
    expect(formatPrice(12.5)).toBe('€12.50');
    expect(formatPrice(3, 'USD')).toBe('$3.00');
  });

  it('groups thousands', () => {
    expect(formatPrice(1234567.891, 'GBP')).toBe('£1,234,567.89');
  });

  it('falls back to the currency code', () => {
    expect(formatPrice(9.99, 'CHF')).toBe('CHF 9.99');
  });

  it('formats negative amounts (credit notes)', () => {
    expect(formatPrice(-42.1)).toBe('-€42.10');
  });

  // Reported in issue #118: a line priced at 1.005 was invoiced as €1.00.
  it('rounds half a cent up', () => {
    expect(formatPrice(1.005)).toBe('€1.01');
    expect(formatPrice(2.675)).toBe('€2.68');
  });
});

describe('formatPercent', () => {
  it('formats a tax rate', () => {
    expect(formatPercent(0.2)).toBe('20%');
    expect(formatPercent(0.075)).toBe('7.5%');
  });
});
