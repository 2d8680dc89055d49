import { describe, expect, test } from 'vitest';
import { getMetadata } from '../src/metadata.js';
import { description, field, metadata, nested, title } from '../src/schema.js';

describe('getMetadata', () => {
  test('collects the title, the description and the entries', () => {
    const email = field('email', title('Email'), description('Where we write to'), metadata({ format: 'email' }));
    expect(getMetadata(email)).toStrictEqual({ title: 'Email', description: 'Where we write to', entries: { format: 'email' } });
  });

  test('reads nested pipes, a later item winning', () => {
    const age = field('age', title('Age'), nested(title('Age in years'), metadata({ unit: 'year' })), metadata({ min: '0' }));
    expect(getMetadata(age)).toStrictEqual({ title: 'Age in years', description: undefined, entries: { unit: 'year', min: '0' } });
  });

  test('is empty for a field without metadata', () => {
    expect(getMetadata(field('id'))).toStrictEqual({ title: undefined, description: undefined, entries: {} });
  });
});
