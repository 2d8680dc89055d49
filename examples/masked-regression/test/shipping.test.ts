import { describe, expect, it } from 'vitest';
import { shippingCost, tierPrice } from '../src/shipping.js';

describe('tierPrice', () => {
  it('prices a light parcel', () => {
    expect(tierPrice(0.4)).toBe(4.5);
  });

  it('prices a 5 kg parcel', () => {
    expect(tierPrice(5)).toBe(7.5);
  });

  it('prices a heavy parcel', () => {
    expect(tierPrice(18)).toBe(20);
  });

  it('rejects impossible weights', () => {
    expect(() => tierPrice(0)).toThrow(RangeError);
    expect(() => tierPrice(31)).toThrow('parcels over 30 kg are not accepted');
  });
});

describe('shippingCost', () => {
  it('applies the zone multiplier', () => {
    expect(shippingCost({ weightKg: 2, countryCode: 'de' })).toBe(7.5);
    expect(shippingCost({ weightKg: 2, countryCode: 'FR' })).toBe(13.5);
    expect(shippingCost({ weightKg: 2, countryCode: 'US' })).toBe(24);
  });

  it('doubles the price for express', () => {
    expect(shippingCost({ weightKg: 7, countryCode: 'DE', express: true })).toBe(24);
  });
});
