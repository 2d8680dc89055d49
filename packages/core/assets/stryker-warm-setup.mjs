// Copied into the project folder by stryker-vitest-runner.mjs and loaded by the PROJECT's vitest as
// the FIRST setup file of every test file when the worker stays warm between StrykerJS's runs
// (stryker-warm-worker.mjs). At the first test file of each run (a new `patchprobeRun` number), it
// makes the worker look fresh to the project: it drops every module outside node_modules from the
// worker's module cache (vite-node's, vitest 2.x and 3.x), so the run evaluates the project's code
// afresh, and it clears the mutant the last run left active in StrykerJS's namespace, which would
// otherwise be active while this run's modules load (StrykerJS's own setup file, next, sets this
// run's mutant). Plain ESM, no local imports.
import { inject } from 'vitest';

const run = inject('patchprobeRun');
const seen = Symbol.for('patchprobe.warm-run');
if (run !== undefined && globalThis[seen] !== run) {
  globalThis[seen] = run;
  const cache = globalThis.__vitest_worker__?.moduleCache;
  if (cache && typeof cache.keys === 'function') {
    for (const key of [...cache.keys()]) if (!String(key).includes('/node_modules/')) cache.delete(key);
  }
  const ns = globalThis[inject('globalNamespace') ?? '__stryker__'];
  if (ns && typeof ns === 'object') {
    ns.activeMutant = undefined;
    ns.currentTestId = undefined;
  }
}
