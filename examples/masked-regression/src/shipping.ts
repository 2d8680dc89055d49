import { MAX_WEIGHT_KG, TIERS } from './tiers.js';
import { zoneFor, zoneMultiplier } from './zones.js';

export interface Parcel {
  weightKg: number;
  countryCode: string;
  express?: boolean;
}

/** Domestic price of the lightest tier that can carry the weight. */
export function tierPrice(weightKg: number): number {
  if (weightKg <= 0) throw new RangeError('weight must be positive');
  if (weightKg > MAX_WEIGHT_KG) throw new RangeError(`parcels over ${MAX_WEIGHT_KG} kg are not accepted`);
  for (const tier of TIERS) {
    if (weightKg <= tier.maxKg) return tier.price;
  }
  throw new Error('unreachable');
}

/** Shipping cost in euros, rounded to cents. Express doubles the price. */
export function shippingCost(parcel: Parcel): number {
  const base = tierPrice(parcel.weightKg) * zoneMultiplier(zoneFor(parcel.countryCode));
  const cost = parcel.express ? base * 2 : base;
  return Math.round(cost * 100) / 100;
}
