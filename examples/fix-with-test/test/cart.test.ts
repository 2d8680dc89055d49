import { describe, expect, it } from 'vitest';
import { Cart } from '../src/cart.js';
import type { Coupon } from '../src/coupon.js';

const TEN_PERCENT: Coupon = { code: 'SAVE10', percentOff: 10, minimumSpend: 5000 };

describe('Cart items', () => {
  it('sums unit price times quantity', () => {
    const cart = new Cart();
    cart.add('apple', 120, 3);
    cart.add('bread', 250);
    expect(cart.subtotal()).toBe(610);
  });

  it('merges quantities of the same sku', () => {
    const cart = new Cart();
    cart.add('apple', 120, 1);
    cart.add('apple', 120, 2);
    expect(cart.lines).toEqual([{ sku: 'apple', unitPrice: 120, quantity: 3 }]);
  });

  it('removes an item', () => {
    const cart = new Cart();
    cart.add('apple', 120);
    cart.add('bread', 250);
    cart.remove('apple');
    expect(cart.subtotal()).toBe(250);
  });

  it('rejects a non-positive quantity', () => {
    expect(() => new Cart().add('apple', 120, 0)).toThrow(RangeError);
  });
});

describe('Cart coupons', () => {
  it('applies a percentage coupon above the minimum spend', () => {
    const cart = new Cart();
    cart.add('headphones', 8000);
    cart.applyCoupon(TEN_PERCENT);
    expect(cart.discount()).toBe(800);
    expect(cart.total()).toBe(7200);
  });

  it('ignores the coupon below the minimum spend', () => {
    const cart = new Cart();
    cart.add('cable', 1500);
    cart.applyCoupon(TEN_PERCENT);
    expect(cart.total()).toBe(1500);
  });
});
