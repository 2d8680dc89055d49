import { describe, expect, it } from 'vitest';
import { slugify } from '../src/slug.js';

describe('slugify', () => {
  it('lower-cases the title', () => {
    expect(slugify('Hello')).toBe('hello');
  });

  it('joins words with one dash', () => {
    expect(slugify('big  red dog')).toBe('big-red-dog');
  });

  it('keeps digits', () => {
    expect(slugify('Top 10 tips')).toBe('top-10-tips');
  });

  it('drops dashes at either end', () => {
    expect(slugify('  Why? ')).toBe('why');
  });
});
