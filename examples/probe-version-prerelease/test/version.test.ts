import { describe, expect, it } from 'vitest';
import { compareVersions } from '../src/version';

describe('compareVersions', () => {
  it('finds equal versions equal', () => {
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('2.0.0-rc.1', '2.0.0-rc.1')).toBe(0);
  });

  it('orders by major, minor and patch, numerically', () => {
    expect(compareVersions('2.0.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.9.0', '1.10.0')).toBeLessThan(0);
  });
});
