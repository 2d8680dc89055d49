import { describe, expect, it } from 'vitest';
import { countOccurrences, wordCount } from '../src/text-stats.js';

describe('countOccurrences', () => {
  it('counts non-overlapping matches', () => {
    expect(countOccurrences('banana', 'an')).toBe(2);
    expect(countOccurrences('aaaa', 'aa')).toBe(2);
  });

  it('returns 0 when there is no match', () => {
    expect(countOccurrences('banana', 'x')).toBe(0);
  });
});

describe('wordCount', () => {
  it('counts words separated by any whitespace', () => {
    expect(wordCount('  the quick\tbrown\nfox ')).toBe(4);
  });
});
