import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/tokenize.js';

describe('tokenize', () => {
  it('lower-cases and splits on whitespace', () => {
    expect(tokenize('The Quick  brown\tFox')).toEqual(['the', 'quick', 'brown', 'fox']);
  });

  it('strips punctuation around words but keeps it inside', () => {
    expect(tokenize('"Hello," she said — it\'s 9.30!')).toEqual(['hello', 'she', 'said', "it's", '9.30']);
  });
});
