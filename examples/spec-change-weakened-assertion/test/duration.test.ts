import { describe, expect, it } from 'vitest';
import { formatDuration } from '../src/duration.js';

describe('formatDuration', () => {
  it('shows seconds under a minute', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(0.4)).toBe('0s');
  });

  it('shows minutes and seconds', () => {
    expect(formatDuration(125)).toBe('2m 5s');
    expect(formatDuration(180)).toBe('3m');
  });

  it('formats a long duration', () => {
    expect(formatDuration(3900)).toBe('65m');
  });

  it('rejects negative and non-finite durations', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow('invalid duration: NaN');
  });
});
