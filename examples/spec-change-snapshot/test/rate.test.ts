import { expect, it } from 'vitest';
import { formatRate } from '../src/format.js';

it('formats a rate', () => {
  expect(formatRate(5, 2)).toMatchSnapshot();
});
