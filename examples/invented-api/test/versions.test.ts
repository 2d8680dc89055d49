import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion } from '../src/versions.js';

describe('parseVersion', () => {
  it('reads major, minor and patch, with or without a leading v', () => {
    expect(parseVersion('1.4.2')).toEqual({ major: 1, minor: 4, patch: 2 });
    expect(parseVersion(' v2.0.10 ')).toEqual({ major: 2, minor: 0, patch: 10 });
  });

  it('rejects anything else', () => {
    expect(() => parseVersion('1.4')).toThrow(SyntaxError);
    expect(() => parseVersion('latest')).toThrow('not a version: latest');
  });
});

describe('compareVersions', () => {
  it('orders numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBeGreaterThan(0);
    expect(compareVersions('v1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('0.9.9', '1.0.0')).toBeLessThan(0);
  });
});
