import { describe, expect, it } from 'vitest';
import { checkDigit13, isValidIsbn10, isValidIsbn13 } from '../src/isbn.js';

describe('isValidIsbn10', () => {
  it('accepts a valid ISBN-10 with or without hyphens', () => {
    expect(isValidIsbn10('0-306-40615-2')).toBe(true);
    expect(isValidIsbn10('0306406152')).toBe(true);
  });

  it('accepts an X check digit', () => {
    expect(isValidIsbn10('0-8044-2957-X')).toBe(true);
    expect(isValidIsbn10('080442957x')).toBe(true);
  });

  it('rejects a wrong check digit or a wrong length', () => {
    expect(isValidIsbn10('0-306-40615-3')).toBe(false);
    expect(isValidIsbn10('030640615')).toBe(false);
    expect(isValidIsbn10('X306406152')).toBe(false);
  });
});

describe('isValidIsbn13', () => {
  it('accepts a valid ISBN-13', () => {
    expect(isValidIsbn13('978-0-306-40615-7')).toBe(true);
  });

  it('rejects a wrong check digit or prefix', () => {
    expect(isValidIsbn13('978-0-306-40615-8')).toBe(false);
    expect(isValidIsbn13('123-0-306-40615-7')).toBe(false);
  });
});

describe('checkDigit13', () => {
  it('computes the weighted check digit', () => {
    expect(checkDigit13('978030640615')).toBe(7);
    expect(checkDigit13('978316148410')).toBe(0);
  });
});
