// The contract between patchprobe and the probe runtime that runs inside the project's vitest
// (runtime/run-probes.ts). Plain JSON both ways, so a plan can be written to disk, reported and
// replayed, and results survive the probe process being killed mid-run (one JSON line each).
import type { DocExample, DocExampleOutcome } from './runtime/doc-example-eval.js';
import type { ParameterDescriptor } from './arbitrary-descriptor.js';

export interface ProbeTargetPlan {
  /** Stable id: the symbol of the probed function, "src/slug.ts#slugify" or "src/cart.ts#Cart.total". */
  id: string;
  /** Key into the loaders of the generated probe file: the repository-relative module path. */
  module: string;
  /** The export that holds the function (or the class, for methods); 'default' for a default export. */
  exportName: string;
  /** For methods: the method name, and whether it is static. */
  member?: { name: string; static: boolean };
  /** Constructor parameters, for instance methods (the factory's, with `factory`). */
  ctorParams?: ParameterDescriptor[];
  /** The instance comes from calling the export (a factory of a class the module does not export), not from `new`; 'async': a promise of it; 'instance': the export is the instance. */
  factory?: true | 'async' | 'instance';
  params: ParameterDescriptor[];
  /** An overloaded function's signatures, each its parameters: the inputs come from these (one signature per call). */
  overloads?: ParameterDescriptor[][];
  /** Arguments the test suite passed to this function, v8-serialised and base64-encoded, one array of arguments each. */
  recorded: string[];
  /**
   * The number and string literals on the lines the patch changed in the code this target covers
   * (probes/patch-literals.ts): tried, with their neighbours, in place of the recorded arguments.
   */
  literals?: { numbers: number[]; strings: string[] };
  /**
   * Arguments the test suite passed to the functions this one returns, by their path in its result
   * (`result`, `result.run`), encoded as `recorded` is (assets/probe-recorder.mjs).
   */
  returnedRecorded?: Record<string, string[]>;
  /**
   * Those of `recorded` that the patch's fail-to-pass tests made (tests that fail on the old code
   * and pass on the new): the change the patch means to make (issue 17 §5, runtime/explain.ts).
   */
  intentRecorded?: string[];
  /** fast-check seed for this target (derived from the run's seed and the id, so targets do not shift each other). */
  seed: number;
  /** The call limit for this target when it is timed again after a hang (see retimeLimitMs); the plan's otherwise. */
  callTimeoutMs?: number;
  /** Generate only realistic inputs (runtime/realistic.ts): a run after a hang on an extreme input. */
  realisticOnly?: boolean;
  /**
   * Calls (as the reports render them) on which the old version did not return in an earlier probe
   * process: only the new version runs on them (retime.ts). Where it returns, the patch ended a loop
   * that never ended: a divergence, and no break.
   */
  beforeHangs?: string[];
}

/** How many more times a call that exceeds the call timeout is timed, with the longer limit, before it counts as a hang. */
export const RETIME_TRIES = 2;

/**
 * The longer limit for timing a call again: a slower, correct algorithm on a loaded machine may
 * exceed the call timeout once; a call that never returns exceeds this too.
 */
export function retimeLimitMs(callTimeoutMs: number): number {
  return Math.max(3 * callTimeoutMs, callTimeoutMs + 2000);
}

export interface ProbePlan {
  targets: ProbeTargetPlan[];
  /** Samples per function. */
  runs: number;
  /** Per-call limit; a synchronous call past it ends the probe process (watchdog), an async one times out. */
  callTimeoutMs: number;
  /** Wall-clock budget per function: fast-check stops generating past it. */
  functionBudgetMs: number;
  /** JSON lines: ProbeEvent per line. */
  resultsFile: string;
  /** Written by the watchdog when a synchronous call hangs, just before it kills the process. */
  hangFile: string;
  /**
   * When set, the targets' `recorded` inputs are still being recorded as the probe process starts:
   * the runtime waits for this file (JSON: target id → recorded calls), so vitest's start-up in the
   * probe process overlaps the recording run instead of following it.
   */
  recordedFile?: string;
  /**
   * The patch has fail-to-pass tests and the recording run saw them call a probed function: a
   * diverged function they never call then has no divergence the patch explains (issue 17 §5).
   * Set from the recorded file when there is one.
   */
  anyIntent?: boolean;
  /** Documented examples of the probed functions, run on both versions after the probes (doc-oracle.ts). */
  docExamples?: DocExamplePlan[];
}

/** One documented example to run: `module` is a key of the probe file's loaders. */
export interface DocExamplePlan {
  id: string;
  module: string;
  /**
   * The package's entry (the nearest index module above `module`): its exports are the scope of an
   * example that uses names its own module does not export (`pipe(1, isDeepEqual(1))`).
   */
  entry?: string;
  example: DocExample;
}

/** What one documented example did: on the old version twice (a promise must be deterministic to count), then on the new. */
export interface DocExampleRun {
  id: string;
  before: DocExampleOutcome;
  beforeAgain: DocExampleOutcome;
  after: DocExampleOutcome;
}

export type ProbeOutcome = 'equivalent' | 'diverged' | 'nondeterministic' | 'inconclusive';

/** What the new version did on the counterexample, as JavaScript text for a pasteable test. */
export type AfterBehaviour =
  /**
   * `iterated`: the value is what a returned generator yielded (runtime/outcome.ts Yielded),
   * `valueText` the array of it; `async` when it is an async generator.
   */
  | { kind: 'returned' | 'resolved'; valueText: string; iterated?: boolean; async?: boolean }
  /** `iterated`: a rejection while reading a returned async generator. */
  | { kind: 'threw' | 'rejected'; errorName: string; message: string; iterated?: boolean }
  | { kind: 'timeout' };

export interface Counterexample {
  /** `slugify("Ä b")` or `new Cart(2).total(-1)`. */
  call: string;
  /** Each argument as JavaScript text (fc.stringify). */
  argsText: string[];
  ctorArgsText?: string[];
  /** Rendered outcomes: `returns "a-b"`, `throws TypeError: …`. */
  before: string;
  after: string;
  afterBehaviour: AfterBehaviour;
  /** How the two differ (runtime/outcome.ts classifyDivergence). */
  divergence: string;
  divergenceReason: string;
  /** fast-check's replay path for this counterexample. */
  path?: string;
  /** Which search found it (report/schema-evidence.ts: CounterexampleSchema.search). */
  search: 'all' | 'recorded' | 'generated' | 'realistic';
  shrinks: number;
  /** Why the arguments are outside the realistic ranges (runtime/realistic.ts); absent when they are realistic. */
  extremes?: string[];
  /**
   * The divergence is in a function the probed one returns, at this path of its result
   * (`result.run`), called with arguments the tests pass it: `call` shows both calls.
   */
  via?: string;
}

/** The recorded calls of the functions `id` returns, by path, from the recording run's map. */
export function returnedRecordedOf(id: string, recorded: Readonly<Record<string, string[]>>): Record<string, string[]> | undefined {
  const prefix = `${id}::`;
  const out: Record<string, string[]> = {};
  for (const [key, calls] of Object.entries(recorded)) if (key.startsWith(prefix) && !key.endsWith(INTENT_KEY)) out[key.slice(prefix.length)] = calls;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Key suffix, in the recording run's map, of the calls the fail-to-pass tests made: `${id}${INTENT_KEY}`. */
export const INTENT_KEY = '##intent';

/** The recorded calls of `id` that the patch's fail-to-pass tests made, from the recording run's map. */
export function intentRecordedOf(id: string, recorded: Readonly<Record<string, string[]>>): string[] | undefined {
  const calls = recorded[`${id}${INTENT_KEY}`];
  return calls && calls.length > 0 ? calls : undefined;
}

export interface ProbeTargetResult {
  id: string;
  outcome: ProbeOutcome;
  /** Why inconclusive or nondeterministic, in words. */
  reason?: string;
  /** Samples actually run. */
  runs: number;
  seed: number;
  /** Which inputs were used: generated from the parameter types, and/or arguments recorded from the suite. */
  inputs: { derived: boolean; complete: boolean; recorded: number };
  async: boolean;
  counterexample?: Counterexample;
  /**
   * The first counterexample, when it was at a type extreme and a search over realistic inputs
   * found the realistic `counterexample` (or, for a hang, when the function diverged only there).
   */
  extremeCounterexample?: Counterexample;
  /** For nondeterministic functions: the call and the two differing outcomes of one side. */
  nondeterminism?: { side: 'before' | 'after'; call: string; first: string; second: string };
  /**
   * A diverged function that the patch's fail-to-pass tests call: their divergences (the change the
   * patch means) against the others the probes find (issue 17 §5, runtime/explain.ts).
   */
  explained?: ExplainedDivergences;
  durationMs: number;
}

export interface ExplainedDivergences {
  /** Distinct calls the fail-to-pass tests made, and how many of them the two versions answer differently. */
  intentCalls: number;
  intentDiverged: number;
  /** The shapes of those divergences (runtime/explain.ts divergenceShape), e.g. `value object: keys`. */
  intentShapes: string[];
  /** The first divergence found whose shape none of theirs has: the input, both outcomes and its shape. */
  unexplained?: UnexplainedDivergence;
}

export interface UnexplainedDivergence extends Counterexample {
  /** Its shape, which none of the fail-to-pass tests' divergences has. */
  shape: string;
}

export type ProbeEvent =
  | { type: 'start'; id: string }
  | { type: 'result'; result: ProbeTargetResult }
  /** The result so far, before a further search (unexplained divergences) that may hang or crash the process. */
  | { type: 'provisional'; result: ProbeTargetResult }
  | { type: 'doc-example'; run: DocExampleRun }
  /** Written by the watchdog: a synchronous call did not return within the call timeout. */
  | { type: 'hang'; id: string; side: 'before' | 'after'; call: string; reason?: 'time' | 'memory'; extremes?: string[] };
