/** A ratio as a percentage with one decimal: 0.256 → "25.6%". */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
