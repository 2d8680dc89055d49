/** What the mutation stage reports (issue 5). Kept apart from the runner so renderers can import it cheaply. */

export type MutationSide = 'before' | 'after';

/** Stryker's statuses, folded: RuntimeError and CompileError are `error` (they say nothing about the tests). */
export type MutantStatus = 'killed' | 'survived' | 'no-coverage' | 'timeout' | 'error';

export interface MutationCounts {
  mutants: number;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  errors: number;
  /** (killed + timeout) / (mutants − errors) in percent, one decimal; null when no mutant counts. */
  score: number | null;
}

export interface MutantEntry {
  side: MutationSide;
  /** The innermost touched declaration holding the mutant, "src/cart.ts#Cart.total". */
  symbol: string;
  file: string;
  line: number;
  column: number;
  mutator: string;
  /** The source text the mutant replaces (one line, shortened) and what it becomes. */
  original: string;
  replacement: string;
  status: MutantStatus;
  /** Tests that killed it, as "file > title" (killed mutants only). */
  killedBy?: string[];
  /**
   * The same mutant under the old tests: only when the patch edited (or deleted) test files and their
   * old versions ran on the new code next to the new tests. `status` and `killedBy` are the new tests'.
   */
  oldStatus?: MutantStatus;
  /** Old versions of edited or deleted tests that killed it, as "file > title" (the file they belong to). */
  killedByOld?: string[];
}

export interface MutationDeclaration {
  symbol: string;
  file: string;
  after: MutationCounts | null;
  /**
   * The same mutants (of the code after the patch) under the old tests: only when the patch edited or
   * deleted test files and their old versions ran next to the new tests.
   */
  before: MutationCounts | null;
}

export interface MutationRun {
  side: MutationSide;
  status: 'ran' | 'skipped' | 'failed';
  reason?: string;
  durationMs: number;
  /** Mutants Stryker generated in the touched ranges, and how many of them ran (the --max-mutants sample). */
  generated: number;
  tested: number;
  testFiles: string[];
  /** StrykerJS test runner processes (each starts vitest): one when the mutants' work is smaller than a second one's start. */
  runners?: number;
  /**
   * Each run's test files shared one vitest worker (their imports and environment loaded once per
   * mutant); false: a worker per file, vitest's default (a run that compares old and new tests, or a
   * project whose test files fail in one worker). Absent in reports before it was measured.
   */
  sharedWorker?: boolean;
  /**
   * With sharedWorker: the worker stayed up from one mutant's run to the next, the project's modules
   * evaluated afresh in each (vitest 2.x, 3.x and 4.x; assets/stryker-warm-worker.mjs). False: a
   * fresh worker per run (vitest 0.34 and 1.x, PATCHPROBE_WARM_WORKER=0, or a warm worker that gave
   * the initial run other outcomes). Absent in reports before it was measured.
   */
  warmWorker?: boolean;
  /**
   * With sharedWorker: test files that failed when they shared the worker in StrykerJS's initial run,
   * and so ran in a worker of their own each while the rest kept sharing one (vitest 2.x and 3.x).
   */
  isolatedTestFiles?: string[];
  /** The run reached its time budget (--mutation-timeout) and was stopped: `tested` counts the mutants tested by then. */
  cutShort?: boolean;
  /** With cutShort: the mutants the run was to test (after --max-mutants sampling). */
  planned?: number;
  /** Old versions of edited or deleted test files that ran next to the new tests (the tests-weakened comparison). */
  oldTestFiles?: string[];
  /** Tests that failed in the suite run and were skipped by name: the rest of their files ran. */
  skippedTests?: string[];
  /** Unused since the before run is gone (issue 16); kept so older reports still read. */
  cached?: boolean;
}

export interface MutationReport {
  status: 'ran' | 'skipped';
  /** Why the stage was skipped (status 'skipped'). */
  reason?: string;
  maxMutants: number;
  minScore: number;
  /** Score over every touched declaration, after the patch; null when no mutant counts. */
  score: number | null;
  /** The same mutants under the old tests (only when the patch edited or deleted test files whose old versions could run). */
  beforeScore: number | null;
  runs: MutationRun[];
  declarations: MutationDeclaration[];
  /** Every tested mutant of both runs; renderers show the survived and no-coverage ones. */
  mutants: MutantEntry[];
  /** Where --mutation-report wrote Stryker's HTML report. */
  htmlReport?: string;
}
