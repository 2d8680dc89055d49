import { ts } from 'ts-morph';
import type { Assertion } from './test-assertions.js';

// How much an assertion pins down, from 1 (it exists, it is truthy) to 4 (strict equality). A
// matcher replaced by a weaker one is `tamper-matcher-loosened`; unknown (custom) matchers never are.

const EXPECT_STRENGTH: Record<string, number> = {
  toStrictEqual: 4,
  toBe: 3,
  toEqual: 3,
  toBeNull: 3,
  toBeUndefined: 3,
  toBeNaN: 3,
  toHaveBeenCalledWith: 3,
  toHaveBeenLastCalledWith: 3,
  toHaveBeenNthCalledWith: 3,
  toHaveBeenCalledExactlyOnceWith: 3,
  toHaveBeenCalledTimes: 3,
  toHaveReturnedWith: 3,
  toHaveLastReturnedWith: 3,
  toHaveNthReturnedWith: 3,
  toHaveReturnedTimes: 3,
  toHaveResolvedWith: 3,
  toMatchSnapshot: 3,
  toMatchInlineSnapshot: 3,
  toMatchFileSnapshot: 3,
  toThrowErrorMatchingSnapshot: 3,
  toThrowErrorMatchingInlineSnapshot: 3,
  toMatchObject: 2,
  toHaveLength: 2,
  toBeCloseTo: 2,
  toMatch: 2,
  toContain: 2,
  toContainEqual: 2,
  toHaveProperty: 2,
  toBeGreaterThan: 2,
  toBeGreaterThanOrEqual: 2,
  toBeLessThan: 2,
  toBeLessThanOrEqual: 2,
  toSatisfy: 2,
  toBeOneOf: 2,
  toHaveBeenCalledOnce: 2,
  toBeDefined: 1,
  toBeTruthy: 1,
  toBeFalsy: 1,
  toBeTypeOf: 1,
  toBeInstanceOf: 1,
  toHaveBeenCalled: 1,
  toHaveReturned: 1,
  toHaveResolved: 1,
};

const ASSERT_STRENGTH: Record<string, number> = {
  'assert.strictEqual': 4,
  'assert.deepStrictEqual': 4,
  'assert.equal': 3,
  'assert.deepEqual': 3,
  'assert.sameMembers': 3,
  'assert.sameOrderedMembers': 3,
  'assert.sameDeepMembers': 3,
  'assert.isNull': 3,
  'assert.isUndefined': 3,
  'assert.isNaN': 3,
  'assert.lengthOf': 2,
  'assert.include': 2,
  'assert.deepInclude': 2,
  'assert.match': 2,
  'assert.property': 2,
  'assert.closeTo': 2,
  'assert.isTrue': 2,
  'assert.isFalse': 2,
  'assert.isAbove': 2,
  'assert.isBelow': 2,
  'assert.ok': 1,
  'assert.isOk': 1,
  'assert.exists': 1,
  'assert.isDefined': 1,
  'assert.isNotNull': 1,
  'assert.isNotUndefined': 1,
  'assert.typeOf': 1,
  'assert.instanceOf': 1,
};

export const THROWS = new Set(['toThrow', 'toThrowError', 'assert.throws', 'assert.rejects']);

/** `expect.anything()` or `expect.any(X)`: matches any value (of a type). */
function isAnything(e: ts.Expression | undefined): boolean {
  return (
    e !== undefined &&
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'expect' &&
    (e.expression.name.text === 'anything' || e.expression.name.text === 'any')
  );
}

/** How much an assertion pins down, 1 (exists/truthy) to 4 (strict equality); undefined when unknown (custom matchers). */
export function strength(a: Assertion): number | undefined {
  if (THROWS.has(a.matcher)) {
    // toThrow() vs toThrow('message' | Class | /re/); assert.throws(fn) vs assert.throws(fn, expected)
    const specific = a.args.length > 0;
    return a.modifiers.includes('not') ? 1 : specific ? 3 : 1;
  }
  if (a.family === 'assert') return ASSERT_STRENGTH[a.matcher];
  const base = EXPECT_STRENGTH[a.matcher];
  if (base === undefined) return undefined;
  if (a.modifiers.includes('not')) return a.matcher === 'toHaveBeenCalled' ? 3 : 1;
  if (a.args.length === 1 && isAnything(a.args[0])) return 1;
  return base;
}
