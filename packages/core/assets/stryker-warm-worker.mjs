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
// runtime and node_modules. vitest 4 runs its own pool (no tinypool) and keeps a fresh worker per run.
//
// Used by stryker-vitest-runner.mjs (inside StrykerJS's test runner processes) and by
// stryker-runner.mjs (to report whether the run was warm). Plain ESM, no dependencies.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let warmDropped = false;

/**
 * From now on, a fresh worker per run again (vitest's own recycling): the warm worker changed a
 * test's outcome (see stryker-vitest-runner.mjs, dryRun).
 */
export function dropWarmWorker() {
  warmDropped = true;
}

/** The entry of the tinypool the project's vitest imports, or undefined (vitest 4, or not found). */
export function projectTinypool(projectDir) {
  try {
    const vitestPkg = fs.realpathSync(createRequire(path.join(projectDir, 'package.json')).resolve('vitest/package.json'));
    const major = Number.parseInt(JSON.parse(fs.readFileSync(vitestPkg, 'utf8')).version, 10);
    if (major !== 2 && major !== 3) return undefined;
    const poolPkgFile = fs.realpathSync(createRequire(vitestPkg).resolve('tinypool/package.json'));
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
 * project's tinypool), so its pool is the one patched.
 */
export async function keepWorkerBetweenRuns(projectDir) {
  const entry = projectTinypool(projectDir);
  if (!entry) return false;
  try {
    const mod = await import(pathToFileURL(entry).href);
    const Tinypool = mod.Tinypool ?? mod.default;
    const recycle = Tinypool?.prototype?.recycleWorkers;
    if (typeof recycle !== 'function') return false;
    Tinypool.prototype.recycleWorkers = async function keepWorkers(...args) {
      if (!warmDropped) return undefined;
      return recycle.apply(this, args);
    };
    return true;
  } catch {
    return false;
  }
}
