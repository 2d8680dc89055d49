import { expect, it } from 'vitest';
import { formatPrice, normalizeSku } from '../src/format';

it('formats cents as a price', () => {
  expect(formatPrice(1999)).toBe('$19.99');
  expect(formatPrice(5, '€')).toBe('€0.05');
});

it('normalizes a SKU', () => {
  expect(normalizeSku(' ab-1 ')).toBe('AB-1');
});
