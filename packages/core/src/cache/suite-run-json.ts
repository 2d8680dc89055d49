import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Count, StringEnum, type Equal } from '../report/schema-kit.js';
import { SetupSchema } from '../report/schema-parts.js';
import { testId, type ProjectInfo, type SuiteRun, type TestRecord } from '../suites/types.js';

// Objects here admit properties they do not list, as the hand-written checks these replace did:
// an entry is refused for what it lacks or has wrong, never for what it has besides.

const TestRecordSchema = Type.Object({
  /** Stable key: JSON of [project, file, ...suites, title]. */
  id: Type.String(),
  /** Repository-relative POSIX path of the test file. */
  file: Type.String(),
  project: Type.String(),
  path: Type.Array(Type.String()),
  state: StringEnum(['pass', 'fail', 'skip', 'todo']),
  durationMs: Type.Optional(Type.Number()),
  error: Type.Optional(Type.String()),
  diff: Type.Optional(Type.String()),
});

const ProjectInfoSchema = Type.Object({
  name: Type.String(),
  /** Repository-relative folders. */
  root: Type.String(),
  dir: Type.String(),
  include: Type.Array(Type.String()),
  exclude: Type.Array(Type.String()),
});

/**
 * A SuiteRun as JSON, for the baseline cache and for shard partial results. Absolute paths of the
 * run's temporary folders are replaced by tokens on the way out and by this run's folders on the
 * way in, so a reused run reads exactly as a fresh one would.
 */
export const SuiteRunJsonSchema = Type.Object({
  setup: SetupSchema,
  files: Type.Union([Type.Literal('all'), Type.Array(Type.String())]),
  attempt: Count(),
  cached: Type.Optional(Type.Boolean()),
  status: StringEnum(['ok', 'crashed']),
  crashMessage: Type.Optional(Type.String()),
  vitestVersion: Type.Optional(Type.String()),
  durationMs: Type.Number({ minimum: 0 }),
  tests: Type.Array(TestRecordSchema),
  moduleErrors: Type.Array(Type.Tuple([Type.String(), Type.String()])),
  modules: Type.Array(Type.String()),
  projects: Type.Array(ProjectInfoSchema),
  unhandledErrors: Type.Array(Type.String()),
});
export type SuiteRunJson = Static<typeof SuiteRunJsonSchema>;
const checkSuiteRunJson = TypeCompiler.Compile(SuiteRunJsonSchema);

true satisfies Equal<Static<typeof TestRecordSchema>, TestRecord>;
true satisfies Equal<Static<typeof ProjectInfoSchema>, ProjectInfo>;

/** [absolute path, token] pairs; replaced in every string of the run. */
export type PathTokens = ReadonlyArray<readonly [string, string]>;

const replaceAll = (s: string, pairs: PathTokens): string => pairs.reduce((acc, [from, to]) => (from ? acc.split(from).join(to) : acc), s);

export function runToJson(run: SuiteRun, tokens: PathTokens = []): SuiteRunJson {
  const r = (s: string): string => replaceAll(s, tokens);
  const out: SuiteRunJson = {
    setup: run.setup,
    files: run.files === 'all' ? 'all' : [...run.files],
    attempt: run.attempt,
    status: run.status,
    durationMs: run.durationMs,
    tests: [...run.tests.values()].map((t) => {
      const rec: TestRecord = { ...t, path: [...t.path] };
      if (t.error !== undefined) rec.error = r(t.error);
      if (t.diff !== undefined) rec.diff = r(t.diff);
      return rec;
    }),
    moduleErrors: [...run.moduleErrors].map(([f, e]) => [f, r(e)]),
    modules: [...run.modules],
    projects: run.projects.map((p) => ({ ...p, include: [...p.include], exclude: [...p.exclude] })),
    unhandledErrors: run.unhandledErrors.map(r),
  };
  if (run.crashMessage !== undefined) out.crashMessage = r(run.crashMessage);
  if (run.vitestVersion !== undefined) out.vitestVersion = run.vitestVersion;
  if (run.cached) out.cached = true;
  return out;
}

/** The inverse of runToJson: `tokens` are the same pairs, token → this run's path is applied. */
export function runFromJson(json: SuiteRunJson, tokens: PathTokens = []): SuiteRun {
  const back = tokens.map(([from, to]) => [to, from] as const);
  const r = (s: string): string => replaceAll(s, back);
  const run: SuiteRun = {
    setup: json.setup,
    files: json.files === 'all' ? 'all' : [...json.files],
    attempt: json.attempt,
    status: json.status,
    durationMs: json.durationMs,
    tests: new Map(
      json.tests.map((t) => {
        const rec: TestRecord = { ...t, path: [...t.path] };
        if (t.error !== undefined) rec.error = r(t.error);
        if (t.diff !== undefined) rec.diff = r(t.diff);
        return [rec.id, rec];
      }),
    ),
    moduleErrors: new Map(json.moduleErrors.map(([f, e]) => [f, r(e)])),
    modules: new Set(json.modules),
    projects: json.projects.map((p) => ({ ...p, include: [...p.include], exclude: [...p.exclude] })),
    unhandledErrors: json.unhandledErrors.map(r),
  };
  if (json.crashMessage !== undefined) run.crashMessage = r(json.crashMessage);
  if (json.vitestVersion !== undefined) run.vitestVersion = json.vitestVersion;
  if (json.cached === true) run.cached = true;
  return run;
}

/** True when each test's id is the one its fields give, and no id repeats: what no schema can say. */
export function testsAreConsistent(run: SuiteRunJson): boolean {
  // The id is derived from the other fields: an entry whose id disagrees was not written by us.
  return run.tests.every((t) => t.id === testId(t.project, t.file, t.path)) && new Set(run.tests.map((t) => t.id)).size === run.tests.length;
}

/** A full shape check: every field the comparison reads, with its type. */
export function isSuiteRunJson(v: unknown): v is SuiteRunJson {
  return checkSuiteRunJson.Check(v) && testsAreConsistent(v);
}
