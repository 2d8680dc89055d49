import { describe, expect, it } from 'vitest';
import { convert, readableUnit } from '../src/units.js';

describe('convert', () => {
  it('converts within a dimension', () => {
    expect(convert(1.5, 'kg', 'g')).toBe(1500);
    expect(convert(3, 'tsp', 'tbsp')).toBe(1);
    expect(convert(2, 'cup', 'ml')).toBe(480);
  });

  it('refuses to mix mass and volume', () => {
    expect(() => convert(100, 'g', 'ml')).toThrow('cannot convert g to ml');
  });
});

describe('readableUnit', () => {
  it('switches to kilograms from 1000 g', () => {
    expect(readableUnit(999, 'g')).toBe('g');
    expect(readableUnit(1000, 'g')).toBe('kg');
  });

  it('picks the largest spoon or cup that fits', () => {
    expect(readableUnit(2, 'tsp')).toBe('tsp');
    expect(readableUnit(6, 'tsp')).toBe('tbsp');
    expect(readableUnit(250, 'ml')).toBe('cup');
    expect(readableUnit(5, 'cup')).toBe('l');
  });
});
