export interface InvoiceLine {
  description: string;
  quantity: number;
  unitCents: number;
}

export interface Invoice {
  id: string;
  currency: string;
  lines: InvoiceLine[];
}

export function lineCents(line: InvoiceLine): number {
  return line.quantity * line.unitCents;
}

export function totalCents(invoice: Invoice): number {
  return invoice.lines.reduce((sum, line) => sum + lineCents(line), 0);
}

export function formatTotal(invoice: Invoice): string {
  return `${(totalCents(invoice) / 100).toFixed(2)} ${invoice.currency}`;
}
