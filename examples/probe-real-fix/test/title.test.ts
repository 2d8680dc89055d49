import { describe, expect, it } from 'vitest';
import { sortKey, titleCase } from '../src/title.js';

describe('titleCase', () => {
  it('capitalises every word', () => {
    expect(titleCase('the lord of the rings')).toBe('The Lord Of The Rings');
  });

  it('keeps single-letter words', () => {
    expect(titleCase('a tale of two cities')).toBe('A Tale Of Two Cities');
  });
});

describe('sortKey', () => {
  it('drops a leading article and lower-cases', () => {
    expect(sortKey('The Hobbit')).toBe('hobbit');
    expect(sortKey('  An Echo in the Bone')).toBe('echo in the bone');
  });
});
