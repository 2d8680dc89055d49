import { describe, expectTypeOf, test } from 'vitest';
import { getMetadata, type FieldMetadata } from '../src/metadata.js';
import { field, metadata, nested, title } from '../src/schema.js';

type Expected = { title: string | undefined; description: string | undefined; entries: Record<string, string> };

describe('getMetadata', () => {
  test('collects the title, the description and the entries', () => {
    expectTypeOf(getMetadata(field('email', title('Email'), metadata({ format: 'email' })))).toEqualTypeOf<Expected>();
  });

  test('reads nested pipes, a later item winning', () => {
    expectTypeOf(getMetadata(field('age', nested(title('Age'))))).toEqualTypeOf<FieldMetadata>();
    expectTypeOf<FieldMetadata>().toEqualTypeOf<Expected>();
  });

  test('is empty for a field without metadata', () => {
    expectTypeOf(getMetadata(field('id')).entries).toEqualTypeOf<Record<string, string>>();
    expectTypeOf(getMetadata(field('id')).title).toEqualTypeOf<string | undefined>();
  });
});
