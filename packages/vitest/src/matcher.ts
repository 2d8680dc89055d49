// `expect(fn).toBehaveLike(before.fn, { inputs?, runs?, seed?, path?, timeoutMs? })` (issue 6 §3):
// a differential property assertion. Both functions are called on the same generated inputs
// (fast-check, seeded, so a run is reproducible) and must end the same way: equal values (NaN and
// −0 included), errors of the same class and message, arguments left in equal states. Without
// `inputs`, inputs are derived from the function's parameter types, like patchprobe's probes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  argsArbitrary,
  classifyDivergence,
  deepEqual,
  deriveExportParameters,
  fc,
  observe,
  renderCall,
  renderOutcome,
  sameOutcome,
  unsupportedReason,
  type Outcome,
} from '@patchprobe/core/probes';

/** The property the plugin's transform puts on exported functions: `{ file, exportName }`. */
export const SOURCE_SYMBOL: unique symbol = Symbol.for('patchprobe.source') as never;

const DEFAULT_RUNS = 100;
const DEFAULT_SEED = 42;
const DEFAULT_TIMEOUT_MS = 1000;
const BASE_QUERY = /\?(?:.*&)?patchprobe=base(?:&|$)/;

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

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

type Fn = (...args: unknown[]) => unknown;
type Args = unknown[];

interface SourceInfo {
  file: string;
  exportName: string;
}

type Inputs =
  | { kind: 'arbitrary'; arbitrary: fc.Arbitrary<Args>; label: string }
  | { kind: 'examples'; examples: Args[]; label: string };

interface Names {
  /** `slugify`, `the received function` */
  received: string;
  /** How its calls are written: `slugify("a")`, `received("a")` */
  callee: string;
  /** `the base version`, `slugifyOld`, `the expected function` */
  expected: string;
  /** In a contrast: `where the base returns …` */
  expectedShort: string;
}

/** Stops the search once something other than a difference is known (it reports that instead). */
interface Stop {
  kind: 'nondeterministic' | 'mixed';
  side: 'received' | 'expected';
  args: Args;
  first?: Outcome;
  second?: Outcome;
}

/** An exception of the matcher itself inside the property (an input it cannot copy, say). */
class InternalError extends Error {
  override name = 'InternalError';
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

class Session {
  stop: Stop | undefined;
  readonly recv: Fn;
  readonly exp: Fn;
  readonly timeoutMs: number;
  readonly names: Names;
  readonly isNot: boolean;
  readonly inputs: Inputs;
  readonly seed: number;

  constructor(s: { recv: Fn; exp: Fn; timeoutMs: number; names: Names; isNot: boolean; inputs: Inputs; seed: number }) {
    this.recv = s.recv;
    this.exp = s.exp;
    this.timeoutMs = s.timeoutMs;
    this.names = s.names;
    this.isNot = s.isNot;
    this.inputs = s.inputs;
    this.seed = s.seed;
  }

  call(fn: Fn, args: Args): Outcome | Promise<Outcome> {
    return observe((a) => fn(...a), args, this.timeoutMs);
  }

  side(fn: Fn): 'received' | 'expected' {
    return fn === this.recv ? 'received' : 'expected';
  }

  // ----- sync

  private callSync(fn: Fn, args: Args): Outcome | undefined {
    const o = this.call(fn, args);
    if (!(o instanceof Promise)) return o;
    this.stop ??= { kind: 'mixed', side: this.side(fn), args };
    return undefined;
  }

  /** True when both sides end the same way (or the search has stopped); false on a difference. */
  private judgeSync(args: Args): boolean {
    if (this.stop) return true;
    const r = this.callSync(this.recv, args);
    const e = this.callSync(this.exp, args);
    if (!r || !e || sameOutcome(r, e)) return true;
    // A function that disagrees with itself (clock, randomness) says nothing by differing.
    const e2 = this.callSync(this.exp, args);
    if (!e2) return true;
    if (!sameOutcome(e, e2)) return this.nondeterministic('expected', args, e, e2);
    const r2 = this.callSync(this.recv, args);
    if (!r2) return true;
    if (!sameOutcome(r, r2)) return this.nondeterministic('received', args, r, r2);
    return false;
  }

  runSync(first: Args, r0: Outcome, e0: Outcome, runs: number, replayPath: string | undefined): MatcherResult {
    this.firstCheck(first, r0, e0, this.callSync(this.recv, first), this.callSync(this.exp, first));
    if (this.inputs.kind === 'examples') {
      const { examples } = this.inputs;
      for (let i = 0; i < examples.length; i++) {
        const args = examples[i]!;
        if (!this.judgeSync(args)) {
          const r = this.callSync(this.recv, args);
          const e = this.callSync(this.exp, args);
          return this.difference(args, r, e, `given example ${i + 1} of ${examples.length}`);
        }
      }
      return this.stop ? this.stopped(this.stop) : this.noDifference(examples.length);
    }
    const details = fc.check(
      fc.property(this.inputs.arbitrary, (args) => {
        try {
          return this.judgeSync(args);
        } catch (e) {
          throw new InternalError(errorMessage(e));
        }
      }),
      this.checkParams(runs, replayPath),
    );
    return this.conclude(details, (args) => [this.callSync(this.recv, args), this.callSync(this.exp, args)]) as MatcherResult;
  }

  // ----- async

  private async judgeAsync(args: Args): Promise<boolean> {
    if (this.stop) return true;
    const r = await this.call(this.recv, args);
    const e = await this.call(this.exp, args);
    if (sameOutcome(r, e)) return true;
    const e2 = await this.call(this.exp, args);
    if (!sameOutcome(e, e2)) return this.nondeterministic('expected', args, e, e2);
    const r2 = await this.call(this.recv, args);
    if (!sameOutcome(r, r2)) return this.nondeterministic('received', args, r, r2);
    return false;
  }

  async runAsync(
    first: Args,
    r0: Outcome | Promise<Outcome>,
    e0: Outcome | Promise<Outcome>,
    runs: number,
    replayPath: string | undefined,
  ): Promise<MatcherResult> {
    const [r, e] = await Promise.all([r0, e0]);
    this.firstCheck(first, r, e, await this.call(this.recv, first), await this.call(this.exp, first));
    if (this.inputs.kind === 'examples') {
      const { examples } = this.inputs;
      for (let i = 0; i < examples.length; i++) {
        const args = examples[i]!;
        if (!(await this.judgeAsync(args))) {
          return this.difference(args, await this.call(this.recv, args), await this.call(this.exp, args), `given example ${i + 1} of ${examples.length}`);
        }
      }
      return this.stop ? this.stopped(this.stop) : this.noDifference(examples.length);
    }
    const details = await fc.check(
      fc.asyncProperty(this.inputs.arbitrary, (args) =>
        this.judgeAsync(args).catch((err: unknown) => {
          throw new InternalError(errorMessage(err));
        }),
      ),
      this.checkParams(runs, replayPath),
    );
    return this.conclude(details, async (args) => [await this.call(this.recv, args), await this.call(this.exp, args)]);
  }

  // ----- shared

  private checkParams(runs: number, replayPath: string | undefined): fc.Parameters<[Args]> {
    return { seed: this.seed, numRuns: runs, ...(replayPath !== undefined ? { path: replayPath, endOnFailure: true } : {}) };
  }

  private firstCheck(args: Args, r: Outcome, e: Outcome, r2: Outcome | undefined, e2: Outcome | undefined): void {
    if (e2 && !sameOutcome(e, e2)) this.nondeterministic('expected', args, e, e2);
    else if (r2 && !sameOutcome(r, r2)) this.nondeterministic('received', args, r, r2);
  }

  private nondeterministic(side: 'received' | 'expected', args: Args, first: Outcome, second: Outcome): true {
    this.stop ??= { kind: 'nondeterministic', side, args, first, second };
    return true;
  }

  private conclude(
    details: fc.RunDetails<[Args]>,
    again: (args: Args) => [Outcome | undefined, Outcome | undefined] | Promise<[Outcome | undefined, Outcome | undefined]>,
  ): MatcherResult | Promise<MatcherResult> {
    if (this.stop) return this.stopped(this.stop);
    if (details.failed && details.errorInstance instanceof InternalError) {
      return this.broken(`the comparison itself failed: ${details.errorInstance.message}`);
    }
    if (!details.failed) return this.noDifference(details.numRuns);
    const sample = details.counterexample?.[0];
    if (!sample) return this.broken(`fast-check failed without a counterexample: ${errorMessage(details.errorInstance)}`);
    const pathText = details.counterexamplePath ?? '';
    const where = `seed ${this.seed}, path ${JSON.stringify(pathText)}, ${plural(details.numRuns, 'run')}; replay with { seed: ${this.seed}, path: ${JSON.stringify(pathText)} }`;
    const outcomes = again(sample);
    if (outcomes instanceof Promise) return outcomes.then(([r, e]) => this.difference(sample, r, e, where));
    const [r, e] = outcomes;
    return this.difference(sample, r, e, where);
  }

  private broken(text: string): MatcherResult {
    return { pass: this.isNot, message: () => `toBehaveLike: ${text}` };
  }

  private stopped(stop: Stop): MatcherResult {
    const name = stop.side === 'received' ? this.names.received : this.names.expected;
    const call = callText(stop.side === 'received' ? this.names.callee : this.exp.name || 'expected', stop.args);
    if (stop.kind === 'mixed') {
      return this.broken(
        `${name} returned a Promise for ${call} but both functions returned plain values for the first input, so the comparison ran synchronously; ` +
          `make it return a Promise for every input or for none, or pass { inputs } that stay on one side`,
      );
    }
    return this.broken(
      `${name} is not deterministic: ${call} ${renderOutcome(stop.first!)}, then ${renderOutcome(stop.second!)} when called again with the same arguments, ` +
        `so a difference from the other function proves nothing (seed ${this.seed}). ` +
        `Make it deterministic for the test (fake timers, a seeded random) or compare a deterministic part of it`,
    );
  }

  private noDifference(n: number): MatcherResult {
    const kind = this.inputs.kind === 'examples' ? 'given' : 'generated';
    return {
      pass: true,
      message: () =>
        `expected ${this.names.received} to behave differently from ${this.names.expected}, but ${n} ${kind} ${n === 1 ? 'input' : 'inputs'} ` +
        `gave the same results (inputs: ${this.inputs.label}; seed ${this.seed})`,
    };
  }

  private difference(args: Args, r: Outcome | undefined, e: Outcome | undefined, where: string): MatcherResult {
    if (!r || !e) return this.stopped(this.stop ?? { kind: 'mixed', side: r ? 'expected' : 'received', args });
    // Called once more for the message: a difference that does not repeat is nondeterminism.
    if (sameOutcome(r, e)) {
      return this.broken(
        `${callText(this.names.callee, args)} differed from ${this.names.expected} once and not when called again: ` +
          `one of them is not deterministic (${where})`,
      );
    }
    const text = `expected ${this.names.received} to behave like ${this.names.expected}, but ${callText(this.names.callee, args)} ${contrast(r, e, this.names)} (${where})`;
    return { pass: false, message: () => text };
  }
}

/** `returns "ä-b" where the base returns "a-b"`, or how the arguments were left, for mutations. */
function contrast(r: Outcome, e: Outcome, names: Names): string {
  const mutated = argumentChange(r, e, names);
  if (classifyDivergence(e, r).kind === 'argument-mutated' && mutated) return mutated;
  const values = `${renderOutcome(r)} where ${names.expectedShort} ${renderOutcome(e)}`;
  return mutated ? `${values}, and ${mutated}` : values;
}

function argumentChange(r: Outcome, e: Outcome, names: Names): string | undefined {
  const n = Math.max(r.args.length, e.args.length);
  for (let i = 0; i < n; i++) {
    if (!deepEqual(r.args[i], e.args[i])) {
      return `leaves argument ${i + 1} as ${show(r.args[i])} where ${names.expectedShort} leaves it as ${show(e.args[i])}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Inputs

function resolveInputs(recv: Fn, exp: Fn, opts: BehaveLikeOptions, names: Names): Inputs | string {
  const given = opts.inputs;
  if (given !== undefined) {
    if (Array.isArray(given)) {
      if (given.length === 0) return 'inputs is an empty list; give at least one argument array, e.g. [["a b"]]';
      const bad = given.findIndex((x) => !Array.isArray(x));
      if (bad >= 0) return `inputs[${bad}] must be an argument array (e.g. ["a b"] for f("a b")), got ${describeValue(given[bad])}`;
      return { kind: 'examples', examples: given as Args[], label: `given, ${plural(given.length, 'argument array')}` };
    }
    if (isArbitrary(given)) return { kind: 'arbitrary', arbitrary: given as unknown as fc.Arbitrary<Args>, label: 'given as a fast-check arbitrary' };
    return `inputs must be a fast-check arbitrary of the argument array (fc.tuple(fc.string())) or a list of argument arrays, got ${describeValue(given)}`;
  }
  return deriveInputs(recv, exp, names);
}

// The received function is normally the current version and `expected` the base import
// (`…/slug.ts?patchprobe=base`): either way, types are read from the current file on disk.
function deriveInputs(recv: Fn, exp: Fn, names: Names): Inputs | string {
  const candidates: SourceInfo[] = [];
  for (const info of [sourceOf(recv), sourceOf(exp)]) {
    if (!info) continue;
    const file = currentFile(info.file);
    if (!candidates.some((c) => c.file === file && c.exportName === info.exportName)) candidates.push({ file, exportName: info.exportName });
  }
  const howToGive = 'pass { inputs: fc.tuple(fc.string()) } (an arbitrary of the argument array) or { inputs: [["a b"], [""]] } (argument arrays)';
  if (candidates.length === 0) {
    return (
      `cannot derive inputs for ${names.received}: neither function carries patchprobe's source tag ` +
      `(the patchprobe() vitest plugin adds it to functions exported by the modules it transforms); ${howToGive}`
    );
  }
  const problems: string[] = [];
  for (const c of candidates) {
    try {
      const { params, complete } = deriveExportParameters(c.file, c.exportName);
      const unsupported = params.find((p) => unsupportedReason(p.descriptor) !== undefined);
      if (unsupported) {
        problems.push(`parameter ${unsupported.name} of ${c.exportName} in ${displayPath(c.file)}: ${unsupportedReason(unsupported.descriptor)}`);
        continue;
      }
      const arbitrary = argsArbitrary(params);
      const partly = complete ? '' : ', some of them any/unknown (generated as arbitrary values)';
      return { kind: 'arbitrary', arbitrary, label: `derived from the parameter types of ${c.exportName} in ${displayPath(c.file)}${partly}` };
    } catch (e) {
      problems.push(errorMessage(e));
    }
  }
  return `cannot derive inputs for ${names.received} from its parameter types: ${problems.join('; ')}; ${howToGive}`;
}

function sourceOf(fn: Fn): SourceInfo | undefined {
  let info: unknown;
  try {
    info = Reflect.get(fn, SOURCE_SYMBOL);
  } catch {
    return undefined;
  }
  if (typeof info !== 'object' || info === null) return undefined;
  const { file, exportName } = info as Partial<SourceInfo>;
  return typeof file === 'string' && typeof exportName === 'string' ? { file, exportName } : undefined;
}

/** `/repo/src/slug.ts?patchprobe=base` → `/repo/src/slug.ts` (also `file:` URLs). */
function currentFile(id: string): string {
  const bare = id.replace(/\?.*$/s, '');
  return bare.startsWith('file:') ? fileURLToPath(bare) : bare;
}

function isArbitrary(x: unknown): x is ArgumentsArbitrary {
  const a = x as Partial<Record<keyof ArgumentsArbitrary, unknown>> | null;
  return typeof x === 'object' && a !== null && typeof a.generate === 'function' && typeof a.shrink === 'function' && typeof a.canShrinkWithoutContext === 'function';
}

// ---------------------------------------------------------------------------------------------
// Names and text

function namesOf(recv: Fn, exp: Fn): Names {
  const received = recv.name || 'the received function';
  const callee = recv.name || 'received';
  const info = sourceOf(exp);
  if (info && BASE_QUERY.test(info.file)) return { received, callee, expected: 'the base version', expectedShort: 'the base' };
  if (exp.name && exp.name !== recv.name) return { received, callee, expected: exp.name, expectedShort: exp.name };
  return { received, callee, expected: 'the expected function', expectedShort: 'the expected function' };
}

function validateOptions(o: BehaveLikeOptions): string | undefined {
  if (typeof o !== 'object' || o === null) return `options must be an object, got ${describeValue(o)}`;
  if (o.runs !== undefined && !(Number.isInteger(o.runs) && o.runs > 0)) return `runs must be a positive integer, got ${describeValue(o.runs)}`;
  if (o.seed !== undefined && !Number.isInteger(o.seed)) return `seed must be an integer, got ${describeValue(o.seed)}`;
  if (o.timeoutMs !== undefined && !(typeof o.timeoutMs === 'number' && o.timeoutMs > 0)) return `timeoutMs must be a positive number, got ${describeValue(o.timeoutMs)}`;
  if (o.path !== undefined && (typeof o.path !== 'string' || !/^\d+(?::\d+)*$/.test(o.path))) return `path must be a fast-check path like "3:1", got ${describeValue(o.path)}`;
  return undefined;
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array (${show(v)})`;
  if (typeof v === 'object') return `an object (${show(v)})`;
  return `${typeof v} ${show(v)}`;
}

function show(v: unknown): string {
  let s: string;
  try {
    s = fc.stringify(v);
  } catch {
    s = `<unprintable ${typeof v}>`;
  }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** `slugify("A")`: trailing `undefined`s (optional parameters left out) are not shown. */
function callText(callee: string, args: readonly unknown[]): string {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return renderCall(callee, args.slice(0, n));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';
}
