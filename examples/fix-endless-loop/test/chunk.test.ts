import { describe, expect, test } from 'vitest';
import { chunk } from '../src/chunk.js';

describe('chunk', () => {
  test('groups items by the size', () => {
    expect(chunk([1, 2, 3, 4, 5, 6], 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  test('keeps the remainder in the last group', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  test('has no groups for no items', () => {
    expect(chunk([], 3)).toEqual([]);
  });
});
