import type { Cents } from './money.js';

export interface Coupon {
  code: string;
  /** Percentage off the subtotal, 0–100. */
  percentOff: number;
  /** The subtotal must reach this amount for the coupon to apply. */
  minimumSpend: Cents;
}

/** Returns the discount, in cents, that the coupon grants on the given subtotal. */
export function couponDiscount(coupon: Coupon, subtotal: Cents): Cents {
  if (subtotal > coupon.minimumSpend) {
    const percent = Math.min(Math.max(coupon.percentOff, 0), 100);
    return Math.round((subtotal * percent) / 100);
  }
  return 0;
}
