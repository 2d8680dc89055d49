// A StrykerJS TestRunner plugin, "patchprobe-vitest": StrykerJS 9.6's own vitest runner plus one
// setup file that skips the tests patchprobe names (tests that failed in the suite run), so a test
// file with one failing test still contributes its passing tests to the mutation run.
//
// Why not vitest's testNamePattern: the 9.6 runner sets every project's `testNamePattern` itself on
// each run (to its per-test filter, or to undefined), so a pattern of ours would be overwritten. A
// setup file runs inside the test files' own vitest, where `beforeEach((ctx) => ctx.skip())` marks a
// test skipped (StrykerJS counts it as neither passed nor failed).
//
// vitest's typecheck is always off in these runs (a type test cannot kill a mutant).
//
// With PATCHPROBE_SHARED_WORKER=1 each run (the initial one and each mutant's) runs its test files in
// ONE vitest worker (`isolate: false`) instead of a fresh worker per file: the files' imports and
// environment (jsdom, React…) are loaded once per mutant, not once per file. The worker stays warm
// from one run to the next (PATCHPROBE_WARM_WORKER=1, stryker-warm-worker.mjs: vitest 2.x and 3.x
// through tinypool, 4.x through its rewritten Pool) and each run evaluates the project's modules
// afresh (stryker-warm-setup.mjs), so nothing of the project carries over from one mutant to the
// next.
//
// The runner's module path comes from PATCHPROBE_STRYKER_VITEST_RUNNER (the vitest runner's
// dist/src/index.js, resolved by patchprobe); the list of tests to skip from PATCHPROBE_SKIP_TESTS.
// Plain object plugin, as in stryker-arid-ignorer.mjs: @stryker-mutator/api does not resolve here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dropWarmWorker, keepWorkerBetweenRuns, recycleWarmWorkerOnce, WARM_POOL } from './stryker-warm-worker.mjs';

const entry = process.env.PATCHPROBE_STRYKER_VITEST_RUNNER;
if (!entry) throw new Error('PATCHPROBE_STRYKER_VITEST_RUNNER is not set');
const { VitestTestRunner } = await import(pathToFileURL(path.join(path.dirname(entry), 'vitest-test-runner.js')).href);
const SKIP_SETUP = fileURLToPath(new URL('./stryker-skip-setup.mjs', import.meta.url));
const WARM_SETUP = fileURLToPath(new URL('./stryker-warm-setup.mjs', import.meta.url));

// StrykerJS's runner creates its vitest through this object, and options given there win over the
// project's config.
const { vitestWrapper } = await import(pathToFileURL(path.join(path.dirname(entry), 'vitest-wrapper.js')).href);
const create = vitestWrapper.createVitest;
const shared = process.env.PATCHPROBE_SHARED_WORKER === '1';
const isolatedFiles = process.env.PATCHPROBE_ISOLATED_FILES ? JSON.parse(process.env.PATCHPROBE_ISOLATED_FILES) : [];
// stryker-runner.mjs decides (and reports) whether the worker stays warm; this process does it.
const warm = shared && process.env.PATCHPROBE_WARM_WORKER === '1' && (await keepWorkerBetweenRuns(process.cwd()));
vitestWrapper.createVitest = (mode, options, ...rest) =>
  create(
    mode,
    {
      ...options,
      // vitest's typecheck (type tests through tsc; radashi turns it on in its config) cannot kill a
      // mutant, which changes only what the code does, and it ran with every mutant: 40 s each there.
      typecheck: { ...options?.typecheck, enabled: false },
      // StrykerJS reads each run's results from vitest's state; vitest's default reporter printed
      // every killing test's error with its stack on every mutant (a tenth of a warm run's CPU on ufo).
      reporters: [],
      // Both spellings: top-level `isolate`, and `poolOptions.threads.isolate`, which vitest 2.x and
      // 3.x read for the threads pool StrykerJS asks for.
      ...(shared ? { isolate: false, poolOptions: { ...options?.poolOptions, threads: { ...options?.poolOptions?.threads, isolate: false } } } : {}),
      // The files that failed in the shared initial run get a worker of their own each (vitest 2.x
      // and 3.x: `poolMatchGlobs` sends them to the forks pool, isolated); the rest still share one.
      ...(shared && isolatedFiles.length > 0
        ? {
            poolMatchGlobs: [...(options?.poolMatchGlobs ?? []), ...isolatedFiles.map((f) => [f, 'forks'])],
            poolOptions: { ...options?.poolOptions, threads: { ...options?.poolOptions?.threads, isolate: false }, forks: { ...options?.poolOptions?.forks, isolate: true } },
          }
        : {}),
    },
    ...rest,
  );

class PatchprobeVitestRunner extends VitestTestRunner {
  // Copied into the project folder (our private copy), like StrykerJS's own setup file: a setup file
  // must import the PROJECT's vitest, which only resolves from inside the project.
  skipSetupFile = path.resolve(`./patchprobe-skip-setup-${process.env.STRYKER_MUTATOR_WORKER ?? 0}.mjs`);
  warmSetupFile = path.resolve(`./patchprobe-warm-setup-${process.env.STRYKER_MUTATOR_WORKER ?? 0}.mjs`);
  runs = 0;
  cold = false;
  /** The longest test of the initial run (ms): the floor of a mutant run's test timeout. */
  slowestTestMs = 0;
  /** The test timeout of the next run (mutantRun sets it for its own run), or 0 for the project's own. */
  nextTestTimeout = 0;

  async init() {
    await fs.promises.copyFile(SKIP_SETUP, this.skipSetupFile);
    if (warm) await fs.promises.copyFile(WARM_SETUP, this.warmSetupFile);
    await super.init();
    // vitest 4: its Pool has loaded by now, rewritten or not (a chunk that did not read as expected).
    if (warm && globalThis[WARM_POOL] && !globalThis[WARM_POOL].patched) this.goCold('the project\'s vitest 4 pool could not be kept warm');
    // The warm setup file goes first, before StrykerJS's own (which sets a static mutant active).
    for (const project of this.ctx.projects) project.config.setupFiles = [...(warm && !this.cold ? [this.warmSetupFile] : []), ...project.config.setupFiles, this.skipSetupFile];
  }

  // Every run (the initial one and each mutant's) gets a new number: the warm setup file drops the
  // project's modules when it sees one.
  async run(options) {
    this.ctx.provide('patchprobeRun', ++this.runs);
    this.ctx.provide('patchprobeTestTimeout', this.nextTestTimeout);
    this.nextTestTimeout = 0;
    return super.run(options);
  }

  // A warm worker is trusted only if it changes nothing: the initial run is repeated in it, and any
  // test whose outcome differs the second time (a dependency that registers its hooks when it is
  // first imported, like @testing-library/react's cleanup: node_modules stay loaded, so a second
  // run has no cleanup, and zustand's survivors read as killed) means a fresh worker per run from
  // then on, in this process and, through PATCHPROBE_WARM_DROPPED (a file), in the other runners.
  async dryRun(options) {
    const result = await super.dryRun(options);
    if (result.status === 'complete') this.slowestTestMs = Math.max(0, ...result.tests.map((t) => t.timeSpentMs ?? 0));
    if (!warm || this.cold || result.status !== 'complete') return result;
    const again = options.testFiles?.length ? await this.run({ testFiles: options.testFiles, relatedFiles: options.files }) : await this.run({ relatedFiles: options.files });
    const outcomes = (tests) => new Map((tests ?? []).map((t) => [t.id, t.status]));
    const first = outcomes(result.tests);
    const second = outcomes(again.tests);
    if (again.status !== 'complete' || first.size !== second.size || [...first].some(([id, status]) => second.get(id) !== status)) {
      this.goCold('the initial run gave other outcomes when repeated in the same worker');
    }
    return result;
  }

  /** A fresh worker per run from now on, in this process and (through a file, with why) in the others. */
  goCold(why) {
    this.cold = true;
    dropWarmWorker();
    if (why && process.env.PATCHPROBE_WARM_DROPPED) fs.writeFileSync(process.env.PATCHPROBE_WARM_DROPPED, `${why}\n`);
  }

  // StrykerJS 9.6 plans a static mutant (one that module-level code reaches, like a constant's
  // value) with a test filter for `runtime` activation whenever a test filter exists, which is
  // always with `testFiles` (stryker-js#6144): the mutant is then set only after its module has
  // loaded, so the tests never see it and it reads as survived. Such a run asks for a fresh
  // environment (`reloadEnvironment`, which StrykerJS sets exactly for mutants it cannot hot-swap):
  // activate it before the modules load, as the planner's fix does.
  async mutantRun(options) {
    if (warm && !this.cold && process.env.PATCHPROBE_WARM_DROPPED && fs.existsSync(process.env.PATCHPROBE_WARM_DROPPED)) this.goCold();
    const fixed = options.reloadEnvironment && options.mutantActivation === 'runtime' ? { ...options, mutantActivation: 'static' } : options;
    this.nextTestTimeout = mutantTestTimeout(options.timeout, this.slowestTestMs);
    const result = await super.mutantRun(fixed);
    // A test stopped by that timeout may leave its mutant's async work running in the worker (a
    // polling loop, a timer): the next run gets a fresh worker, and the one after is warm again.
    if (this.stoppedByTestTimeout(result) && warm && !this.cold) recycleWarmWorkerOnce();
    return result;
  }

  /** Whether any test of the run just ended failed by its timeout (without bail, not only the first failure). */
  stoppedByTestTimeout(result) {
    if (result.status !== 'killed') return false;
    if (TIMED_OUT.test(result.failureMessage ?? '')) return true;
    const timedOut = (task) => (task.result?.errors ?? []).some((e) => TIMED_OUT.test(e?.message ?? '')) || (task.tasks ?? []).some(timedOut);
    try {
      return this.ctx.state.getFiles().some(timedOut);
    } catch {
      return false;
    }
  }

  async dispose() {
    try {
      await super.dispose();
    } finally {
      await fs.promises.rm(this.skipSetupFile, { force: true });
      await fs.promises.rm(this.warmSetupFile, { force: true });
    }
  }
}

// vitest's message for a test past its timeout, 0.34–4.x ("Test timed out in 1000ms.").
const TIMED_OUT = /^Test timed out in \d+ms/;
/** A mutant run's test timeout never goes under this, nor under five times the slowest test of the initial run. */
const MIN_MUTANT_TEST_TIMEOUT_MS = 1_000;
const SLOWEST_TEST_FACTOR = 5;

/**
 * The test timeout of one mutant's run, or 0 to keep the project's. A mutant that makes an async
 * test wait forever (a promise never settled, a polling loop never done: 21 of unjs/unctx's 83
 * mutants) otherwise runs until StrykerJS's own timeout (2 s plus 1.5 times the tests' time),
 * which then kills the whole test runner process and starts another: seconds per such mutant, and
 * the warm worker lost. vitest's own timeout fails that test inside the worker instead, and bail
 * ends the run: the mutant reads as killed by that test, which StrykerJS's score counts as it
 * counts a timeout (detected). Never below five times the slowest test of the initial run, so a
 * test that passes there does not fail by time under a mutant that leaves it alone; only when it
 * comes at least half a second before StrykerJS's timeout (else it saves nothing). A synchronous
 * loop still needs StrykerJS's timeout: it blocks the worker, and vitest's timer with it.
 */
export function mutantTestTimeout(strykerTimeoutMs, slowestTestMs) {
  const limit = Math.max(MIN_MUTANT_TEST_TIMEOUT_MS, Math.ceil(SLOWEST_TEST_FACTOR * slowestTestMs));
  return typeof strykerTimeoutMs === 'number' && limit + 500 <= strykerTimeoutMs ? limit : 0;
}

// '$injector' is StrykerJS's commonTokens.injector; '__stryker__' its instrumenter namespace (what
// the 9.6 runner's own factory provides as 'globalNamespace').
function createRunner(injector) {
  return injector.provideValue('globalNamespace', '__stryker__').injectClass(PatchprobeVitestRunner);
}
createRunner.inject = ['$injector'];

export const strykerPlugins = [{ kind: 'TestRunner', name: 'patchprobe-vitest', factory: createRunner }];
