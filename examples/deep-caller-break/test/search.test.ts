import { describe, expect, it } from 'vitest';
import { type Doc, search } from '../src/search.js';

const DOCS: Doc[] = [
  {
    id: 'fables',
    title: 'Fables',
    body: 'The quick brown fox\njumps over the lazy dog.\nThe dog sleeps.',
  },
  {
    id: 'hunting',
    title: 'Fox hunting',
    body: 'A history of the hunt,\nwith hounds and horses.',
  },
  {
    id: 'gardening',
    title: 'Gardening',
    body: 'Keep the fox\nout of the henhouse.',
  },
];

describe('search', () => {
  it('finds words at the start and end of a line', () => {
    expect(search('jumps', DOCS)).toEqual(['fables']);
    expect(search('henhouse', DOCS)).toEqual(['gardening']);
  });

  it('ranks title matches above body matches', () => {
    expect(search('fox', DOCS)).toEqual(['hunting', 'fables', 'gardening']);
  });

  it('requires every query term', () => {
    expect(search('lazy dog', DOCS)).toEqual(['fables']);
    expect(search('the', DOCS)).toEqual([]);
  });
});
