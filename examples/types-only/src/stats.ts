import { isPlausible, KINDS, type Reading } from './readings.js';

export function groupBy(readings: Reading[], key: (reading: Reading) => string) {
  const groups = new Map<string, Reading[]>();
  for (const reading of readings) {
    const k = key(reading);
    let group = groups.get(k);
    if (!group) {
      group = [];
      groups.set(k, group);
    }
    group.push(reading);
  }
  return groups;
}

export function median(values: number[]) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of the plausible readings of every kind; kinds without readings are left out. */
export function summarize(readings: Reading[]) {
  const byKind = groupBy(readings.filter(isPlausible), (reading) => reading.kind);
  const summary: Record<string, number> = {};
  for (const kind of KINDS) {
    const values = (byKind.get(kind) ?? []).map((reading) => reading.value);
    const middle = median(values);
    if (middle !== undefined) summary[kind] = middle;
  }
  return summary;
}
