import { describe, expect, it } from 'vitest';
import { divergenceShape } from '../../src/probes/runtime/explain.js';
import type { Outcome } from '../../src/probes/runtime/outcome.js';

const returns = (value: unknown, args: unknown[] = []): Outcome => ({ kind: 'returned', value, args });
const throws = (name: string, message = 'm'): Outcome => ({ kind: 'threw', error: { name, message }, args: [] });

describe(divergenceShape.name, () => {
  it('tells a change of keys from a change of values under the same keys (the trimmed-key patch)', () => {
    const keys = divergenceShape(returns({ ' page ': '2' }), returns({ page: '2' }));
    const values = divergenceShape(returns({ token: 'abc==' }), returns({ token: 'abc' }));
    expect(keys).toBe('value object: keys');
    expect(values).toBe('value object: values');
    // The same kind of change on other data has the same shape: shapes never name values.
    expect(divergenceShape(returns({ a: '1', ' b': '2' }), returns({ a: '1', b: '2' }))).toBe(keys);
  });

  it('says how a string, a list or a boolean changed, and a number only into or out of NaN', () => {
    // A fix of rounding moves some results up and others down: one shape.
    expect(divergenceShape(returns(1998), returns(1999))).toBe('value number: other number');
    expect(divergenceShape(returns(5), returns(-1))).toBe('value number: other number');
    expect(divergenceShape(returns(2), returns(Number.NaN))).toBe('value number: NaN');
    expect(divergenceShape(returns('abc=='), returns('abc'))).toBe('value string: shorter');
    expect(divergenceShape(returns('ab'), returns('cd'))).toBe('value string: same length');
    expect(divergenceShape(returns([1, 2]), returns([1]))).toBe('value array: fewer');
    expect(divergenceShape(returns([1, 2]), returns([2, 1]))).toBe('value array: elements');
    expect(divergenceShape(returns(true), returns(false))).toBe('value boolean: true -> false');
    expect(divergenceShape(returns(new Map([[1, 1]])), returns(new Map()))).toBe('value map: size');
  });

  it('names a change of type, a new throw, a changed error and a change of the arguments alone', () => {
    expect(divergenceShape(returns('1'), returns(1))).toBe('value string -> number');
    expect(divergenceShape(returns(null), returns({}))).toBe('value null -> object');
    expect(divergenceShape(returns(1), throws('TypeError'))).toBe('returns -> throws TypeError');
    expect(divergenceShape(throws('RangeError'), returns(1))).toBe('throws RangeError -> returns');
    expect(divergenceShape(throws('Error', 'a'), throws('Error', 'b'))).toBe('throws Error: message');
    expect(divergenceShape(throws('Error'), throws('TypeError'))).toBe('throws Error -> throws TypeError');
    expect(divergenceShape(returns(1, [[1]]), returns(1, [[]]))).toBe('args');
    expect(divergenceShape(returns(1), { kind: 'timeout', args: [] })).toBe('returns -> hangs');
  });
});
