import { expect, it } from 'vitest';
import { formatDuration } from '../src/format.js';

const show = (s: number) => formatDuration(s);

it('formats a long duration', () => {
  expect(show(3905)).toMatchSnapshot();
});

it('formats seconds', () => {
  expect(show(45)).toMatchSnapshot();
});
