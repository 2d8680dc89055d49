import { describe, expect, it } from 'vitest';
import { setPath } from '../src/set-path';

describe('setPath', () => {
  it('sets a nested value', () => {
    expect(setPath({}, 'a.b', 1)).toEqual({ a: { b: 1 } });
  });

  it('sets a key named prototype', () => {
    expect(setPath({}, 'prototype.x', 1)).toEqual({ prototype: { x: 1 } });
  });
});
