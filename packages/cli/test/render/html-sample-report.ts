import type { MutantEntry, MutationReport, Report } from '@patchprobe/core';

/**
 * A real report: `patchprobe verify --json` on examples/probe-edge-regression (only the temp repo
 * path normalised, and `cache` as a run without a cache folder writes it). Unit tests start from
 * it so the renderer sees the shapes the CLI really writes; html.test.ts checks it still matches
 * report.schema.json, so a schema change that outdates it fails there first.
 */
const PROBE_EDGE_REGRESSION = {
  schemaVersion: 1,
  tool: { name: 'patchprobe', version: '0.1.0' },
  verdict: 'regressive',
  confidence: 'high',
  reasons: [
    '1 changed function now returns degenerate values (NaN, Invalid Date, "undefined"…) where it returned proper ones (property probes)',
  ],
  findings: [
    {
      kind: 'probe-degenerate',
      severity: 'error',
      message: '`averageRating([])`: before returns 0, after returns Number.NaN: the new version returns a degenerate value where it returned a proper one (seed 716970015, path 7)',
      symbol: 'src/ratings.ts#averageRating',
      file: 'src/ratings.ts',
      line: 2,
    },
    {
      severity: 'info',
      file: 'src/ratings.ts',
      line: 2,
      symbol: 'src/ratings.ts#averageRating',
      kind: 'declaration-changed',
      message: '`src/ratings.ts#averageRating`: semantic change',
    },
    {
      severity: 'info',
      file: 'src/ratings.ts',
      line: 3,
      symbol: 'src/ratings.ts#averageRating.<anon#0>',
      kind: 'declaration-added',
      message: '`src/ratings.ts#averageRating.<anon#0>`: added',
    },
    {
      kind: 'blast-radius',
      severity: 'info',
      file: 'src/ratings.ts',
      symbol: 'src/ratings.ts#averageRating',
      message: '`averageRating` changed; no callers in the project; reached by 1 test file',
    },
    {
      kind: 'change-spread',
      severity: 'info',
      message: 'the patch changes the behaviour of 1 declaration in 1 file: `averageRating` (pass --scope to flag changes outside the intended files)',
    },
    {
      file: 'src/ratings.ts',
      symbol: 'src/ratings.ts#averageRating',
      line: 2,
      kind: 'mutation-score',
      severity: 'info',
      message: '`averageRating`: 4 mutants, 4 killed, 0 survived, 0 reached by no test (score 100%)',
    },
    {
      file: 'src/ratings.ts',
      symbol: 'src/ratings.ts#averageRating.<anon#0>',
      line: 3,
      kind: 'mutation-score',
      severity: 'info',
      message: '`averageRating.<anon#0>`: 2 mutants, 2 killed, 0 survived, 0 reached by no test (score 100%)',
    },
    {
      file: 'src/ratings.ts',
      line: 1,
      kind: 'source-changed',
      severity: 'info',
      message: 'src/ratings.ts edited (+2 −4)',
    },
  ],
  subject: {
    repository: '/tmp/pp-example-repo',
    project: '',
    base: { rev: 'HEAD', commit: '247209e4876bb03052fbb89cc5d85c538c920a80' },
    after: { kind: 'patch', file: '/work/main/examples/probe-edge-regression/patch.diff' },
  },
  changes: {
    files: [
      {
        path: 'src/ratings.ts',
        status: 'modified',
        role: 'source',
        category: 'code',
        formattingOnly: false,
        additions: 2,
        deletions: 4,
      },
    ],
  },
  tests: {
    vitestVersion: '4.1.12',
    runs: [
      {
        setup: 'before',
        label: 'before source × before tests',
        attempt: 0,
        files: 'all',
        status: 'ok',
        durationMs: 590,
        counts: { pass: 3, fail: 0, skip: 0, todo: 0 },
      },
      {
        setup: 'after',
        label: 'after source × after tests',
        attempt: 0,
        files: 'all',
        status: 'ok',
        durationMs: 583,
        counts: { pass: 3, fail: 0, skip: 0, todo: 0 },
      },
    ],
    totals: { before: { pass: 3, fail: 0, skip: 0, todo: 0 }, after: { pass: 3, fail: 0, skip: 0, todo: 0 } },
    changed: [],
  },
  static: {
    declarations: [
      {
        symbol: 'src/ratings.ts#averageRating',
        file: 'src/ratings.ts',
        line: 2,
        endLine: 5,
        exported: true,
        change: 'semantic',
        code: {
          before: {
            startLine: 2,
            endLine: 7,
            text: 'export function averageRating(ratings: number[]): number {\n  if (ratings.length === 0) return 0;\n  let sum = 0;\n  for (const rating of ratings) sum += rating;\n  return Math.round((sum / ratings.length) * 10) / 10;\n}',
          },
          after: {
            startLine: 2,
            endLine: 5,
            text: 'export function averageRating(ratings: number[]): number {\n  const sum = ratings.reduce((total, rating) => total + rating, 0);\n  return Math.round((sum / ratings.length) * 10) / 10;\n}',
          },
        },
      },
      {
        symbol: 'src/ratings.ts#averageRating.<anon#0>',
        file: 'src/ratings.ts',
        line: 3,
        endLine: 3,
        exported: false,
        change: 'added',
        code: {
          after: {
            startLine: 3,
            endLine: 3,
            text: '  const sum = ratings.reduce((total, rating) => total + rating, 0);',
          },
        },
      },
    ],
    typecheck: { status: 'ran', durationMs: 1795 },
    blastRadius: [{ symbol: 'src/ratings.ts#averageRating', callers: [], testFiles: ['test/ratings.test.ts'] }],
    timings: { declarations: 63, tampering: 0, typecheck: 1795, blastRadius: 43 },
  },
  probes: {
    seed: 1,
    runs: 200,
    callTimeoutMs: 1000,
    functions: [
      {
        id: 'src/ratings.ts#averageRating',
        runs: 8,
        seed: 716970015,
        async: false,
        inputs: { derived: true, complete: true, recorded: 2 },
        outcome: 'diverged',
        counterexample: {
          call: 'averageRating([])',
          argsText: ['[]'],
          before: 'returns 0',
          after: 'returns Number.NaN',
          afterBehaviour: { kind: 'returned', valueText: 'Number.NaN' },
          divergence: 'degenerate',
          divergenceReason: 'after returns Number.NaN where before returned 0 (NaN)',
          path: '7',
          search: 'all',
          shrinks: 0,
        },
        durationMs: 17,
        file: 'src/ratings.ts',
        exportName: 'averageRating',
        covers: ['src/ratings.ts#averageRating'],
        suggestedTest: {
          file: 'src/ratings.patchprobe.test.ts',
          code: 'import { expect, test } from \'vitest\';\nimport { averageRating } from \'./ratings\';\n\ntest(\'keeps the new behaviour of averageRating([])\', () => {\n  expect(averageRating([])).toBeNaN();\n});\n',
        },
      },
    ],
    uncovered: [],
    processes: 1,
    timings: { select: 1104, record: 784, execute: 1034 },
  },
  cache: { status: 'off' },
  mutation: {
    maxMutants: 100,
    minScore: 60,
    score: 100,
    beforeScore: null,
    runs: [
      {
        side: 'after',
        status: 'ran',
        durationMs: 4603,
        generated: 6,
        tested: 6,
        testFiles: ['test/ratings.test.ts'],
      },
    ],
    declarations: [
      {
        symbol: 'src/ratings.ts#averageRating',
        file: 'src/ratings.ts',
        after: { mutants: 4, killed: 4, survived: 0, noCoverage: 0, timeout: 0, errors: 0, score: 100 },
        before: null,
      },
      {
        symbol: 'src/ratings.ts#averageRating.<anon#0>',
        file: 'src/ratings.ts',
        after: { mutants: 2, killed: 2, survived: 0, noCoverage: 0, timeout: 0, errors: 0, score: 100 },
        before: null,
      },
    ],
    mutants: [
      {
        side: 'after',
        symbol: 'src/ratings.ts#averageRating',
        file: 'src/ratings.ts',
        line: 2,
        column: 58,
        mutator: 'BlockStatement',
        original: '{ …',
        replacement: '{}',
        status: 'killed',
        killedBy: ['test/ratings.test.ts > averageRating averages the ratings'],
      },
      {
        side: 'after',
        symbol: 'src/ratings.ts#averageRating.<anon#0>',
        file: 'src/ratings.ts',
        line: 3,
        column: 30,
        mutator: 'ArrowFunction',
        original: '(total, rating) => total + rating',
        replacement: '() => undefined',
        status: 'killed',
        killedBy: ['test/ratings.test.ts > averageRating averages the ratings'],
      },
      {
        side: 'after',
        symbol: 'src/ratings.ts#averageRating.<anon#0>',
        file: 'src/ratings.ts',
        line: 3,
        column: 49,
        mutator: 'ArithmeticOperator',
        original: 'total + rating',
        replacement: 'total - rating',
        status: 'killed',
        killedBy: ['test/ratings.test.ts > averageRating averages the ratings'],
      },
      {
        side: 'after',
        symbol: 'src/ratings.ts#averageRating',
        file: 'src/ratings.ts',
        line: 4,
        column: 10,
        mutator: 'ArithmeticOperator',
        original: 'Math.round((sum / ratings.length) * 10) / 10',
        replacement: 'Math.round(sum / ratings.length * 10) * 10',
        status: 'killed',
        killedBy: ['test/ratings.test.ts > averageRating averages the ratings'],
      },
      {
        side: 'after',
        symbol: 'src/ratings.ts#averageRating',
        file: 'src/ratings.ts',
        line: 4,
        column: 21,
        mutator: 'ArithmeticOperator',
        original: '(sum / ratings.length) * 10',
        replacement: 'sum / ratings.length / 10',
        status: 'killed',
        killedBy: ['test/ratings.test.ts > averageRating averages the ratings'],
      },
      {
        side: 'after',
        symbol: 'src/ratings.ts#averageRating',
        file: 'src/ratings.ts',
        line: 4,
        column: 22,
        mutator: 'ArithmeticOperator',
        original: 'sum / ratings.length',
        replacement: 'sum * ratings.length',
        status: 'killed',
        killedBy: ['test/ratings.test.ts > averageRating averages the ratings'],
      },
    ],
    status: 'ran',
  },
  timings: {
    snapshot: 99,
    diff: 18,
    suites: 1178,
    static: 1902,
    probes: 2924,
    mutation: 4606,
    verdict: 1,
    report: 1,
  },
  durationMs: 10729,
  summary: 'patchprobe verdict: REGRESSIVE (high confidence)\n- 1 changed function now returns degenerate values (NaN, Invalid Date, "undefined"…) where it returned proper ones (property probes)\nChanged: 1 source, 0 test, 0 docs file(s)\nTests: before 3 passed, 0 failed; after 3 passed, 0 failed\nEvidence:\n- [error] `averageRating([])`: before returns 0, after returns Number.NaN: the new version returns a degenerate value where it returned a proper one (seed 716970015, path 7) (src/ratings.ts:2)\n- [info] `averageRating` changed; no callers in the project; reached by 1 test file (src/ratings.ts)',
} as Report;

export function realReport(): Report {
  return structuredClone(PROBE_EDGE_REGRESSION);
}

const mutant = (m: Partial<MutantEntry> & Pick<MutantEntry, 'line' | 'original' | 'replacement' | 'mutator' | 'status'>): MutantEntry => ({
  side: 'after',
  symbol: 'src/ratings.ts#averageRating',
  file: 'src/ratings.ts',
  column: 3,
  ...m,
});

/**
 * The real run kills every mutant; this stand-in has survivors and uncovered mutants to show,
 * shaped by mutation/types.ts and report.schema.json (the tests validate it).
 */
export function mutationSection(): MutationReport {
  return {
    status: 'ran',
    maxMutants: 50,
    minScore: 60,
    score: 50,
    beforeScore: null,
    runs: [{ side: 'after', status: 'ran', durationMs: 4210, generated: 4, tested: 4, testFiles: ['test/ratings.test.ts'] }],
    declarations: [
      {
        symbol: 'src/ratings.ts#averageRating',
        file: 'src/ratings.ts',
        after: { mutants: 4, killed: 2, survived: 1, noCoverage: 1, timeout: 0, errors: 0, score: 50 },
        before: null,
      },
    ],
    mutants: [
      mutant({ line: 3, column: 15, original: 'ratings.reduce((total, rating) => total + rating, 0)', replacement: 'ratings.reduce((total, rating) => total - rating, 0)', mutator: 'ArithmeticOperator', status: 'killed', killedBy: ['test/ratings.test.ts > averageRating > averages the ratings'] }),
      mutant({ line: 4, column: 10, original: '(sum / ratings.length) * 10', replacement: '(sum * ratings.length) * 10', mutator: 'ArithmeticOperator', status: 'killed', killedBy: ['test/ratings.test.ts > averageRating > rounds to one decimal'] }),
      mutant({ line: 3, column: 30, original: '(total, rating) => total + rating', replacement: '() => undefined', mutator: 'ArrowFunction', status: 'survived' }),
      mutant({ line: 4, column: 38, original: '/ 10', replacement: '* 10', mutator: 'ArithmeticOperator', status: 'no-coverage' }),
    ],
  };
}

/** A copy of `report` whose mutation section has survivors. */
export function withMutation(report: Report): Report {
  return { ...structuredClone(report), mutation: mutationSection() };
}
