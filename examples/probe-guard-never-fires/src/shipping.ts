export type Zone = 'domestic' | 'eu' | 'world';

export interface Parcel {
  weightKg: number;
  fragile: boolean;
}

const RATE_PER_KG: Record<Zone, number> = { domestic: 1.2, eu: 3.5, world: 7.9 };
const FRAGILE_SURCHARGE = 2.5;

/** What sending these parcels to `zone` costs, rounded to cents. */
export function shippingCost(parcels: Parcel[], zone: Zone): number {
  let cost = 0;
  for (const parcel of parcels) {
    cost += parcel.weightKg * RATE_PER_KG[zone];
    if (parcel.fragile) cost += FRAGILE_SURCHARGE;
  }
  return Math.round(cost * 100) / 100;
}

/** The heaviest parcel's weight, 0 for none. */
export function heaviest(parcels: Parcel[]): number {
  return parcels.reduce((max, parcel) => Math.max(max, parcel.weightKg), 0);
}
