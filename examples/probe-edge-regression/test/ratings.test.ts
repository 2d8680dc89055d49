import { describe, expect, it } from 'vitest';
import { averageRating, ratingCounts } from '../src/ratings.js';

describe('averageRating', () => {
  it('averages the ratings', () => {
    expect(averageRating([5, 4, 4, 3])).toBe(4);
  });

  it('rounds to one decimal', () => {
    expect(averageRating([5, 4, 4])).toBe(4.3);
  });
});

describe('ratingCounts', () => {
  it('counts each star value', () => {
    expect(ratingCounts([5, 5, 3, 1])).toEqual({ 1: 1, 2: 0, 3: 1, 4: 0, 5: 2 });
  });
});
