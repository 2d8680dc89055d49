/** Rounds to a fixed number of decimals, halves away from zero. */
export function roundTo(value: number, decimals = 2): number {
  return Number(value.toFixed(decimals));
}
