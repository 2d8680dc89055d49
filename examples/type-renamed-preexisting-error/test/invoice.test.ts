import { describe, expect, it } from 'vitest';
import { formatTotal, lineCents, totalCents } from '../src/invoice';

const invoice = {
  id: 'INV-7',
  currency: 'EUR',
  lines: [
    { description: 'Design', quantity: 2, unitCents: 4500 },
    { description: 'Hosting', quantity: 1, unitCents: 999 },
  ],
};

describe('invoices', () => {
  it('multiplies quantity and unit price', () => {
    expect(lineCents(invoice.lines[0]!)).toBe(9000);
  });

  it('adds up the lines', () => {
    expect(totalCents(invoice)).toBe(9999);
    expect(totalCents({ ...invoice, lines: [] })).toBe(0);
  });

  it('formats the total with its currency', () => {
    expect(formatTotal(invoice)).toBe('99.99 EUR');
  });
});
