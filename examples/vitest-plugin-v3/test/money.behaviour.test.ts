import { describe, expect, it } from 'vitest';
import * as base from '../src/money.ts?patchprobe=base';
import { withVat } from '../src/money.ts';

// The base version of the module, typed like the current one.
const before = base as typeof import('../src/money.ts');

describe('against the base version', () => {
  it('keeps withVat as it was (inputs derived from its parameter types)', () => {
    expect(withVat).toBehaveLike(before.withVat);
  });
});
