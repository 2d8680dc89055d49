import { describe, expect, it } from 'vitest';
import { normalizeWhitespace } from '../src/whitespace.js';

describe('normalizeWhitespace', () => {
  it('collapses runs of spaces', () => {
    expect(normalizeWhitespace('quick   brown  fox')).toBe('quick brown fox');
  });

  it('turns tabs into single spaces', () => {
    expect(normalizeWhitespace('name\tage\t\tcity')).toBe('name age city');
  });

  it('trims both ends', () => {
    expect(normalizeWhitespace('   padded  ')).toBe('padded');
    expect(normalizeWhitespace('   ')).toBe('');
  });
});
