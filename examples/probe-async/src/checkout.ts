const FREE_SHIPPING_FROM = 50;
const SHIPPING_FEE = 4.95;

/** The shipping fee for a subtotal; async because it will come from the carrier's rate API. */
async function shippingFee(subtotal: number): Promise<number> {
  return subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE;
}

/** What the customer pays for items at these prices, shipping included, rounded to cents. */
export async function orderTotal(prices: number[]): Promise<number> {
  const subtotal = prices.reduce((sum, price) => sum + price, 0);
  const shipping = await shippingFee(subtotal);
  return Math.round((subtotal + shipping) * 100) / 100;
}
