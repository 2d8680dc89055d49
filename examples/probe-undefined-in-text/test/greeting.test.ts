import { expect, it } from 'vitest';
import { greeting } from '../src/greeting.js';

it('greets by nickname', () => {
  expect(greeting({ name: 'Ada Lovelace', nickname: 'Ada' })).toBe('Welcome back, Ada!');
});
