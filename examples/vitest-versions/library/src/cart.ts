export interface Line {
  sku: string;
  unitPrice: number;
  quantity: number;
}

/** Sum of unit price × quantity over the lines, in cents. */
export function subtotal(lines: Line[]): number {
  let total = 0;
  for (const line of lines) {
    total += line.unitPrice * line.quantity;
  }
  return total;
}

/** The discount in cents: 10% from 10,000 cents up, 5% from 5,000, none below. */
export function discount(amount: number): number {
  if (amount >= 10_000) return Math.round(amount * 0.1);
  if (amount >= 5_000) return Math.round(amount * 0.05);
  return 0;
}

/** What the customer pays, in cents. */
export function total(lines: Line[]): number {
  const sum = subtotal(lines);
  return sum - discount(sum);
}
