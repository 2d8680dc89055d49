import { roundTo } from './round.js';

export interface InvoiceLine {
  description: string;
  unitPrice: number;
  quantity: number;
}

export interface InvoiceTotals {
  net: number;
  tax: number;
  gross: number;
}

export function lineTotal(line: InvoiceLine): number {
  return roundTo(line.unitPrice * line.quantity, 2);
}

export function invoiceTotals(lines: InvoiceLine[], taxRate: number): InvoiceTotals {
  const net = roundTo(lines.reduce((sum, line) => sum + lineTotal(line), 0), 2);
  const tax = roundTo(net * taxRate, 2);
  return { net, tax, gross: roundTo(net + tax, 2) };
}
