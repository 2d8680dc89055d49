import { Type } from '@sinclair/typebox';
import { FINDING_KINDS } from '../verdict/finding.js';
import { Closed, Count, Line, Nullable, StringEnum, Sha256 } from './schema-kit.js';

/** The report's own sections; schema.ts assembles them, shard partials reuse them. */

export const VerdictSchema = StringEnum(['substantive', 'cosmetic', 'regressive']);
export const ConfidenceSchema = StringEnum(['high', 'medium', 'low']);
export const SeveritySchema = StringEnum(['info', 'warning', 'error']);
export const SetupSchema = StringEnum(['before', 'after', 'old-tests-new-code', 'new-tests-old-code']);
export const TestStateSchema = StringEnum(['pass', 'fail', 'skip', 'todo', 'missing']);

export const ToolSchema = Closed({ name: Type.Literal('patchprobe'), version: Type.String() });

export const FindingSchema = Closed({
  kind: StringEnum(FINDING_KINDS),
  severity: SeveritySchema,
  /** One sentence a reviewer (or an agent's next prompt) can act on. */
  message: Type.String({ minLength: 1 }),
  /** Path relative to the repository root. */
  file: Type.Optional(Type.String()),
  line: Type.Optional(Line()),
  /** The test this finding is about, as "file > suite > title". */
  test: Type.Optional(Type.String()),
  /** The declaration this finding is about, as "src/cart.ts#Cart.total". */
  symbol: Type.Optional(Type.String()),
  /** On a masked-regression: the fail-to-pass test whose failure on the old code is this test's failure on the new code reversed. */
  mirroredBy: Type.Optional(Type.String()),
});

export const TestCountsSchema = Closed({ pass: Count(), fail: Count(), skip: Count(), todo: Count() });

export const SubjectSchema = Closed({
  repository: Type.String(),
  project: Type.String(),
  base: Closed({ rev: Type.String(), commit: Type.String({ pattern: '^[0-9a-f]{40,64}$' }) }),
  after: Type.Union([
    Closed({ kind: Type.Literal('worktree') }),
    Closed({ kind: Type.Literal('revision'), rev: Type.String(), commit: Type.String() }),
    Closed({ kind: Type.Literal('patch'), file: Type.String() }),
  ]),
});

export const ReportFileSchema = Closed({
  path: Type.String(),
  oldPath: Type.Optional(Type.String()),
  status: StringEnum(['added', 'modified', 'deleted', 'renamed']),
  role: StringEnum(['source', 'test', 'docs']),
  category: StringEnum(['code', 'docs', 'other']),
  formattingOnly: Type.Boolean(),
  additions: Count(),
  deletions: Count(),
});

export const ReportRunSchema = Closed({
  setup: SetupSchema,
  label: Type.String(),
  attempt: Count(),
  files: Type.Union([Type.Literal('all'), Type.Array(Type.String())]),
  status: StringEnum(['ok', 'crashed']),
  crashMessage: Type.Optional(Type.String()),
  /** Present (true) when the run was reused from the baseline cache; its durationMs is then 0. */
  cached: Type.Optional(Type.Literal(true, { description: 'present when the run was reused from the baseline cache (its durationMs is then 0)' })),
  inferredFiles: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'test files this before run did not run: they import nothing the patch changes (vitest related) and pass after it, so their outcomes (in counts) are the after run\'s',
    }),
  ),
  stoppedAfterMs: Type.Optional(
    Type.Integer({
      minimum: 0,
      description:
        'new tests on the old code only: the run passed its hang limit and was stopped after this long (suites/hang.ts); the tests only the new version of a file has read as failing in counts',
    }),
  ),
  durationMs: Count(),
  counts: TestCountsSchema,
});

/** One test whose outcome differs somewhere in the matrix. */
export const TestChangeSchema = Closed({
  id: Type.String(),
  name: Type.String(),
  file: Type.String(),
  before: TestStateSchema,
  after: TestStateSchema,
  /** The before version of the test on the after source, when that run happened. */
  oldTestOnNewCode: Type.Optional(TestStateSchema),
  /** The after version of the test on the before source, when that run happened. */
  newTestOnOldCode: Type.Optional(TestStateSchema),
  flaky: Type.Boolean(),
  error: Type.Optional(Type.String()),
});

export const TestsSchema = Closed({
  vitestVersion: Nullable(Type.String()),
  /** vitest projects left out of every run (--skip-project), by name; absent when none was. */
  skippedProjects: Type.Optional(Type.Array(Type.String(), { description: 'vitest projects left out of every run (--skip-project), by name' })),
  runs: Type.Array(ReportRunSchema),
  totals: Closed({ before: Nullable(TestCountsSchema), after: Nullable(TestCountsSchema) }),
  changed: Type.Array(TestChangeSchema),
});

/**
 * The baseline cache: `off` without a cache folder (or when no suite ran), `hit` when every
 * before-tree result asked for was reused, `miss` when none was, `partial` otherwise.
 */
export const ReportCacheSchema = Closed(
  {
    status: StringEnum(['off', 'hit', 'miss', 'partial']),
    /** sha256 of the before tree, lockfiles, vitest config, vitest/patchprobe/cache versions. */
    key: Type.Optional(Sha256()),
    dir: Type.Optional(Type.String()),
    /** Suite runs taken from the cache instead of being run. */
    reusedRuns: Type.Optional(Count()),
  },
  { description: 'The baseline cache (--cache-dir): off without one, hit when every before-tree result asked for was reused, miss when none was, partial otherwise.' },
);

/** Milliseconds per stage that ran (events.ts StageName). */
export const TimingsSchema = Closed({
  snapshot: Type.Optional(Count()),
  diff: Type.Optional(Count()),
  suites: Type.Optional(Count()),
  typecheck: Type.Optional(Count()),
  verdict: Type.Optional(Count()),
  report: Type.Optional(Count()),
  static: Type.Optional(Count()),
  probes: Type.Optional(Count()),
  mutation: Type.Optional(Count()),
});
