export interface WeightTier {
  /** Upper limit of the tier, inclusive, in kilograms. */
  maxKg: number;
  /** Domestic price in euros. */
  price: number;
}

export const TIERS: readonly WeightTier[] = [
  { maxKg: 1, price: 4.5 },
  { maxKg: 5, price: 7.5 },
  { maxKg: 10, price: 12 },
  { maxKg: 30, price: 20 },
];

export const MAX_WEIGHT_KG = TIERS[TIERS.length - 1].maxKg;
