import { expect, it } from 'vitest';
import { slugify } from '../src/slug';

it('joins words with dashes', () => {
  expect(slugify('Hello World')).toBe('hello-world');
});
