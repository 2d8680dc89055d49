import { describe, expect, it } from 'vitest';
import { isPlausible, latestBySensor, type Reading } from '../src/readings.js';

const at = (minute: number) => Date.UTC(2026, 0, 1, 12, minute);

describe('isPlausible', () => {
  it('accepts values inside the physical range', () => {
    expect(isPlausible({ sensor: 'roof', kind: 'temperature', value: 21.5, at: at(0) })).toBe(true);
    expect(isPlausible({ sensor: 'roof', kind: 'humidity', value: 100, at: at(0) })).toBe(true);
  });

  it('rejects sensor faults and unknown kinds', () => {
    expect(isPlausible({ sensor: 'roof', kind: 'temperature', value: 85, at: at(0) })).toBe(false);
    expect(isPlausible({ sensor: 'roof', kind: 'pressure', value: 0, at: at(0) })).toBe(false);
    expect(isPlausible({ sensor: 'roof', kind: 'wind', value: 3, at: at(0) })).toBe(false);
  });
});

describe('latestBySensor', () => {
  it('keeps the newest reading per sensor, whatever the order', () => {
    const readings: Reading[] = [
      { sensor: 'roof', kind: 'temperature', value: 20, at: at(5) },
      { sensor: 'cellar', kind: 'temperature', value: 12, at: at(1) },
      { sensor: 'roof', kind: 'temperature', value: 19, at: at(1) },
    ];
    const latest = latestBySensor(readings);
    expect(latest.get('roof')?.value).toBe(20);
    expect(latest.get('cellar')?.value).toBe(12);
  });
});
