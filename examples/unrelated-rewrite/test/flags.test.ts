import { describe, expect, it } from 'vitest';
import { enabledFlags, type Flag, isEnabled } from '../src/flags.js';

const flag = (overrides: Partial<Flag>): Flag => ({ key: 'new-checkout', enabled: true, rollout: 100, ...overrides });

describe('isEnabled', () => {
  it('follows the rollout percentage at its extremes', () => {
    expect(isEnabled(flag({ rollout: 100 }), { id: 'u1' })).toBe(true);
    expect(isEnabled(flag({ rollout: 0 }), { id: 'u1' })).toBe(false);
  });

  it('turns the feature on for allowlisted users outside the rollout', () => {
    expect(isEnabled(flag({ rollout: 0, allow: ['staff-1'] }), { id: 'staff-1' })).toBe(true);
  });

  it('is off for everyone when the flag is disabled', () => {
    expect(isEnabled(flag({ enabled: false }), { id: 'u1' })).toBe(false);
  });

  it('restricts the rollout to the listed countries', () => {
    const nordic = flag({ countries: ['SE', 'NO'] });
    expect(isEnabled(nordic, { id: 'u1', country: 'SE' })).toBe(true);
    expect(isEnabled(nordic, { id: 'u1', country: 'DE' })).toBe(false);
    expect(isEnabled(nordic, { id: 'u1' })).toBe(false);
  });
});

describe('enabledFlags', () => {
  it('lists the keys of the flags that are on, sorted', () => {
    const flags = [flag({ key: 'search-v2' }), flag({ key: 'dark-mode' }), flag({ key: 'beta-api', rollout: 0 })];
    expect(enabledFlags(flags, { id: 'u1' })).toEqual(['dark-mode', 'search-v2']);
  });
});
