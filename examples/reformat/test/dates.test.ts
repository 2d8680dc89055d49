import { describe, expect, it } from 'vitest';
import { addBusinessDays, addDays, daysBetween, isWeekend, toISODate } from '../src/dates.js';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('calendar arithmetic', () => {
  it('adds days across a month boundary', () => {
    expect(toISODate(addDays(d('2024-01-30'), 3))).toBe('2024-02-02');
  });

  it('counts whole days between two dates, ignoring the time of day', () => {
    expect(daysBetween(new Date('2024-03-01T23:00:00Z'), new Date('2024-03-04T01:00:00Z'))).toBe(3);
    expect(daysBetween(d('2024-03-04'), d('2024-03-01'))).toBe(-3);
  });
});

describe('business days', () => {
  it('detects weekends', () => {
    expect(isWeekend(d('2024-06-08'))).toBe(true);
    expect(isWeekend(d('2024-06-10'))).toBe(false);
  });

  it('skips the weekend', () => {
    // Friday + 1 business day = Monday
    expect(toISODate(addBusinessDays(d('2024-06-07'), 1))).toBe('2024-06-10');
    expect(toISODate(addBusinessDays(d('2024-06-05'), 5))).toBe('2024-06-12');
  });
});
