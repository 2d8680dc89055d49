export interface InvoiceLine {
  description: string;
  unitPrice: number;
  quantity: number;
}

/** The amount of each line, in the order of the invoice. */
export function lineAmounts(lines: InvoiceLine[]): number[] {
  const amounts: number[] = [];
  for (const line of lines) {
    amounts.push(line.unitPrice * line.quantity);
  }
  return amounts;
}

/** The sum of all line amounts, before tax. */
export function subtotal(lines: InvoiceLine[]): number {
  let sum = 0;
  for (let i = 0; i < lines.length; i++) {
    sum += lines[i].unitPrice * lines[i].quantity;
  }
  return sum;
}

export function formatAmount(amount: number, currency = 'EUR'): string {
  return `${amount.toFixed(2)} ${currency}`;
}
