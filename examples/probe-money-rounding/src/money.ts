/** A price in euros (19.99) as whole cents (1999). */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** What a basket of prices comes to, in cents. */
export function basketCents(prices: number[]): number {
  return prices.reduce((sum, price) => sum + toCents(price), 0);
}
