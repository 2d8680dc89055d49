import { describe, expect, it } from 'vitest';
import { postPath, slugify } from '../src/slug.js';

describe('slugify', () => {
  it('lower-cases and joins words with hyphens', () => {
    expect(slugify('Hello World')).toBe('hello-world');
  });

  it('drops punctuation and surrounding spaces', () => {
    expect(slugify('  Ten Tips for TypeScript!  ')).toBe('ten-tips-for-typescript');
  });
});

describe('postPath', () => {
  it('puts the slug under the year', () => {
    expect(postPath(2024, 'Release Notes 1.2')).toBe('/blog/2024/release-notes-1-2');
  });
});
