export interface Tariff {
  /** Length of a billing block in minutes; every started block is charged. */
  blockMinutes: number;
  pricePerBlock: number;
  /** Stays up to this long are free. */
  graceMinutes: number;
  /** The most a single 24-hour period can cost. */
  dailyCap: number;
}

export const STANDARD: Tariff = { blockMinutes: 15, pricePerBlock: 1.2, graceMinutes: 10, dailyCap: 24 };

const MINUTES_PER_DAY = 24 * 60;

function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Fee in euros for a stay of `minutes`: free within the grace period, then per started block, capped per day. */
export function parkingFee(minutes: number, tariff: Tariff = STANDARD): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`invalid duration: ${minutes}`);
  if (minutes <= tariff.graceMinutes) return 0;
  const days = Math.floor(minutes / MINUTES_PER_DAY);
  const rest = minutes % MINUTES_PER_DAY;
  const blocks = Math.ceil(rest / tariff.blockMinutes);
  const restFee = Math.min(blocks * tariff.pricePerBlock, tariff.dailyCap);
  return cents(days * tariff.dailyCap + restFee);
}
