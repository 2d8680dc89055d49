import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError, SetupError } from '../errors.js';
import { DERIVE_CACHE_ENV } from '../probes/derive-disk-cache.js';
import { runInProcessGroup } from '../process/processes.js';
import type { ProjectVitest } from './resolve-vitest.js';
import type { VitestHost } from './vitest-host.js';
import { ROOT_PLACEHOLDER, treePathReplacer } from './tree-paths.js';
import { testId, type ProjectInfo, type SetupName, type SuiteRun, type TestRecord } from './types.js';

const REPORTER = fileURLToPath(new URL('../../assets/vitest-reporter.mjs', import.meta.url));

interface RawReport {
  vitestVersion?: string;
  reporterError?: string;
  unhandledErrors: string[];
  projects: Array<{ name: string; root: string; dir: string; include: string[]; exclude: string[] }>;
  modules: Array<{ file: string; project: string; state: string; errors: string[] }>;
  tests: Array<{ file: string; project: string; path: string[]; state: string; durationMs?: number; error?: string; diff?: string }>;
}

export interface RunVitestInput {
  setup: SetupName;
  attempt: number;
  vitest: ProjectVitest;
  /** The copy's repository root; paths in results are made relative to it. */
  treeRoot: string;
  /** The user's repository root: NODE_PATH entries outside it are not passed on. */
  userRoot: string;
  /** The before copy's root: `?patchprobe=base` imports (the vitest plugin) are served from it, as the copies have no .git. */
  baseTreeRoot?: string;
  /** The project folder inside the copy (where vitest runs). */
  projectRoot: string;
  /** Repository-relative test files, or 'all'. */
  files: 'all' | string[];
  /** Run only slice `index` of `count` of the test files, by vitest's own `--shard` (vitest ≥ 3 has it; it splits by a hash of each file's path). */
  shard?: { index: number; count: number } | undefined;
  outFile: string;
  /** TMPDIR for the vitest process tree: inside our workspace, so a killed run leaves nothing in the OS temp dir. */
  tmpDir: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** The tree's warm vitest (vitest-host.ts); without it (or once it died) the run spawns `vitest run`. */
  host?: VitestHost | undefined;
  /** Files overlays changed on disk since the host's last run. */
  invalidate?: string[] | undefined;
  /** `--project` arguments of a spawned run that leaves projects out (a host filters its own). */
  projectArgs?: string[] | undefined;
  /**
   * New tests on the old code, where a test that never finishes is what the fix of an endless loop
   * looks like (radashi 214ce5dc): a run past `timeoutMs` is stopped and returned with `stopped`
   * and no tests (instead of PP_SUITE_TIMEOUT), and a test whose worker died before it reported
   * reads as failing (instead of skipped).
   */
  hangsFail?: boolean | undefined;
}

/** Runs the project's own vitest once, with its own config, and reads back per-test outcomes. */
export async function runVitest(input: RunVitestInput): Promise<SuiteRun> {
  const filters = input.files === 'all' ? [] : input.files.map((f) => path.join(input.treeRoot, f));
  await fs.rm(input.outFile, { force: true });
  const result = input.host?.alive && !input.shard ? await inHost(input.host, input, filters) : await spawned(input, filters);
  if (result.timedOut && input.hangsFail) return { ...emptyRun(input, result.durationMs), stopped: { afterMs: Math.round(result.durationMs) } };
  if (result.timedOut) {
    throw new SetupError('PP_SUITE_TIMEOUT', `the ${input.setup} test run timed out after ${Math.round(input.timeoutMs / 1000)} s`, {
      hint: 'raise --suite-timeout, or look for a test that hangs',
    });
  }
  const rel = (abs: string): string => path.relative(input.treeRoot, abs).split(path.sep).join('/');
  const stable = copyIndependent(input);
  const base = emptyRun(input, result.durationMs);
  const raw = await fs.readFile(input.outFile, 'utf8').catch(() => undefined);
  if (raw === undefined) {
    return { ...base, status: 'crashed', crashMessage: result.error ?? crashLine(result.output, result.exitCode) };
  }
  const report = JSON.parse(raw) as RawReport;
  if (report.reporterError) throw new InternalError(`the patchprobe reporter failed inside vitest: ${report.reporterError.split('\n')[0]}`);
  base.vitestVersion = report.vitestVersion;
  base.unhandledErrors = report.unhandledErrors.map(stable);
  base.projects = report.projects.map(
    (p): ProjectInfo => ({ name: p.name, root: rel(p.root), dir: rel(p.dir), include: p.include, exclude: p.exclude }),
  );
  for (const m of report.modules) {
    const file = rel(m.file);
    base.modules.add(file);
    if (m.errors.length > 0) base.moduleErrors.set(file, stable(m.errors[0] ?? 'failed to load'));
  }
  const occurrences = new Map<string, number>();
  for (const raw of report.tests) {
    const t = { ...raw, path: raw.path.map(stable) };
    const file = rel(t.file);
    const unfinished = t.state === 'pending' && input.hangsFail === true;
    const state = t.state === 'passed' ? 'pass' : t.state === 'failed' || unfinished ? 'fail' : t.state === 'todo' ? 'todo' : 'skip';
    // Titles can repeat in one suite (test.each with equal names): number the repeats in
    // collection order, which is the same in both trees, so no test silently replaces another.
    const plainId = testId(t.project, file, t.path);
    const n = (occurrences.get(plainId) ?? 0) + 1;
    occurrences.set(plainId, n);
    const titles = n === 1 ? t.path : [...t.path.slice(0, -1), `${t.path.at(-1) ?? ''} #${n}`];
    const rec: TestRecord = { id: n === 1 ? plainId : testId(t.project, file, titles), file, project: t.project, path: titles, state };
    if (t.durationMs !== undefined) rec.durationMs = Math.round(t.durationMs);
    if (t.error) rec.error = stable(t.error.split('\n')[0] ?? '');
    else if (unfinished) rec.error = UNFINISHED_ERROR;
    if (t.diff && state === 'fail') rec.diff = stable(t.diff);
    base.tests.set(rec.id, rec);
  }
  return base;
}

/** Why a test that never reported reads as failing (hangsFail). */
export const UNFINISHED_ERROR = 'did not finish: its test file\'s worker stopped before it reported (out of memory, or a loop that never ends?)';

/** A run with no results yet. */
export function emptyRun(input: Pick<RunVitestInput, 'setup' | 'files' | 'attempt'>, durationMs = 0): SuiteRun {
  return {
    setup: input.setup,
    files: input.files,
    attempt: input.attempt,
    status: 'ok',
    durationMs,
    tests: new Map(),
    moduleErrors: new Map(),
    modules: new Set(),
    projects: [],
    unhandledErrors: [],
  };
}

interface Executed {
  timedOut: boolean;
  durationMs: number;
  output: string;
  exitCode?: number | undefined;
  error?: string | undefined;
}

async function spawned(input: RunVitestInput, filters: string[]): Promise<Executed> {
  const shard = input.shard ? [`--shard=${input.shard.index}/${input.shard.count}`] : [];
  const args = [input.vitest.bin, 'run', `--reporter=${REPORTER}`, '--passWithNoTests', ...shard, ...(input.projectArgs ?? []), ...filters];
  const result = await runInProcessGroup(process.execPath, args, {
    cwd: input.projectRoot,
    env: vitestEnv(input),
    timeoutMs: input.timeoutMs,
    signal: input.signal,
  });
  return { timedOut: result.timedOut, durationMs: result.durationMs, output: result.stderr + '\n' + result.stdout, exitCode: result.exitCode };
}

async function inHost(host: VitestHost, input: RunVitestInput, filters: string[]): Promise<Executed> {
  const result = await host.run({
    files: input.files === 'all' ? 'all' : filters,
    outFile: input.outFile,
    invalidate: input.invalidate ?? [],
    timeoutMs: input.timeoutMs,
    signal: input.signal,
  });
  return { timedOut: result.timedOut, durationMs: result.durationMs, output: result.output, error: result.error };
}

/** The environment of a suite run in a copy; a warm host gets the same one (it sets the report file per run). */
export function vitestEnv(input: Pick<RunVitestInput, 'outFile' | 'tmpDir' | 'userRoot' | 'vitest' | 'treeRoot' | 'baseTreeRoot'>): Record<string, string | undefined> {
  return { ...childEnv(input.outFile, input.tmpDir, input.userRoot, input.vitest), ...baseTreeEnv(input.treeRoot, input.baseTreeRoot) };
}

/** The reporter every suite run loads (assets/vitest-reporter.mjs). */
export const SUITE_REPORTER = REPORTER;

/**
 * Titles, suite names and messages with the copy's folders replaced by placeholders: the before and
 * after copies live in different temporary folders (and a cached run in another verify's), so a
 * title built from `path.resolve(__dirname, …)` would otherwise name a different test in each.
 * Both copies read as `<root>`; the folder holding them as `<workspace>`; vitest's TMPDIR as
 * `<tmp>`; the user's repository (where node_modules links point) as `<repo>`.
 */
export function copyIndependent(input: Pick<RunVitestInput, 'treeRoot' | 'baseTreeRoot' | 'tmpDir' | 'userRoot'>): (s: string) => string {
  const base = input.baseTreeRoot ?? input.treeRoot;
  const workspace = path.dirname(input.treeRoot) === path.dirname(base) ? path.dirname(input.treeRoot) : '';
  return treePathReplacer([
    [input.treeRoot, ROOT_PLACEHOLDER],
    [base, ROOT_PLACEHOLDER],
    [input.tmpDir, '<tmp>'],
    [workspace, '<workspace>'],
    [input.userRoot, '<repo>'],
  ]);
}

function childEnv(outFile: string, tmpDir: string, userRoot: string, vitest: ProjectVitest): Record<string, string | undefined> {
  return { ...probeChildEnv(tmpDir, userRoot), PATCHPROBE_REPORT_FILE: outFile, ...reporterEnv(vitest) };
}

/** Tells assets/vitest-reporter.mjs which reporter API the project's vitest has (onTestRunEnd from 3.0, onFinished before). */
export function reporterEnv(vitest: Pick<ProjectVitest, 'major'>): Record<string, string> {
  return { PATCHPROBE_VITEST_MAJOR: String(vitest.major) };
}

/** Tells @patchprobe/vitest's base imports to read the base from the before copy (copies have no .git). */
export function baseTreeEnv(treeRoot: string, baseTreeRoot: string | undefined): Record<string, string> {
  return baseTreeRoot ? { PATCHPROBE_TREE_ROOT: treeRoot, PATCHPROBE_BASE_DIR: baseTreeRoot } : {};
}

const RUNNER_FILES = new Set(['GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE']);

/** The environment of any vitest patchprobe starts in a copy: the user's, minus what belongs to patchprobe itself. */
export function probeChildEnv(tmpDir: string, userRoot: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // patchprobe may itself run inside vitest (its own tests, the plugin): do not leak that state.
    if (k.startsWith('VITEST') || k === 'TEST' || k === 'NODE_ENV') continue;
    // The CI runner's files (vitest's github-actions reporter appends its own summary to
    // GITHUB_STEP_SUMMARY): runs in the copies must not write into the user's CI job.
    if (RUNNER_FILES.has(k)) continue;
    env[k] = v;
  }
  // `pnpm exec patchprobe` points NODE_PATH at patchprobe's own dependencies; only the project's
  // own entries (inside its repository) belong in its test run.
  const nodePath = (env.NODE_PATH ?? '').split(path.delimiter).filter((p) => p && (p === userRoot || p.startsWith(userRoot + path.sep)));
  if (nodePath.length > 0) env.NODE_PATH = nodePath.join(path.delimiter);
  else delete env.NODE_PATH;
  return {
    ...env,
    CI: '1',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    GIT_OPTIONAL_LOCKS: '0',
    PATCHPROBE_CHILD: '1',
    TMPDIR: tmpDir,
    TMP: tmpDir,
    TEMP: tmpDir,
    // toBehaveLike's derived inputs, shared by every vitest process of this run (probes/derive-disk-cache.ts).
    [DERIVE_CACHE_ENV]: path.join(tmpDir, 'derive-cache'),
  };
}

/** The most useful line of a vitest that died before reporting (config errors, missing deps). */
export function crashLine(output: string, exitCode: number | undefined): string {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
    .filter((l) => l && !/^⎯/.test(l) && !/^at\s/.test(l) && !/^node:/.test(l));
  // Prefer the thrown error itself ("Error: broken config") over vitest's banners ("Startup Error").
  const useful = lines.find((l) => /^[\w.]*(Error|Exception)\b.*:\s*\S/.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines[0];
  return useful ?? `vitest exited with code ${exitCode ?? 'unknown'} and no output`;
}
