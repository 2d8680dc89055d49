import { describe, expect, it } from 'vitest';
import { idPrefix, makeId } from '../src/ids.js';

describe('makeId', () => {
  it('starts with the prefix and an underscore', () => {
    expect(makeId('ord')).toMatch(/^ord_[a-z0-9]+$/);
  });

  it('makes different ids', () => {
    expect(makeId('ord')).not.toBe(makeId('ord'));
  });
});

describe('idPrefix', () => {
  it('reads the prefix back', () => {
    expect(idPrefix(makeId('inv'))).toBe('inv');
    expect(idPrefix('no-separator')).toBe('');
  });
});
