import { Type, type TNumber } from '@sinclair/typebox';
import { Closed, Count, Line, Nullable, StringEnum } from './schema-kit.js';

/** The report's evidence sections: static evidence, property probes, mutation probes. */

// ---- static evidence (static/types.ts, static/blast-radius.ts) ----

/** A declaration's source text on one side, capped for the report (see CODE_EXCERPT_MAX_LINES). */
const CodeExcerptSchema = Closed({
  /** 1-based lines in that side's file (the before file for `before`). */
  startLine: Line(),
  endLine: Line(),
  /** The lines startLine..endLine, or the first CODE_EXCERPT_MAX_LINES of them when `truncated`. */
  text: Type.String(),
  truncated: Type.Optional(Type.Boolean()),
});

export const DeclarationChangeSchema = Closed({
  /** Stable path: "src/cart.ts#Cart.total", "src/util.ts#outer.inner", "src/a.ts#<top-level>". */
  symbol: Type.String(),
  file: Type.String(),
  change: StringEnum(['formatting', 'types-only', 'rename', 'semantic', 'added', 'removed', 'renamed', 'moved']),
  /** For renamed/moved: the symbol before the patch. */
  oldSymbol: Type.Optional(Type.String()),
  /** 1-based line in the after file (in the before file for removed declarations). */
  line: Line(),
  /** Exported from its module (directly or as a member of an exported class/object). */
  exported: Type.Boolean(),
  /** Last line of the declaration in the same file as `line`. */
  endLine: Line(),
  /** The declaration's text on each side that has it (renamed/moved: the old declaration as `before`). */
  code: Closed({ before: Type.Optional(CodeExcerptSchema), after: Type.Optional(CodeExcerptSchema) }),
});

export const BlastRadiusEntrySchema = Closed({
  /** The changed declaration, "src/util.ts#normalize". */
  symbol: Type.String(),
  /** Callers by level: level 1 calls the changed declaration, level 2 calls a level-1 caller, … */
  callers: Type.Array(Type.Array(Type.String())),
  /** Repository-relative test files that reference the declaration or any of its callers. */
  testFiles: Type.Array(Type.String()),
});

/** Static evidence, as the report has it (run-static.ts StaticEvidence without its findings). */
export const StaticSectionProperties = {
  declarations: Type.Array(DeclarationChangeSchema),
  typecheck: Closed({
    status: StringEnum(['ran', 'skipped']),
    reason: Type.Optional(Type.String()),
    durationMs: Count(),
    afterScope: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'The after tree was type-checked only in these repository-relative files: every file the patch changes keeps its declared shape (its declaration emit) and none touches the global scope, so no other file can have other diagnostics. Absent: the whole tree.',
      }),
    ),
  }),
  blastRadius: Type.Array(BlastRadiusEntrySchema),
  /** Milliseconds per part of the stage. */
  timings: Closed({ declarations: Count(), tampering: Count(), typecheck: Count(), blastRadius: Count() }),
};

// ---- property probes (probes/plan.ts, probes/run-probe-stage.ts) ----

/** What the new version did on the counterexample, as JavaScript text for a pasteable test. */
const AfterBehaviourSchema = Type.Union([
  Closed({
    kind: StringEnum(['returned', 'resolved']),
    valueText: Type.String(),
    iterated: Type.Optional(Type.Boolean({ description: 'The function returned a generator: valueText is the array of what it yielded.' })),
    async: Type.Optional(Type.Boolean({ description: 'With iterated: an async generator (read with for await).' })),
  }),
  Closed({
    kind: StringEnum(['threw', 'rejected']),
    errorName: Type.String(),
    message: Type.String(),
    iterated: Type.Optional(Type.Boolean({ description: 'A rejection while reading a returned async generator.' })),
  }),
  Closed({ kind: Type.Literal('timeout') }),
]);

/** How the two versions differ (probes/runtime classifyDivergence, and `hang` from the watchdog). */
const DIVERGENCES = ['crash', 'throws', 'degenerate', 'returns-undefined', 'argument-mutated', 'timeout', 'hang', 'error-changed', 'value'] as const;

export const CounterexampleSchema = Closed({
  /** `slugify("Ä b")` or `new Cart(2).total(-1)`. */
  call: Type.String(),
  /** Each argument as JavaScript text (fc.stringify). */
  argsText: Type.Array(Type.String()),
  ctorArgsText: Type.Optional(Type.Array(Type.String())),
  /** Rendered outcomes: `returns "a-b"`, `throws TypeError: …`. */
  before: Type.String(),
  after: Type.String(),
  afterBehaviour: AfterBehaviourSchema,
  /** The schema lists the kinds; the TypeScript type (plan.ts Counterexample) says string. */
  divergence: Type.Unsafe<string>(StringEnum(DIVERGENCES)),
  divergenceReason: Type.String(),
  /** fast-check's replay path for this counterexample. */
  path: Type.Optional(Type.String()),
  /**
   * Which search found it: over all inputs (generated and recorded); `recorded`: a call the suite
   * made, or one built from those (an argument from another recorded call, a neighbouring number, a
   * string of the same shape), shown as it was tried, unshrunk; a second search over generated
   * inputs only, which found a shorter call; or one over realistic inputs only, after the first
   * counterexample was at a type extreme.
   */
  search: StringEnum(['all', 'recorded', 'generated', 'realistic']),
  shrinks: Count(),
  /** Why the arguments are outside the realistic ranges (NaN, a date in the year 275760…); absent when they are realistic. */
  extremes: Type.Optional(Type.Array(Type.String())),
  /** The divergence is in a function the probed one returns, at this path of its result (`result.run`), called with arguments the tests pass it. */
  via: Type.Optional(Type.String()),
});

/** One probed function in the report. */
export const ProbeFunctionSchema = Closed({
  id: Type.String(),
  outcome: StringEnum(['equivalent', 'diverged', 'nondeterministic', 'inconclusive']),
  /** Why inconclusive or nondeterministic, in words. */
  reason: Type.Optional(Type.String()),
  /** Samples actually run. */
  runs: Count(),
  seed: Type.Integer(),
  /** Which inputs were used: generated from the parameter types, and/or arguments recorded from the suite. */
  inputs: Closed({ derived: Type.Boolean(), complete: Type.Boolean(), recorded: Count() }),
  async: Type.Boolean(),
  counterexample: Type.Optional(CounterexampleSchema),
  /** The first counterexample, when it was at a type extreme and a search over realistic inputs found `counterexample` (or the function diverged only there). */
  extremeCounterexample: Type.Optional(CounterexampleSchema),
  /** For nondeterministic functions: the call and the two differing outcomes of one side. */
  nondeterminism: Type.Optional(Closed({ side: StringEnum(['before', 'after']), call: Type.String(), first: Type.String(), second: Type.String() })),
  /**
   * A diverged function that the patch's fail-to-pass tests call (issue 17 §5): the shapes of their
   * divergences, the change the patch means, and the first divergence of another shape the probes found.
   */
  explained: Type.Optional(
    Closed({
      /** Distinct calls the fail-to-pass tests made, and how many of them the two versions answer differently. */
      intentCalls: Count(),
      intentDiverged: Count(),
      /** `value object: keys`, `value string: shorter`, `returns -> throws TypeError`… (probes/runtime/explain.ts). */
      intentShapes: Type.Array(Type.String()),
      unexplained: Type.Optional(Closed({ ...CounterexampleSchema.properties, shape: Type.String() })),
    }),
  ),
  durationMs: Count(),
  file: Type.String(),
  exportName: Type.String(),
  member: Type.Optional(Closed({ name: Type.String(), static: Type.Boolean() })),
  /** The changed declarations this function exercises (itself, or helpers it calls). */
  covers: Type.Array(Type.String()),
  /** A vitest test that pins the new behaviour on the counterexample, ready to paste. */
  suggestedTest: Type.Optional(Closed({ file: Type.String(), code: Type.String() })),
});

/** Property probes, as the report has them (run-probe-stage.ts ProbeEvidence without findings, allEquivalent, strong). */
export const ProbesSectionProperties = {
  seed: Type.Integer(),
  runs: Count(),
  callTimeoutMs: Count(),
  functions: Type.Array(ProbeFunctionSchema),
  uncovered: Type.Array(Closed({ symbol: Type.String(), reason: Type.String() })),
  /** Probe runs: 1, plus one per hang or crash that ended a run. */
  processes: Count(),
  /** Runs (the recording run and the probe runs) made in the after tree's warm vitest rather than a vitest process of their own (absent: none). */
  warmRuns: Type.Optional(Count()),
  /** The probed functions' documented examples, run on both versions (absent when none was found). */
  docExamples: Type.Optional(
    Closed(
      {
        checked: Count(),
        held: Count(),
        broken: Count(),
        fixed: Count(),
        ignored: Count(),
        changedByPatch: Count(),
        unreadable: Count(),
      },
      {
        description:
          'documented examples (f(x) // => y) of the probed functions: checked on both versions, held on both, broken, fixed, ignored (not runnable or not deterministic on the old version, or failing on both), rewritten or removed by the patch, unreadable (prose results, // throws)',
      },
    ),
  ),
  timings: Closed({ select: Count(), record: Count(), execute: Count() }),
};

// ---- mutation probes (mutation/types.ts) ----

const Score = (): TNumber => Type.Number({ minimum: 0, maximum: 100 });
const MutationSideSchema = StringEnum(['before', 'after']);

export const MutationCountsSchema = Closed({
  mutants: Count(),
  killed: Count(),
  survived: Count(),
  noCoverage: Count(),
  timeout: Count(),
  errors: Count(),
  /** (killed + timeout) / (mutants − errors) in percent, one decimal; null when no mutant counts. */
  score: Nullable(Score()),
});

const MutationRunSchema = Closed({
  side: MutationSideSchema,
  status: StringEnum(['ran', 'skipped', 'failed']),
  reason: Type.Optional(Type.String()),
  durationMs: Count(),
  /** Mutants Stryker generated in the touched ranges, and how many of them ran (the --max-mutants sample). */
  generated: Count(),
  tested: Count(),
  testFiles: Type.Array(Type.String()),
  /** StrykerJS test runner processes (each starts vitest): one when the mutants' work is smaller than a second one's start. */
  runners: Type.Optional(Count()),
  /** Each run's test files shared one vitest worker; false: a worker per file (vitest's default). */
  sharedWorker: Type.Optional(Type.Boolean()),
  /** With sharedWorker: the worker stayed up from one mutant's run to the next, the project's modules evaluated afresh in each (vitest 2.x, 3.x and 4.x). */
  warmWorker: Type.Optional(Type.Boolean()),
  /** With sharedWorker: test files that failed when they shared the worker in StrykerJS's initial run, and ran in a worker of their own each (vitest 2.x and 3.x). */
  isolatedTestFiles: Type.Optional(Type.Array(Type.String())),
  /** The run reached its time budget (--mutation-timeout) and was stopped: `tested` counts the mutants tested by then. */
  cutShort: Type.Optional(Type.Boolean()),
  /** With cutShort: the mutants the run was to test (after --max-mutants sampling). */
  planned: Type.Optional(Count()),
  /** Old versions of edited or deleted test files that ran next to the new tests (the tests-weakened comparison). */
  oldTestFiles: Type.Optional(Type.Array(Type.String())),
  /** Tests that failed in the suite run and were skipped by name: the rest of their files ran. */
  skippedTests: Type.Optional(Type.Array(Type.String())),
  /** Unused since the before run is gone (issue 16); kept so older reports still read. */
  cached: Type.Optional(Type.Boolean({ description: "unused: the before run's result came from the baseline cache (reports before issue 16)" })),
});

const MutantSchema = Closed({
  side: MutationSideSchema,
  /** The innermost touched declaration holding the mutant, "src/cart.ts#Cart.total". */
  symbol: Type.String(),
  file: Type.String(),
  line: Line(),
  column: Line(),
  mutator: Type.String(),
  /** The source text the mutant replaces (one line, shortened) and what it becomes. */
  original: Type.String(),
  replacement: Type.String(),
  status: StringEnum(['killed', 'survived', 'no-coverage', 'timeout', 'error']),
  /** Tests that killed it, as "file > title" (killed mutants only). */
  killedBy: Type.Optional(Type.Array(Type.String())),
  /** The same mutant under the old tests (only when old versions of edited or deleted tests ran next to the new ones). */
  oldStatus: Type.Optional(StringEnum(['killed', 'survived', 'no-coverage', 'timeout', 'error'])),
  /** Old versions of edited or deleted tests that killed it, as "file > title". */
  killedByOld: Type.Optional(Type.Array(Type.String())),
});

export const MutationReportSchema = Closed({
  status: StringEnum(['ran', 'skipped']),
  /** Why the stage was skipped (status 'skipped'). */
  reason: Type.Optional(Type.String()),
  maxMutants: Type.Integer({ minimum: 1 }),
  minScore: Score(),
  /** Score over every touched declaration, after the patch; null when no mutant counts. */
  score: Nullable(Score()),
  /** The same mutants under the old tests (only when the patch edited or deleted test files whose old versions could run). */
  beforeScore: Nullable(Score()),
  runs: Type.Array(MutationRunSchema),
  declarations: Type.Array(
    Closed({
      symbol: Type.String(),
      file: Type.String(),
      after: Nullable(MutationCountsSchema),
      /** The same mutants under the old tests (only when old versions of edited or deleted tests ran). */
      before: Nullable(MutationCountsSchema),
    }),
  ),
  /** Every tested mutant of both runs; renderers show the survived and no-coverage ones. */
  mutants: Type.Array(MutantSchema),
  /** Where --mutation-report wrote Stryker's HTML report. */
  htmlReport: Type.Optional(Type.String()),
});
