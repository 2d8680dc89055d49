import { describe, expect, it } from 'vitest';
import type { Reading } from '../src/readings.js';
import { groupBy, median, summarize } from '../src/stats.js';

const reading = (sensor: string, kind: string, value: number): Reading => ({ sensor, kind, value, at: 0 });

describe('groupBy', () => {
  it('groups in first-seen order', () => {
    const groups = groupBy([reading('a', 'humidity', 40), reading('b', 'humidity', 45), reading('a', 'pressure', 1010)], (r) => r.sensor);
    expect([...groups.keys()]).toEqual(['a', 'b']);
    expect(groups.get('a')?.map((r) => r.value)).toEqual([40, 1010]);
  });
});

describe('median', () => {
  it('takes the middle value of an odd count', () => {
    expect(median([3, 1, 2])).toBe(2);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is undefined for no values', () => {
    expect(median([])).toBeUndefined();
  });
});

describe('summarize', () => {
  it('takes the median per kind, ignoring implausible readings', () => {
    const summary = summarize([
      reading('roof', 'temperature', 18),
      reading('yard', 'temperature', 22),
      reading('shed', 'temperature', 99),
      reading('roof', 'humidity', 55),
    ]);
    expect(summary).toEqual({ temperature: 20, humidity: 55 });
  });
});
