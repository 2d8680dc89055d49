import { describe, expect, it } from 'vitest';
import { chunk } from '../src/array';

describe('chunk', () => {
  it('splits data-first', () => {
    expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
  });

  it('splits data-last', () => {
    const pairs = chunk(2) as (items: string[]) => string[][];
    expect(pairs(['a', 'b', 'c', 'd', 'e', 'f'])).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
  });
});
