import { describe, expect, it } from 'vitest';
import { maxLength, minLength, validate } from '../src/rules';

describe('minLength', () => {
  it('passes a long enough string and fails a short one', () => {
    expect(minLength(3).check('abcd')).toBe(true);
    expect(minLength(3).check('ab')).toBe(false);
  });
});

describe('maxLength', () => {
  it('passes a short enough string and fails a long one', () => {
    expect(maxLength(5).check('abc')).toBe(true);
    expect(maxLength(5).check('abcdefgh')).toBe(false);
    expect(maxLength(5).check('👍👍')).toBe(true);
  });
});

describe('validate', () => {
  it('lists the messages of the broken rules', () => {
    const username = [minLength(3), maxLength(8, 'too long')];
    expect(validate('jo', username)).toEqual(['at least 3 characters']);
    expect(validate('joanna', username)).toEqual([]);
    expect(validate('joanna-the-great', username)).toEqual(['too long']);
  });
});
