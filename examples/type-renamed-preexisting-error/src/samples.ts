import type { Invoice, InvoiceLine } from './invoice';

// Sample data for the documentation site. It predates `currency` and `quantity`, and nobody runs
// tsc on this project, so its type errors have been there for a while.
export const sampleLine: InvoiceLine = { description: 'Consulting', unitCents: 12000 };

export const sampleInvoice: Invoice = {
  id: 'INV-1',
  lines: [sampleLine],
};

// Docs helper, written before the project turned on `strict`: its parameter is implicitly any (a third old error).
export function caption(l) {
  return `${l.description} × ${l.quantity}`;
}
