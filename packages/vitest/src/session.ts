// One `toBehaveLike` comparison: both functions called on the same inputs, synchronously or not,
// until a difference, nondeterminism or the end of the inputs; and the message that says which.
import { classifyDivergence, deepEqual, fc, observe, renderOutcome, sameOutcome, type Outcome } from '@patchprobe/core/probes';
import type { Args, Fn, Inputs } from './inputs.js';
import type { Names } from './names.js';
import { callText, errorMessage, plural, show } from './text.js';

export interface MatcherResult {
  pass: boolean;
  message: () => string;
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

export class Session {
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
