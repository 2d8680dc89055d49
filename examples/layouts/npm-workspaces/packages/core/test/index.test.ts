import { expect, it } from 'vitest';
import { titleCase } from '../src/index';

it('capitalises each word', () => {
  expect(titleCase('ada lovelace')).toBe('Ada Lovelace');
});
