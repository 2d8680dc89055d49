import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findInstalled } from '../process/find-installed.js';
import { runInProcessGroup, startProcessGroup, type StartedGroup } from '../process/processes.js';
import { baseTreeEnv, crashLine, probeChildEnv } from '../suites/run-vitest.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNNER = path.join(here, '..', '..', 'assets', 'stryker-runner.mjs');
const ARID_PLUGIN = path.join(here, '..', '..', 'assets', 'stryker-arid-ignorer.mjs');
const SKIPPING_RUNNER = path.join(here, '..', '..', 'assets', 'stryker-vitest-runner.mjs');
const PROGRESS_REPORTER = path.join(here, '..', '..', 'assets', 'stryker-progress-reporter.mjs');

/** A test the run skips by name: its file (absolute, in the copy) and its suite titles then its title. */
export interface SkippedTest {
  file: string;
  path: string[];
}

export interface StrykerJob {
  /** The project folder inside a private copy: Stryker's cwd, mutated in place. */
  projectRoot: string;
  ranges: Array<{ file: string; start: number; end: number }>;
  testFiles: string[];
  /** Tests of those files that the run skips (they failed in the suite run); the rest of each file runs. */
  skipTests?: SkippedTest[];
  /** Run every test on every mutant (no bail), so that killedBy lists all the tests that kill it. */
  disableBail?: boolean;
  /**
   * Try one vitest worker for all the test files of a run (assets/stryker-vitest-runner.mjs), and
   * fall back to a worker per file when StrykerJS's initial run fails that way.
   */
  sharedWorker?: boolean;
  maxMutants: number;
  /** Per-mutant limit before the factor Stryker applies to the dry run's test time. */
  mutantTimeoutMs: number;
  /** Wall-clock budget of the whole child (dry run + mutants). */
  budgetMs: number;
  /** At most this many test runner processes; fewer when the mutants' work is small (the runner decides, after enumerating). */
  concurrency: number;
  /** Test time of the selected test files in the suite run: what one mutant's run costs, besides StrykerJS's overhead. */
  testMs?: number;
  workDir: string;
  tmpDir: string;
  userRoot: string;
  treeRoot: string;
  beforeRoot: string;
  htmlReportFile?: string;
  /** The project's vitest version: the child refuses to run any other (StrykerJS's fallback is its own). */
  vitestVersion: string;
  signal?: AbortSignal | undefined;
  /** A child started earlier (prestartStryker) with this job's environment: it runs the job instead of a new one. */
  prestarted?: StrykerPrestart | undefined;
}

/** Where a mutation run's child works: what its environment is made from. */
export interface StrykerPlace {
  tmpDir: string;
  userRoot: string;
  treeRoot: string;
  beforeRoot: string;
}

/**
 * The StrykerJS child, started before its job is known (while the suites run): it loads StrykerJS
 * and its instrumenter (≈ 1.2 s of a 4 s mutation run on an example) and then waits for the job on
 * stdin. Taken by the first runStryker whose place is the same; killed if none takes it.
 */
export interface StrykerPrestart {
  readonly place: StrykerPlace;
  readonly group: StartedGroup;
}

const strykerEnv = (place: StrykerPlace): Record<string, string | undefined> => ({ ...probeChildEnv(place.tmpDir, place.userRoot), ...baseTreeEnv(place.treeRoot, place.beforeRoot) });
const samePlace = (a: StrykerPlace, b: StrykerPlace): boolean => a.tmpDir === b.tmpDir && a.userRoot === b.userRoot && a.treeRoot === b.treeRoot && a.beforeRoot === b.beforeRoot;

export function prestartStryker(place: StrykerPlace): StrykerPrestart {
  const e = strykerEntries();
  const preload = { strykerEntry: e.stryker, instrumenterEntry: e.instrumenter, aridPlugin: ARID_PLUGIN, progressReporter: PROGRESS_REPORTER };
  return { place, group: startProcessGroup(process.execPath, [RUNNER, '--wait', JSON.stringify(preload)], { cwd: place.tmpDir, env: strykerEnv(place) }) };
}

/** One mutant as the runner hands it back (Stryker's MutantResult, trimmed). */
export interface RawMutant {
  id: string;
  fileName: string;
  mutatorName: string;
  replacement: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'RuntimeError' | 'CompileError' | 'Ignored' | 'Pending';
  killedBy?: string[];
  statusReason?: string;
  testsCompleted?: number;
}

export type StrykerOutcome =
  | {
      status: 'ran';
      generated: number;
      planned: number;
      sampled: boolean;
      runners: number;
      /** Whether the run's test files shared one vitest worker (see StrykerJob.sharedWorker). */
      sharedWorker: boolean;
      /** With sharedWorker: the worker stayed up between runs (see MutationRun.warmWorker). */
      warmWorker?: boolean;
      /** Why a worker that could have stayed warm between runs did not (written by the test runner that dropped it). */
      warmDropped?: string;
      /** With sharedWorker: the test files that ran in a worker of their own each (see MutationRun.isolatedTestFiles). */
      isolatedTestFiles?: string[];
      mutants: RawMutant[];
      durationMs: number;
      /** The run reached its time budget and was stopped: `mutants` are those tested by then (fewer than `planned`). */
      cutShort?: boolean;
    }
  | { status: 'failed'; reason: string; durationMs: number };

let entries: { stryker: string; vitestRunner: string; instrumenter: string } | undefined;

/** Stryker's packages as patchprobe installed them (the project need not have Stryker). */
function strykerEntries(): { stryker: string; vitestRunner: string; instrumenter: string } {
  if (entries) return entries;
  const stryker = fileURLToPath(import.meta.resolve('@stryker-mutator/core'));
  const vitestRunner = fileURLToPath(import.meta.resolve('@stryker-mutator/vitest-runner'));
  // The instrumenter is Stryker's own dependency, not ours: find it from Stryker's real location.
  const pkgFile = findInstalled(path.dirname(stryker), '@stryker-mutator/instrumenter');
  if (!pkgFile) throw new Error('cannot find @stryker-mutator/instrumenter next to @stryker-mutator/core');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports?: { '.'?: string } };
  const instrumenter = path.join(path.dirname(pkgFile), pkg.exports?.['.'] ?? 'dist/src/index.js');
  entries = { stryker, vitestRunner, instrumenter };
  return entries;
}

/** Runs assets/stryker-runner.mjs in its own process group: killable as a whole on timeout or Ctrl-C. */
export async function runStryker(job: StrykerJob): Promise<StrykerOutcome> {
  const started = performance.now();
  const e = strykerEntries();
  fs.mkdirSync(job.workDir, { recursive: true });
  const jobFile = path.join(job.workDir, 'job.json');
  const outFile = path.join(job.workDir, 'result.json');
  const progressFile = path.join(job.workDir, 'progress.jsonl');
  const skipTestsFile = job.skipTests?.length ? path.join(job.workDir, 'skip-tests.json') : undefined;
  if (skipTestsFile) fs.writeFileSync(skipTestsFile, JSON.stringify(job.skipTests));
  fs.writeFileSync(
    jobFile,
    JSON.stringify({
      strykerEntry: e.stryker,
      vitestRunnerEntry: e.vitestRunner,
      instrumenterEntry: e.instrumenter,
      aridPlugin: ARID_PLUGIN,
      ranges: job.ranges,
      testFiles: job.testFiles,
      skipTestsFile,
      skippingRunner: SKIPPING_RUNNER,
      progressReporter: PROGRESS_REPORTER,
      progressFile,
      disableBail: job.disableBail === true,
      sharedWorker: job.sharedWorker === true,
      maxMutants: job.maxMutants,
      timeoutMs: job.mutantTimeoutMs,
      dryRunTimeoutMinutes: Math.max(1, Math.ceil(job.budgetMs / 60_000)),
      concurrency: job.concurrency,
      testMs: job.testMs,
      // Stryker's temp dir (and everything its workers write outside the project) stays in our workspace.
      tempDir: path.join(job.workDir, 'stryker-tmp'),
      outFile,
      htmlReportFile: job.htmlReportFile,
      vitestVersion: job.vitestVersion,
    }),
  );
  const prestarted = job.prestarted && samePlace(job.prestarted.place, job) ? job.prestarted : undefined;
  if (job.prestarted && !prestarted) job.prestarted.group.kill();
  const run = prestarted
    ? await prestarted.group.run({ input: `${JSON.stringify({ jobFile, cwd: job.projectRoot })}\n`, timeoutMs: job.budgetMs, signal: job.signal })
    : await runInProcessGroup(process.execPath, [RUNNER, jobFile], { cwd: job.projectRoot, env: strykerEnv(job), timeoutMs: job.budgetMs, signal: job.signal });
  const durationMs = Math.round(performance.now() - started);
  if (run.timedOut) {
    // Killed at the budget: the mutants tested by then are still evidence (the progress file).
    const partial = readProgress(progressFile);
    if (partial && partial.mutants.length > 0) return { status: 'ran', sharedWorker: false, ...partial.plan, mutants: partial.mutants, durationMs, cutShort: true };
    return { status: 'failed', reason: `the mutation run passed its time budget of ${Math.round(job.budgetMs / 1000)} s (--mutation-timeout) before a mutant was tested`, durationMs };
  }
  let result: { status: 'ran' | 'failed'; error?: string; generated?: number; planned?: number; sampled?: boolean; runners?: number; sharedWorker?: boolean; warmWorker?: boolean; warmDropped?: string; isolatedTestFiles?: string[]; mutants?: RawMutant[] } | undefined;
  try {
    result = JSON.parse(fs.readFileSync(outFile, 'utf8')) as typeof result;
  } catch {
    return { status: 'failed', reason: `StrykerJS stopped without a result: ${crashLine(`${run.stderr}\n${run.stdout}`, run.exitCode)}`, durationMs };
  }
  if (!result || result.status !== 'ran') return { status: 'failed', reason: strykerReason(result?.error ?? 'unknown error'), durationMs };
  return { status: 'ran', generated: result.generated ?? 0, planned: result.planned ?? 0, sampled: result.sampled ?? false, runners: result.runners ?? job.concurrency, sharedWorker: result.sharedWorker === true, warmWorker: result.warmWorker === true, ...(result.warmDropped ? { warmDropped: result.warmDropped } : {}), isolatedTestFiles: result.isolatedTestFiles ?? [], mutants: result.mutants ?? [], durationMs };
}

type Plan = { generated: number; planned: number; sampled: boolean; runners: number; sharedWorker?: boolean; warmWorker?: boolean };

/**
 * What a run killed at its budget left in its progress file (assets/stryker-progress-reporter.mjs):
 * the plan line, then one line per tested mutant. A line cut short by the kill is skipped.
 */
export function readProgress(file: string): { plan: Plan; mutants: RawMutant[] } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let plan: Plan | undefined;
  const mutants: RawMutant[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as { plan?: Plan; mutant?: RawMutant };
      if (entry.plan) plan = entry.plan;
      if (entry.mutant) mutants.push(entry.mutant);
    } catch {
      // the line the kill cut
    }
  }
  return plan ? { plan, mutants } : undefined;
}

/** Stryker's errors, said in terms of what the user can do about them. */
function strykerReason(error: string): string {
  if (/failed tests in the initial test run/i.test(error)) return 'the tests that passed in the suite run fail under StrykerJS (its initial test run was not green), so mutants cannot be judged';
  if (/initial test run/i.test(error) && /time/i.test(error)) return 'StrykerJS\'s initial test run timed out';
  return `StrykerJS failed: ${error}`;
}
