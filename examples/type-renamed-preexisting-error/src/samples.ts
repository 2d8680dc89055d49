import type { Invoice, InvoiceLine } from './invoice';

// Sample data for the documentation site. It predates `currency` and `quantity`, and nobody runs
// tsc on this project, so its two type errors have been there for a while.
export const sampleLine: InvoiceLine = { description: 'Consulting', unitCents: 12000 };

export const sampleInvoice: Invoice = {
  id: 'INV-1',
  lines: [sampleLine],
};
