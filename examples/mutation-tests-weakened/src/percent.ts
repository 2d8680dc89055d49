/** A percentage for a progress bar: whole numbers from 0 to 100; NaN counts as 0. */
export function clampPercent(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (value < 0) return 0;
  if (value > 100) return 100;
  return Math.round(value);
}

/** done / total as a clamped percentage; an empty job is complete. */
export function progress(done: number, total: number): number {
  if (total === 0) return 100;
  return clampPercent((done / total) * 100);
}
