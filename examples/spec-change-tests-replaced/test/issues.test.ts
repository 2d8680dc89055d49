import { describe, expect, it } from 'vitest';
import { maxLengthIssue, minLengthIssue } from '../src/issues';

describe('minLengthIssue', () => {
  const base = { kind: 'validation', type: 'min_length', expected: '>=3' };

  it('with default message', () => {
    expect(minLengthIssue('ab', 3)).toStrictEqual({ ...base, received: '2', message: 'Invalid length: Expected >=3 but received 2' });
  });

  it('with message', () => {
    expect(minLengthIssue('ab', 3, 'too short')).toStrictEqual({ ...base, received: '2', message: 'too short' });
  });
});

describe('maxLengthIssue', () => {
  const base = { kind: 'validation', type: 'max_length', expected: '<=3' };

  it('with default message', () => {
    expect(maxLengthIssue('abcd', 3)).toStrictEqual({ ...base, received: '4', message: 'Invalid length: Expected <=3 but received 4' });
  });

  it('with message', () => {
    expect(maxLengthIssue('abcd', 3, 'too long')).toStrictEqual({ ...base, received: '4', message: 'too long' });
  });
});
