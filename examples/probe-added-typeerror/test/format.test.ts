import { expect, it } from 'vitest';
import { formatPercent } from '../src/format.js';

it('formats a ratio as a percentage', () => {
  expect(formatPercent(0.256)).toBe('25.6%');
  expect(formatPercent(1)).toBe('100.0%');
  expect(formatPercent(0)).toBe('0.0%');
});
