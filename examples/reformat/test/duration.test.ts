import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../src/duration.js';

describe('parseDuration', () => {
  it('parses combined units', () => {
    expect(parseDuration('1h 30m')).toBe(5400);
    expect(parseDuration('2d3h')).toBe(183600);
  });

  it('parses plain seconds', () => {
    expect(parseDuration('45s')).toBe(45);
  });

  it('rejects garbage', () => {
    expect(() => parseDuration('soon')).toThrow(SyntaxError);
    expect(() => parseDuration('5 minutes')).toThrow(SyntaxError);
  });
});

describe('formatDuration', () => {
  it('uses the largest units first and skips zeros', () => {
    expect(formatDuration(3661)).toBe('1h 1m 1s');
    expect(formatDuration(86400 + 120)).toBe('1d 2m');
  });

  it('formats zero and negative durations', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(-90)).toBe('-1m 30s');
  });

  it('round-trips with parseDuration', () => {
    expect(parseDuration(formatDuration(200000))).toBe(200000);
  });
});
