import { describe, expect, it } from 'vitest';
import { orderTotal } from '../src/checkout.js';

describe('orderTotal', () => {
  it('adds the shipping fee to small orders', async () => {
    expect(await orderTotal([10, 20])).toBe(34.95);
  });

  it('ships for free from 50', async () => {
    await expect(orderTotal([30, 25])).resolves.toBe(55);
  });
});
