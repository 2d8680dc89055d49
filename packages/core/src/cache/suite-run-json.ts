import type { ProjectInfo, SetupName, SuiteRun, TestRecord } from '../suite/types.js';

/**
 * A SuiteRun as JSON, for the baseline cache and for shard partial results. Absolute paths of the
 * run's temporary folders are replaced by tokens on the way out and by this run's folders on the
 * way in, so a reused run reads exactly as a fresh one would.
 */
export interface SuiteRunJson {
  setup: SetupName;
  files: 'all' | string[];
  attempt: number;
  cached?: boolean;
  status: 'ok' | 'crashed';
  crashMessage?: string;
  vitestVersion?: string;
  durationMs: number;
  tests: TestRecord[];
  moduleErrors: Array<[string, string]>;
  modules: string[];
  projects: ProjectInfo[];
  unhandledErrors: string[];
}

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

const SETUPS = new Set<string>(['before', 'after', 'old-tests-new-code', 'new-tests-old-code']);
const STATES = new Set<string>(['pass', 'fail', 'skip', 'todo']);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isTestRecord(v: unknown): v is TestRecord {
  if (!isObject(v)) return false;
  if (!isString(v.id) || !isString(v.file) || !isString(v.project) || !isStringArray(v.path) || !isString(v.state) || !STATES.has(v.state)) return false;
  if (v.durationMs !== undefined && typeof v.durationMs !== 'number') return false;
  if (v.error !== undefined && !isString(v.error)) return false;
  // The id is derived from the other fields: an entry whose id disagrees was not written by us.
  return v.id === JSON.stringify([v.project, v.file, ...v.path]);
}

function isProjectInfo(v: unknown): v is ProjectInfo {
  return isObject(v) && isString(v.name) && isString(v.root) && isString(v.dir) && isStringArray(v.include) && isStringArray(v.exclude);
}

/** A full shape check: every field the comparison reads, with its type. */
export function isSuiteRunJson(v: unknown): v is SuiteRunJson {
  if (!isObject(v)) return false;
  if (!isString(v.setup) || !SETUPS.has(v.setup)) return false;
  if (v.files !== 'all' && !isStringArray(v.files)) return false;
  if (!isCount(v.attempt) || (v.status !== 'ok' && v.status !== 'crashed')) return false;
  if (v.crashMessage !== undefined && !isString(v.crashMessage)) return false;
  if (v.vitestVersion !== undefined && !isString(v.vitestVersion)) return false;
  if (v.cached !== undefined && typeof v.cached !== 'boolean') return false;
  if (typeof v.durationMs !== 'number' || !(v.durationMs >= 0)) return false;
  if (!Array.isArray(v.tests) || !v.tests.every(isTestRecord)) return false;
  if (!Array.isArray(v.moduleErrors) || !v.moduleErrors.every((e) => Array.isArray(e) && e.length === 2 && isString(e[0]) && isString(e[1]))) return false;
  if (!isStringArray(v.modules) || !isStringArray(v.unhandledErrors)) return false;
  if (!Array.isArray(v.projects) || !v.projects.every(isProjectInfo)) return false;
  return new Set(v.tests.map((t) => (t as TestRecord).id)).size === v.tests.length;
}
