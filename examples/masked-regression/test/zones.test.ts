import { describe, expect, it } from 'vitest';
import { zoneFor } from '../src/zones.js';

describe('zoneFor', () => {
  it('maps country codes to zones', () => {
    expect(zoneFor('DE')).toBe('domestic');
    expect(zoneFor('nl')).toBe('eu');
    expect(zoneFor('JP')).toBe('world');
  });
});
