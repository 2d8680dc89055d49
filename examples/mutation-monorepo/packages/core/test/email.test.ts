import { describe, expect, it } from 'vitest';
import { emailDomain, isValidEmail, normalizeEmail } from '../src/email.js';

describe('normalizeEmail', () => {
  it('trims surrounding whitespace', () => {
    expect(normalizeEmail('  ada@example.com\n')).toBe('ada@example.com');
  });

  it('lowercases the domain', () => {
    expect(normalizeEmail('grace@Navy.MIL')).toBe('grace@navy.mil');
  });
});

describe('isValidEmail', () => {
  it('accepts ordinary addresses', () => {
    expect(isValidEmail('ada+news@example.co.uk')).toBe(true);
  });

  it('rejects malformed addresses', () => {
    expect(isValidEmail('ada@localhost')).toBe(false);
    expect(isValidEmail('no at sign.com')).toBe(false);
  });
});

describe('emailDomain', () => {
  it('returns the lowercased domain', () => {
    expect(emailDomain('Ada@Example.COM')).toBe('example.com');
  });
});
