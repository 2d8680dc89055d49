/** Shipping in cents for an order total in cents: free from 5000 cents. */
export function shipping(total: number): number {
  return total >= 5000 ? 0 : 499;
}
