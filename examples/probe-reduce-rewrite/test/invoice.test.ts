import { describe, expect, it } from 'vitest';
import { formatAmount, lineAmounts, subtotal, type InvoiceLine } from '../src/invoice.js';

const LINES: InvoiceLine[] = [
  { description: 'Consulting (hours)', unitPrice: 90, quantity: 3 },
  { description: 'Travel', unitPrice: 45.5, quantity: 1 },
];

describe('invoice', () => {
  it('computes each line amount', () => {
    expect(lineAmounts(LINES)).toEqual([270, 45.5]);
  });

  it('sums the lines', () => {
    expect(subtotal(LINES)).toBe(315.5);
  });

  it('formats amounts with two decimals', () => {
    expect(formatAmount(315.5)).toBe('315.50 EUR');
  });
});
