// The options of `toBehaveLike`: their types (public), defaults and validation.
import { describeValue } from './text.js';

export const DEFAULT_RUNS = 100;
export const DEFAULT_SEED = 42;
export const DEFAULT_TIMEOUT_MS = 1000;

/**
 * A fast-check arbitrary of one call's ARGUMENT ARRAY: `fc.tuple(fc.string())` for `slugify(text)`,
 * `fc.tuple(fc.integer(), fc.boolean())` for `f(n, flag)`. Structural, so an arbitrary from the
 * project's own fast-check (3 or 4) fits.
 */
export interface ArgumentsArbitrary<A extends readonly unknown[] = unknown[]> {
  generate(...args: any[]): { readonly value: A };
  shrink(...args: any[]): unknown;
  canShrinkWithoutContext(value: unknown): boolean;
}

export interface BehaveLikeOptions<A extends readonly unknown[] = unknown[]> {
  /**
   * The inputs, when they should not (or cannot) be derived from the parameter types: a fast-check
   * arbitrary of the argument array (`fc.tuple(fc.string())`), or a list of argument arrays that
   * are each called once, in order (`[['Ä b'], ['']]`).
   * @default derived from the received function's parameter types (needs the patchprobe plugin)
   */
  inputs?: ArgumentsArbitrary<A> | ReadonlyArray<A>;
  /** Generated inputs to try. @default 100 */
  runs?: number;
  /** fast-check seed; a failure message names the seed (and path) that replays it. @default 42 */
  seed?: number;
  /** Replays exactly the counterexample of an earlier failure (with its `seed`): `{ seed: 42, path: "3:1" }`. */
  path?: string;
  /** Per call, for functions returning Promises: a call that has not settled by then counts as a timeout. @default 1000 */
  timeoutMs?: number;
}

export function validateOptions(o: BehaveLikeOptions): string | undefined {
  if (typeof o !== 'object' || o === null) return `options must be an object, got ${describeValue(o)}`;
  if (o.runs !== undefined && !(Number.isInteger(o.runs) && o.runs > 0)) return `runs must be a positive integer, got ${describeValue(o.runs)}`;
  if (o.seed !== undefined && !Number.isInteger(o.seed)) return `seed must be an integer, got ${describeValue(o.seed)}`;
  if (o.timeoutMs !== undefined && !(typeof o.timeoutMs === 'number' && o.timeoutMs > 0)) return `timeoutMs must be a positive number, got ${describeValue(o.timeoutMs)}`;
  if (o.path !== undefined && (typeof o.path !== 'string' || !/^\d+(?::\d+)*$/.test(o.path))) return `path must be a fast-check path like "3:1", got ${describeValue(o.path)}`;
  return undefined;
}
