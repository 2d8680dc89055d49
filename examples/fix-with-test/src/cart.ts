import { couponDiscount, type Coupon } from './coupon.js';
import type { Cents } from './money.js';

export interface LineItem {
  sku: string;
  unitPrice: Cents;
  quantity: number;
}

export class Cart {
  private readonly items = new Map<string, LineItem>();
  private coupon: Coupon | undefined;

  add(sku: string, unitPrice: Cents, quantity = 1): void {
    if (quantity <= 0) throw new RangeError(`quantity must be positive, got ${quantity}`);
    const existing = this.items.get(sku);
    if (existing) existing.quantity += quantity;
    else this.items.set(sku, { sku, unitPrice, quantity });
  }

  remove(sku: string): void {
    this.items.delete(sku);
  }

  applyCoupon(coupon: Coupon): void {
    this.coupon = coupon;
  }

  get lines(): LineItem[] {
    return [...this.items.values()];
  }

  subtotal(): Cents {
    let sum = 0;
    for (const item of this.items.values()) sum += item.unitPrice * item.quantity;
    return sum;
  }

  discount(): Cents {
    return this.coupon ? couponDiscount(this.coupon, this.subtotal()) : 0;
  }

  total(): Cents {
    return this.subtotal() - this.discount();
  }
}
