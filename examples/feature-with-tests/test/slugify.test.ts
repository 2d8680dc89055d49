import { describe, expect, it } from 'vitest';
import { slugify } from '../src/index.js';

describe('slugify', () => {
  it('lowercases and joins words with dashes', () => {
    expect(slugify('Hello World')).toBe('hello-world');
  });

  it('drops punctuation and collapses separators', () => {
    expect(slugify('  What’s new in v2.0?!  ')).toBe('what-s-new-in-v2-0');
  });

  it('transliterates accents', () => {
    expect(slugify('Crème Brûlée à la française')).toBe('creme-brulee-a-la-francaise');
  });

  it('supports a custom separator', () => {
    expect(slugify('Release Notes 2024', { separator: '_' })).toBe('release_notes_2024');
  });

  describe('maxLength', () => {
    it('cuts at a word boundary', () => {
      expect(slugify('The quick brown fox jumps', { maxLength: 15 })).toBe('the-quick-brown');
    });

    it('cuts inside a single long word when there is no boundary', () => {
      expect(slugify('Supercalifragilistic', { maxLength: 5 })).toBe('super');
    });
  });
});
