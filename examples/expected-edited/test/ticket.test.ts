import { describe, expect, it } from 'vitest';
import { minutesBetween, settle } from '../src/ticket.js';

describe('minutesBetween', () => {
  it('counts minutes on the same day and across midnight', () => {
    expect(minutesBetween('08:15', '09:00')).toBe(45);
    expect(minutesBetween('23:30', '00:15')).toBe(45);
  });

  it('rejects malformed times', () => {
    expect(() => minutesBetween('8:15', '09:00')).toThrow('not a time: 8:15');
  });
});

describe('settle', () => {
  it('adds up the fees per plate', () => {
    const owed = settle([
      { plate: 'B-XY 123', entry: '08:00', exit: '09:00' },
      { plate: 'M-AB 42', entry: '12:00', exit: '12:05' },
      { plate: 'B-XY 123', entry: '17:30', exit: '18:00' },
    ]);
    expect(owed).toEqual(new Map([['B-XY 123', 7.2], ['M-AB 42', 0]]));
  });
});
