import { describe, expect, it } from 'vitest';
import { displayName } from '../src/names.js';

describe('displayName', () => {
  it('capitalises words and collapses spaces', () => {
    expect(displayName('  ada   LOVELACE ')).toBe('Ada Lovelace');
  });
});
