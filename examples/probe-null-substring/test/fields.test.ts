import { expect, it } from 'vitest';
import { describeField, fieldJson } from '../src/fields.js';

const email = { name: 'email', type: 'string', optional: false } as const;

it('describes a field', () => {
  expect(describeField(email)).toBe('email: string');
});

it('writes a field as JSON', () => {
  expect(JSON.parse(fieldJson(email))).toMatchObject({ name: 'email', type: 'string' });
});
