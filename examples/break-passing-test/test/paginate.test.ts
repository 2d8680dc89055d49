import { describe, expect, it } from 'vitest';
import { pageWindow, paginate } from '../src/paginate.js';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('paginate', () => {
  it('returns the first page', () => {
    const page = paginate(numbers(25), 1, 10);
    expect(page.items).toEqual(numbers(10));
    expect(page).toMatchObject({ totalPages: 3, hasPrevious: false, hasNext: true });
  });

  it('returns a partial last page', () => {
    const page = paginate(numbers(25), 3, 10);
    expect(page.items).toEqual([21, 22, 23, 24, 25]);
    expect(page.hasNext).toBe(false);
  });

  it('has no empty trailing page when the items fill the pages exactly', () => {
    const page = paginate(numbers(20), 2, 10);
    expect(page.totalPages).toBe(2);
    expect(page.hasNext).toBe(false);
  });

  it('handles an empty list', () => {
    expect(paginate([], 1, 10)).toMatchObject({ items: [], totalPages: 0, hasNext: false });
  });

  it('rejects invalid arguments', () => {
    expect(() => paginate(numbers(5), 0, 10)).toThrow(RangeError);
    expect(() => paginate(numbers(5), 1, 2.5)).toThrow(RangeError);
  });
});

describe('pageWindow', () => {
  it('shows neighbours and both ends', () => {
    expect(pageWindow(6, 20)).toEqual([1, 4, 5, 6, 7, 8, 20]);
  });

  it('clips at the edges', () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
  });
});
