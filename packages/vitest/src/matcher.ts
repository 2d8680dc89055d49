// `expect(fn).toBehaveLike(before.fn, { inputs?, runs?, seed?, path?, timeoutMs? })` (issue 6 §3):
// a differential property assertion. Both functions are called on the same generated inputs
// (fast-check, seeded, so a run is reproducible) and must end the same way: equal values (NaN and
// −0 included), errors of the same class and message, arguments left in equal states. Without
// `inputs`, inputs are derived from the function's parameter types, like patchprobe's probes.
import { fc } from '@patchprobe/core/probes';
import { resolveInputs, type Fn } from './inputs.js';
import { namesOf } from './names.js';
import { RECORDING_ENV } from './env.js';
import { DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_TIMEOUT_MS, validateOptions, type BehaveLikeOptions } from './options.js';
import { Session, type MatcherResult } from './session.js';
import { describeValue } from './text.js';

/** What `toBehaveLike` returns: a Promise for async functions (then `await expect(f).toBehaveLike(g)`). */
export type BehaveLikeResult<T> = T extends (...args: any[]) => infer R ? (R extends PromiseLike<unknown> ? Promise<void> : void) : void | Promise<void>;

type ArgsOf<T> = T extends (...args: infer A) => unknown ? A : unknown[];

export interface BehaveLikeMatchers<T = any> {
  /**
   * Calls both functions on the same inputs and fails on the first input (shrunk) where they end
   * differently: value, error class and message, or the arguments' state afterwards. Inputs come
   * from `options.inputs`, or are derived from the parameter types (functions from modules the
   * patchprobe plugin transforms carry their file and export name).
   *
   * `.not.toBehaveLike` passes when such an input is found: for tests that pin a behaviour change.
   * A function that gives different results for the same input fails both forms.
   *
   * Runs synchronously when both functions return plain values on the first input; otherwise it
   * returns a Promise: `await expect(fetchUser).toBehaveLike(before.fetchUser)`.
   *
   * @example
   * import * as before from '../src/slug.ts?patchprobe=base';
   * expect(slugify).toBehaveLike(before.slugify);
   * expect(slugify).toBehaveLike(before.slugify, { inputs: fc.tuple(fc.string()), runs: 500 });
   * expect(slugify).not.toBehaveLike(before.slugify, { inputs: [['Ä b']] });
   */
  toBehaveLike(expected: (...args: any[]) => unknown, options?: BehaveLikeOptions<ArgsOf<T>>): BehaveLikeResult<T>;
}

// vitest ≥ 3.2: one `Matchers` interface types `expect(x).*`, `expect.*` and `expect.extend`.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends BehaveLikeMatchers<T> {}
}

/** The subset of vitest's MatcherState this matcher reads (structural, to fit vitest 3 and 4). */
interface MatcherContext {
  isNot?: boolean;
}

/**
 * The matchers to register with `expect.extend(patchprobeMatchers)` (the patchprobe() plugin's
 * setup file does it for every project): `toBehaveLike`, see {@link BehaveLikeMatchers}.
 *
 * Failure messages, e.g.:
 * - `expected slugify to behave like the base version, but slugify("Ä b") returns "ä-b" where the
 *   base returns "a-b" (seed 42, path "3:1", 12 runs; replay with { seed: 42, path: "3:1" })`
 * - `.not`: `expected slugify to behave differently from the base version, but 100 generated
 *   inputs gave the same results (inputs: derived from the parameter types of slugify in src/slug.ts; seed 42)`
 * - `toBehaveLike: …` for what is no verdict on the functions (not functions, no inputs, a
 *   function that disagrees with itself): these fail with and without `.not`.
 */
export const patchprobeMatchers = {
  toBehaveLike(this: MatcherContext, received: unknown, expected: unknown, options?: BehaveLikeOptions): MatcherResult | Promise<MatcherResult> {
    const isNot = this.isNot === true;
    // patchprobe's recording run (assets/probe-recorder.mjs) keeps the arguments the tests pass to
    // the changed functions; the matcher's generated inputs are not those, and its comparison
    // (an input derivation, hundreds of calls) is no evidence there: its outcome is not read.
    if (process.env[RECORDING_ENV]) return { pass: !isNot, message: () => 'toBehaveLike: not compared in patchprobe\'s recording run' };
    // Not a verdict on the functions: fails under `.not` as well.
    const broken = (text: string): MatcherResult => ({ pass: isNot, message: () => `toBehaveLike: ${text}` });
    if (typeof received !== 'function') return broken(`the received value must be a function, got ${describeValue(received)}`);
    if (typeof expected !== 'function') return broken(`the expected value must be a function, got ${describeValue(expected)}`);
    const opts = options ?? {};
    const invalid = validateOptions(opts);
    if (invalid) return broken(invalid);

    const recv = received as Fn;
    const exp = expected as Fn;
    const names = namesOf(recv, exp);
    const inputs = resolveInputs(recv, exp, opts, names);
    if (typeof inputs === 'string') return broken(inputs);

    const seed = opts.seed ?? DEFAULT_SEED;
    const runs = opts.runs ?? DEFAULT_RUNS;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const first = inputs.kind === 'examples' ? inputs.examples[0] : fc.sample(inputs.arbitrary, { seed, numRuns: 1 })[0];
    if (!Array.isArray(first)) {
      return broken(`inputs must produce argument arrays (fc.tuple(…) or [[…], …]), got ${describeValue(first)}`);
    }
    const session = new Session({ recv, exp, timeoutMs, names, isNot, inputs, seed });
    // Sync or async is decided on the first input, which doubles as a determinism check.
    const r0 = session.call(recv, first);
    const e0 = session.call(exp, first);
    if (!(r0 instanceof Promise) && !(e0 instanceof Promise)) return session.runSync(first, r0, e0, runs, opts.path);
    return session.runAsync(first, r0, e0, runs, opts.path);
  },
};
