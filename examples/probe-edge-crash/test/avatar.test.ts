import { describe, expect, it } from 'vitest';
import { avatarColor, initials } from '../src/avatar.js';

describe('initials', () => {
  it('takes the first letter of first and last name', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
  });

  it('upper-cases the letters', () => {
    expect(initials('grace hopper')).toBe('GH');
  });
});

describe('avatarColor', () => {
  it('gives the same name the same colour', () => {
    expect(avatarColor('Ada Lovelace')).toBe(avatarColor('Ada Lovelace'));
    expect(avatarColor('Ada Lovelace')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
