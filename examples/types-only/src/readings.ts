export const KINDS = ['temperature', 'humidity', 'pressure'];

export interface Reading {
  sensor: string;
  kind: string;
  value: number;
  /** Epoch milliseconds. */
  at: number;
}

/** Physically plausible range per kind; anything outside is a sensor fault. */
export const LIMITS = {
  temperature: { min: -40, max: 60 },
  humidity: { min: 0, max: 100 },
  pressure: { min: 870, max: 1085 },
};

export function isPlausible(reading: Reading) {
  const limit = LIMITS[reading.kind as keyof typeof LIMITS];
  if (!limit) return false;
  return reading.value >= limit.min && reading.value <= limit.max;
}

/** The newest reading of each sensor. */
export function latestBySensor(readings: Reading[]) {
  const latest = new Map<string, Reading>();
  for (const reading of readings) {
    const seen = latest.get(reading.sensor);
    if (!seen || reading.at > seen.at) latest.set(reading.sensor, reading);
  }
  return latest;
}
