import { describe, expect, it } from 'vitest';
import { DuplicateUserError, UserDirectory } from '../src/index.js';

describe('UserDirectory.register', () => {
  it('stores the normalised email and a display name', () => {
    const users = new UserDirectory();
    expect(users.register(' ada@Example.com ', 'ada lovelace')).toEqual({
      id: 1,
      email: 'ada@example.com',
      name: 'Ada Lovelace',
    });
  });

  it('rejects an invalid email', () => {
    expect(() => new UserDirectory().register('ada', 'Ada')).toThrow(TypeError);
  });

  it('refuses a second account for the same address in different case', () => {
    const users = new UserDirectory();
    users.register('Ada@example.com', 'Ada');
    expect(() => users.register('ada@example.com', 'Ada again')).toThrow(DuplicateUserError);
  });
});

describe('UserDirectory lookups', () => {
  it('finds a user by email regardless of case', () => {
    const users = new UserDirectory();
    users.register('grace@navy.mil', 'Grace Hopper');
    expect(users.findByEmail('GRACE@navy.mil')?.name).toBe('Grace Hopper');
  });

  it('lists the users of a domain', () => {
    const users = new UserDirectory();
    users.register('ada@example.com', 'Ada');
    users.register('grace@navy.mil', 'Grace');
    expect(users.inDomain('EXAMPLE.com').map((u) => u.name)).toEqual(['Ada']);
  });
});

