import { describe, expect, it } from 'vitest';
import { invoiceTotals, lineTotal } from '../src/invoice.js';

describe('invoice totals', () => {
  it('multiplies unit price by quantity', () => {
    expect(lineTotal({ description: 'Consulting', unitPrice: 95, quantity: 3 })).toBe(285);
  });

  it('adds tax on the net amount', () => {
    const totals = invoiceTotals(
      [
        { description: 'Hosting', unitPrice: 20, quantity: 12 },
        { description: 'Domain', unitPrice: 12.5, quantity: 1 },
      ],
      0.2,
    );
    expect(totals).toEqual({ net: 252.5, tax: 50.5, gross: 303 });
  });

  it('handles an empty invoice', () => {
    expect(invoiceTotals([], 0.2)).toEqual({ net: 0, tax: 0, gross: 0 });
  });
});
