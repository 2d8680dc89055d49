// Copied into the project folder by stryker-vitest-runner.mjs and loaded by the PROJECT's vitest as
// the last setup file of every project: skips the tests listed in PATCHPROBE_SKIP_TESTS (a JSON file:
// [{ file: absolute path, path: [...suite titles, test title] }]). In a mutant's run it lowers the
// test timeout to the run's `patchprobeTestTimeout` (mutantTestTimeout in stryker-vitest-runner.mjs),
// never above the project's own; other runs keep the project's. In StrykerJS's initial run with a
// shared worker, it also notes the file of every test that fails in PATCHPROBE_SHARED_FAILURES: the
// files to give a worker of their own if that run is not green (stryker-runner.mjs). Plain ESM, no
// local imports.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, inject } from 'vitest';

// Set before the file's tests are collected, which is when vitest reads the timeout of each test
// that names none (vi.setConfig does the same). The worker's config may outlive a run (a warm
// worker): the project's own value is kept beside it.
const config = globalThis.__vitest_worker__?.config;
const PROJECT_TIMEOUT = Symbol.for('patchprobe.project-test-timeout');
if (config && typeof config.testTimeout === 'number') {
  config[PROJECT_TIMEOUT] ??= config.testTimeout;
  const limit = inject('patchprobeTestTimeout');
  const own = config[PROJECT_TIMEOUT];
  config.testTimeout = typeof limit === 'number' && limit > 0 && (own <= 0 || limit < own) ? limit : own;
}

const failures = process.env.PATCHPROBE_SHARED_FAILURES;
if (failures && inject('mode') === 'dry-run') {
  afterEach(({ task }) => {
    if (task.result?.state === 'fail' && task.file?.filepath) fs.appendFileSync(failures, `${path.resolve(task.file.filepath)}\n`);
  });
}

const listFile = process.env.PATCHPROBE_SKIP_TESTS;
const skip = new Set(listFile ? JSON.parse(fs.readFileSync(listFile, 'utf8')).map((t) => JSON.stringify([path.resolve(t.file), ...t.path])) : []);

if (skip.size > 0) {
  beforeEach((ctx) => {
    const task = ctx.task;
    const titles = [task.name];
    for (let s = task.suite; s && s !== task.file && s.type === 'suite' && !s.filepath; s = s.suite) titles.unshift(s.name);
    if (skip.has(JSON.stringify([path.resolve(task.file.filepath), ...titles]))) ctx.skip();
  });
}
