import { describe, expect, it } from 'vitest';
import { clampPercent, progress } from '../src/percent.js';

describe('clampPercent', () => {
  it('rounds values inside the range', () => {
    expect(clampPercent(42.4)).toBe(42);
    expect(clampPercent(42.5)).toBe(43);
  });

  it('clamps below 0 and above 100', () => {
    expect(clampPercent(-3)).toBe(0);
    expect(clampPercent(100.2)).toBe(100);
    expect(clampPercent(250)).toBe(100);
  });

  it('keeps the bounds themselves', () => {
    expect(clampPercent(0)).toBe(0);
    expect(clampPercent(100)).toBe(100);
  });

  it('treats NaN as 0', () => {
    expect(clampPercent(Number.NaN)).toBe(0);
  });
});

describe('progress', () => {
  it('is done / total in percent', () => {
    expect(progress(1, 4)).toBe(25);
  });

  it('calls an empty job complete', () => {
    expect(progress(0, 0)).toBe(100);
  });
});
