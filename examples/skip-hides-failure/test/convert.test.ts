import { describe, expect, it } from 'vitest';
import { detectIsbn, hyphenate13, toIsbn13 } from '../src/convert.js';

describe('detectIsbn', () => {
  it('tells ISBN-10 from ISBN-13', () => {
    expect(detectIsbn('0-306-40615-2')).toBe('isbn10');
    expect(detectIsbn('9780306406157')).toBe('isbn13');
    expect(detectIsbn('12345')).toBeNull();
  });
});

describe('toIsbn13', () => {
  it('converts an ISBN-10 with the 978 prefix and a new check digit', () => {
    expect(toIsbn13('0-306-40615-2')).toBe('9780306406157');
  });

  it('keeps an ISBN-13 and refuses garbage', () => {
    expect(toIsbn13('978-3-16-148410-0')).toBe('9783161484100');
    expect(() => toIsbn13('0-306-40615-3')).toThrow('not a valid ISBN: 0-306-40615-3');
  });
});

describe('hyphenate13', () => {
  it('groups the digits for display', () => {
    expect(hyphenate13('9780306406157')).toBe('978-0-306-40615-7');
  });
});
