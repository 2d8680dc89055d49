/** Orders at or above this total ship free. */
const FREE_SHIPPING_FROM = 50;
const FLAT_RATE = 4.95;

/** The shipping cost of an order of `total` euros. */
export function shippingCost(total: number): number {
  return total >= FREE_SHIPPING_FROM ? 0 : FLAT_RATE;
}
