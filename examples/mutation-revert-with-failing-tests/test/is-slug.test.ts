import { describe, expect, it } from 'vitest';
import { isSlug } from '../src/slug.js';

describe('isSlug', () => {
  it('accepts a slug and refuses other text', () => {
    expect(isSlug('big-red-dog')).toBe(true);
    expect(isSlug('Big Red')).toBe(false);
  });
});
