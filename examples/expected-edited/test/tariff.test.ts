import { describe, expect, it } from 'vitest';
import { parkingFee } from '../src/tariff.js';

describe('parkingFee', () => {
  it('is free within the grace period', () => {
    expect(parkingFee(0)).toBe(0);
    expect(parkingFee(10)).toBe(0);
  });

  it('charges whole quarter hours', () => {
    expect(parkingFee(45)).toBe(3.6);
    expect(parkingFee(120)).toBe(9.6);
  });

  it('charges every started quarter hour', () => {
    expect(parkingFee(20)).toBe(2.4);
  });

  it('caps a day at 24 euros and charges full days at the cap', () => {
    expect(parkingFee(23 * 60)).toBe(24);
    expect(parkingFee(24 * 60 + 30)).toBe(26.4);
  });

  it('rejects negative and non-finite durations', () => {
    expect(() => parkingFee(-1)).toThrow(RangeError);
    expect(() => parkingFee(Number.NaN)).toThrow('invalid duration: NaN');
  });
});
