import { expect, test } from 'vitest';
import { pages } from '../src/pages.js';

test('numbers the pages from 1', () => {
  expect(pages(['a', 'b', 'c'], 2)).toEqual([
    { number: 1, items: ['a', 'b'] },
    { number: 2, items: ['c'] },
  ]);
});
