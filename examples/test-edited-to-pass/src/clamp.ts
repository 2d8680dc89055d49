/** `value` limited to the range [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  if (min > max) throw new RangeError(`empty range: ${min} > ${max}`);
  if (value < min) return min;
  if (value > max) return min;
  return value;
}
