// A warm vitest worker across StrykerJS's runs (issue 18): the worker that ran one mutant's tests
// runs the next mutant's, with the project's own modules evaluated again and its dependencies kept.
//
// vitest 2.x and 3.x run a non-isolated run's files in one tinypool worker and then call
// `pool.recycleWorkers()`, so each `vitest.start()` (each mutant) starts a fresh thread that loads
// vitest's worker runtime, the environment and every module again: 0.3–0.5 s of CPU per mutant
// before its first test (ufo: 46 mutants in 14 s of a 19 s run). With recycling turned off in the
// runner process, the thread stays; stryker-warm-setup.mjs, the first setup file of every test file,
// then drops the project's modules (anything outside node_modules) from the worker's module cache
// at the first file of each run, so every mutant's run evaluates the project's code afresh, with
// that mutant active (static mutants included), as a fresh worker would. What stays warm is vitest's
// runtime and node_modules.
//
// vitest 4 runs its own pool (no tinypool). Its `Pool` keeps a non-isolated runner only while the
// same run has another task for it, stops it when the run's queue is empty, and cancels the pool
// (waiting for the worker to terminate) when a test fails under bail, which is how every killed
// mutant's run ends; the class is not exported. So a module hook (stryker-runner-preload.mjs, loaded with
// `--import` into StrykerJS's test runner processes) rewrites three places of the project's own
// pool as its chunk loads (POOL_EDITS): a runner whose run is over is kept (`keep`), a bail with
// nothing queued leaves the pool alone (the worker has cancelled its own test runner), and a later
// run takes the kept runner while the project's serialized config is the one the worker started
// with, but for the test name filter, which the run's context then carries (`reuse`: StrykerJS sets
// `testNamePattern` per run, and the worker reads its config once, at start). Why not a custom pool
// or a thread kept under a new runner: the worker removes every message listener when it is
// stopped, and a second runner's `start` builds a second RPC on the same port.
//
// Used by stryker-vitest-runner.mjs (inside StrykerJS's test runner processes), by
// stryker-runner.mjs (to report whether the run was warm) and by stryker-runner-preload.mjs and
// stryker-runner-hooks.mjs. Plain ESM, no dependencies.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let warmDropped = false;
// Set after a run whose test hit the mutant run's test timeout: the next run gets a fresh worker.
let recycleOnce = false;

/**
 * From now on, a fresh worker per run again (vitest's own recycling): the warm worker changed a
 * test's outcome (see stryker-vitest-runner.mjs, dryRun).
 */
export function dropWarmWorker() {
  warmDropped = true;
  if (globalThis[WARM_POOL]) globalThis[WARM_POOL].dropped = true;
}

/**
 * The next run starts a fresh worker, and the worker stays warm after it: a test stopped by its
 * timeout may have left the mutant's async work running in the one it ran in.
 */
export function recycleWarmWorkerOnce() {
  recycleOnce = true;
  if (globalThis[WARM_POOL]) globalThis[WARM_POOL].recycle = true;
}

/** Where stryker-runner-preload.mjs keeps the vitest 4 pool's `keep` and `reuse` (see the top). */
export const WARM_POOL = Symbol.for('patchprobe.warmPool');

/** The three places in vitest 4.x's pool (its cli-api chunk) that decide a runner's life. */
const POOL_EDITS = [
  {
    // schedule(): a finished non-isolated task's runner is kept only for the next task of the same run.
    // Not while the pool cancels (a failing test with bail: StrykerJS's killed mutant): cancel()
    // waits for the active task's runner to terminate.
    // The condition's last two terms, as 4.1.2 and 4.1.12 both write them (4.1.12 adds a term before).
    from: '&& this.queue[0]?.task.isolate === false && isEqualRunner(runner, this.queue[0].task)) {',
    to: '&& (this.queue[0]?.task.isolate === false ? isEqualRunner(runner, this.queue[0].task) : this.queue.length === 0 && !this._isCancelling && !runner.isTerminated && globalThis[Symbol.for("patchprobe.warmPool")]?.keep(runner, task) === true)) {',
  },
  {
    // executeTests(): a failing test under bail (every killed mutant's run) cancels the pool, which
    // waits for the running worker to terminate. The worker has already cancelled its own test
    // runner (the rest of the run's tests are skipped there), so when that task is the run's last,
    // the pool is left alone and the worker kept; with tasks still queued, cancel as vitest does.
    from: 'ctx.onCancel(() => pool.cancel());',
    to: 'ctx.onCancel((reason) => (reason === "test-failure" && pool.queue.length === 0 && globalThis[Symbol.for("patchprobe.warmPool")]?.keeping() === true ? undefined : pool.cancel()));',
  },
  {
    // getPoolRunner(): a kept runner is taken again.
    from: 'const index = this.sharedRunners.findIndex((runner) => isEqualRunner(runner, task));',
    to: 'const index = this.sharedRunners.findIndex((runner) => isEqualRunner(runner, task) && globalThis[Symbol.for("patchprobe.warmPool")]?.reuse(runner, task) !== false);',
  },
];
const POOL_MARK = ';globalThis[Symbol.for("patchprobe.warmPool")] && (globalThis[Symbol.for("patchprobe.warmPool")].patched = true);\n';

const started = Symbol('patchprobe.warm-config');
const stopping = Symbol('patchprobe.warm-stopping');

/**
 * The worker's config as the runner's `start` sent it, but for `testNamePattern`: StrykerJS sets that
 * on every run (its per-test filter), and a kept runner's run carries its own (see `reuse`).
 */
function configKey(config) {
  return JSON.stringify({ ...config, testNamePattern: undefined });
}

/**
 * What the rewritten vitest 4 `Pool` asks (globalThis[WARM_POOL], set by stryker-runner-preload.mjs in a
 * StrykerJS test runner process). `runner` is vitest's PoolRunner, `task` a pool task
 * (`{ project, context }`).
 */
export function createWarmPool() {
  return {
    /** Set by the rewritten chunk when it is evaluated. */
    patched: false,
    /** Set by dropWarmWorker(): from then on, a fresh worker per run. */
    dropped: false,
    /** Set by recycleWarmWorkerOnce(): the next run does not take the kept runner. */
    recycle: false,
    /** Whether runners are kept between runs now. */
    keeping() {
      return !this.dropped && process.env.PATCHPROBE_WARM_WORKER === '1';
    },
    /** A runner whose run is over: keep it for the next run? */
    keep(runner, task) {
      if (!this.keeping()) return false;
      runner[started] ??= configKey(task.project.serializedConfig);
      return true;
    },
    /** A kept runner: may this task take it? Runners vitest kept within a run are its own business. */
    reuse(runner, task) {
      if (runner[started] === undefined) return true;
      const config = task.project.serializedConfig;
      const recycle = this.recycle;
      this.recycle = false;
      if (!recycle && this.keeping() && !runner.isTerminated && runner[started] === configKey(config)) {
        // The worker reads its config once, at start, unless a run's context brings one: this run's
        // test name filter goes with it.
        task.context.config = config;
        return true;
      }
      // Not again: stop its worker now rather than at vitest's close.
      if (!runner[stopping]) {
        runner[stopping] = true;
        runner.stop().catch(() => {});
      }
      return false;
    },
  };
}

/** The chunk's source with every condition rewritten, or undefined when any is not there exactly once. */
export function patchVitestPool(source) {
  let out = source;
  for (const { from, to } of POOL_EDITS) {
    const at = out.indexOf(from);
    if (at < 0 || out.indexOf(from, at + 1) >= 0) return undefined;
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return POOL_MARK + out;
}

/** The project's vitest: its package.json (real path) and major version, or undefined. */
function projectVitest(projectDir) {
  try {
    const pkgFile = fs.realpathSync(createRequire(path.join(projectDir, 'package.json')).resolve('vitest/package.json'));
    return { pkgFile, major: Number.parseInt(JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version, 10) };
  } catch {
    return undefined;
  }
}

/**
 * The chunk of the project's vitest 4 that holds its `Pool`, when every place patchVitestPool
 * rewrites is there; otherwise undefined (another major, or a 4.x whose pool reads otherwise: no
 * warm worker then, a fresh one per run as vitest does).
 */
export function projectWarmPool(projectDir) {
  const vitest = projectVitest(projectDir);
  if (vitest?.major !== 4) return undefined;
  const chunks = path.join(path.dirname(vitest.pkgFile), 'dist', 'chunks');
  try {
    for (const name of fs.readdirSync(chunks)) {
      if (!name.endsWith('.js')) continue;
      const file = path.join(chunks, name);
      const source = fs.readFileSync(file, 'utf8');
      if (source.includes('class Pool {')) return patchVitestPool(source) === undefined ? undefined : file;
    }
  } catch {
    // unreadable: no warm worker
  }
  return undefined;
}

/** Whether the project's vitest can keep a worker warm between runs (2.x, 3.x: tinypool; 4.x: its Pool). */
export function projectWarmable(projectDir) {
  return projectTinypool(projectDir) !== undefined || projectWarmPool(projectDir) !== undefined;
}

/** The entry of the tinypool the project's vitest imports, or undefined (vitest 4, or not found). */
export function projectTinypool(projectDir) {
  const vitest = projectVitest(projectDir);
  if (vitest?.major !== 2 && vitest?.major !== 3) return undefined;
  try {
    const poolPkgFile = fs.realpathSync(createRequire(vitest.pkgFile).resolve('tinypool/package.json'));
    const poolPkg = JSON.parse(fs.readFileSync(poolPkgFile, 'utf8'));
    const dot = poolPkg.exports?.['.'];
    const entry = (typeof dot === 'string' ? dot : (dot?.import ?? dot?.default)) ?? poolPkg.module ?? poolPkg.main;
    return typeof entry === 'string' ? path.join(path.dirname(poolPkgFile), entry) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns off tinypool's worker recycling in this process (a StrykerJS test runner process, which
 * holds one vitest). True when done: the same module instance vitest loads (the real path of the
 * project's tinypool), so its pool is the one patched. On vitest 4, true when stryker-runner-preload.mjs
 * was loaded into this process; whether the chunk was rewritten is known once vitest has loaded
 * (`globalThis[WARM_POOL].patched`).
 */
export async function keepWorkerBetweenRuns(projectDir) {
  if (globalThis[WARM_POOL]) return true;
  const entry = projectTinypool(projectDir);
  if (!entry) return false;
  try {
    const mod = await import(pathToFileURL(entry).href);
    const Tinypool = mod.Tinypool ?? mod.default;
    const recycle = Tinypool?.prototype?.recycleWorkers;
    if (typeof recycle !== 'function') return false;
    // vitest 2.x and 3.x call it before each run of non-isolated files.
    Tinypool.prototype.recycleWorkers = async function keepWorkers(...args) {
      if (!warmDropped && !recycleOnce) return undefined;
      recycleOnce = false;
      return recycle.apply(this, args);
    };
    return true;
  } catch {
    return false;
  }
}
