import { describe, expect, it } from 'vitest';
import { daysInMonth } from '../src/calendar.js';

describe('daysInMonth', () => {
  it('knows the long and the short months', () => {
    expect(daysInMonth(new Date('2023-01-15'))).toBe(31);
    expect(daysInMonth(new Date('2023-04-15'))).toBe(30);
    expect(daysInMonth(new Date('2023-08-15'))).toBe(31);
    expect(daysInMonth(new Date('2023-09-15'))).toBe(30);
  });

  it('knows February', () => {
    expect(daysInMonth(new Date('2023-02-01'))).toBe(28);
    expect(daysInMonth(new Date('2024-02-01'))).toBe(29);
  });
});
