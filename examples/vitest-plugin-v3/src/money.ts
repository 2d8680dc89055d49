/** Formats a price in cents as euros: `formatPrice(1999)` → `"19.99 €"`. */
export function formatPrice(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return `${euros}.${String(rest).padStart(2, '0')} €`;
}

/** The gross price of a net amount in cents at a VAT rate in percent, rounded to the cent. */
export function withVat(cents: number, ratePercent: number): number {
  return Math.round((cents * (100 + ratePercent)) / 100);
}
