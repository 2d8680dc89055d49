import { describe, expect, it } from 'vitest';
import { bucketOf, fnv1a } from '../src/hash.js';

describe('fnv1a', () => {
  it('matches the reference values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});

describe('bucketOf', () => {
  it('is stable and within 0–99', () => {
    const bucket = bucketOf('new-checkout', 'user-42');
    expect(bucket).toBe(bucketOf('new-checkout', 'user-42'));
    expect(bucket).toBeGreaterThanOrEqual(0);
    expect(bucket).toBeLessThan(100);
  });

  it('spreads users evenly', () => {
    const inLowerHalf = Array.from({ length: 2000 }, (_, i) => bucketOf('new-checkout', `user-${i}`)).filter((b) => b < 50).length;
    expect(inLowerHalf).toBeGreaterThan(900);
    expect(inLowerHalf).toBeLessThan(1100);
  });
});
