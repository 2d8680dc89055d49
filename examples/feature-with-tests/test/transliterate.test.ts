import { describe, expect, it } from 'vitest';
import { transliterate } from '../src/transliterate.js';

describe('transliterate', () => {
  it('strips diacritics', () => {
    expect(transliterate('Ångström café')).toBe('Angstrom cafe');
  });

  it('expands special letters and keeps their case', () => {
    expect(transliterate('Straße Ærø')).toBe('Strasse AEro');
  });

  it('spells out the ampersand', () => {
    expect(transliterate('Salt & Pepper')).toBe('Salt  and  Pepper');
  });
});
