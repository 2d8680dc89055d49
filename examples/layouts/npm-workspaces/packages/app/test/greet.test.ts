import { expect, it } from 'vitest';
import { greet } from '../src/greet';

it('greets by the full name', () => {
  expect(greet('grace  HOPPER')).toBe('Hello, Grace Hopper!');
});
