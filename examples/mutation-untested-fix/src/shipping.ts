export interface Parcel {
  weightKg: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

/** Price of the first kilogram and of each further started kilogram, in cents. */
export function weightPrice(weightKg: number): number {
  if (weightKg <= 1) return 499;
  return 499 + Math.ceil(weightKg - 1) * 150;
}

/** Volumetric weight in kg: what a bulky but light parcel is billed as. */
export function volumetricWeight(p: Parcel): number {
  return (p.lengthCm * p.widthCm * p.heightCm) / 6000;
}

/** The carrier bills the larger of the real and the volumetric weight. */
export function shippingPrice(p: Parcel): number {
  return weightPrice(Math.max(p.weightKg, volumetricWeight(p)));
}
