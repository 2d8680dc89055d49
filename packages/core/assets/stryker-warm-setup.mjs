// Copied into the project folder by stryker-vitest-runner.mjs and loaded by the PROJECT's vitest as
// the FIRST setup file of every test file when the worker stays warm between StrykerJS's runs
// (stryker-warm-worker.mjs). At the first test file of each run (a new `patchprobeRun` number), it
// makes the worker look fresh to the project: it drops every module outside node_modules from the
// worker's module cache (vite-node's on vitest 2.x and 3.x; vite's module runner graph on 4.x, as
// vitest's own isolation does between files, and its `vi.mock` registry), so the run evaluates the
// project's code afresh, and it clears the mutant the last run left active in StrykerJS's
// namespace, which would otherwise be active while this run's modules load (StrykerJS's own setup
// file, next, sets this run's mutant). Plain ESM, no local imports.
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const run = inject('patchprobeRun');
const seen = Symbol.for('patchprobe.warm-run');
if (run !== undefined && globalThis[seen] !== run) {
  globalThis[seen] = run;
  const cache = globalThis.__vitest_worker__?.moduleCache;
  if (cache && typeof cache.keys === 'function') {
    for (const key of [...cache.keys()]) if (!String(key).includes('/node_modules/')) cache.delete(key);
  }
  // vitest 4. Not this file: it is being evaluated now (vitest runs it again for the next file).
  const graph = globalThis.__vitest_worker__?.evaluatedModules;
  if (graph?.idToModuleMap instanceof Map) {
    const self = fileURLToPath(import.meta.url);
    const kept = /\/node_modules\/|\/vitest\/dist\/|vitest-virtual-\w+\/dist|@vitest\/dist/;
    graph.idToModuleMap.forEach((node, id) => {
      if (kept.test(id) || node.file === self) return;
      node.promise = undefined;
      node.exports = undefined;
      node.evaluated = false;
      node.importers?.clear?.();
    });
    globalThis.__vitest_mocker__?.reset?.();
  }
  const ns = globalThis[inject('globalNamespace') ?? '__stryker__'];
  if (ns && typeof ns === 'object') {
    ns.activeMutant = undefined;
    ns.currentTestId = undefined;
  }
}
