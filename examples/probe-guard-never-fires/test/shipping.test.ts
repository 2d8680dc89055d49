import { describe, expect, it } from 'vitest';
import { heaviest, shippingCost, type Parcel } from '../src/shipping.js';

const PARCELS: Parcel[] = [
  { weightKg: 2, fragile: false },
  { weightKg: 0.5, fragile: true },
];

describe('shippingCost', () => {
  it('charges by weight and zone', () => {
    expect(shippingCost([{ weightKg: 2, fragile: false }], 'eu')).toBe(7);
  });

  it('adds the surcharge for fragile parcels', () => {
    expect(shippingCost(PARCELS, 'domestic')).toBe(5.5);
  });
});

describe('heaviest', () => {
  it('finds the heaviest parcel', () => {
    expect(heaviest(PARCELS)).toBe(2);
  });
});
