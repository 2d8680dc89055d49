import { describe, expect, it } from 'vitest';
import { UserDirectory } from '../src/index.js';

describe('UserDirectory display names', () => {
  it('capitalises each word and lowercases the rest', () => {
    const users = new UserDirectory();
    expect(users.register('grace@navy.mil', '  GRACE   hopper ').name).toBe('Grace Hopper');
  });
});
