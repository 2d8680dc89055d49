/** The median of response times in milliseconds; 0 for no samples. */
export function median(samples: number[]): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The arithmetic mean of response times; 0 for no samples. */
export function mean(samples: number[]): number {
  if (samples.length === 0) return 0;
  return samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
}
