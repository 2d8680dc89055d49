// Added to every project's setupFiles by the plugin: makes `toBehaveLike` available in all tests.
// This file runs before EVERY test file, through vite; the matcher (fast-check, patchprobe's probe
// runtime) is loaded on the first `toBehaveLike` only, by Node's own require, which caches it for
// the whole worker: a run that never uses the matcher pays nothing measurable for it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, expect } from 'vitest';
import { RECORDING_ENV } from './env.js';
import { loadMatchers, patchprobeMatchers } from './matchers.js';

const require = createRequire(import.meta.url);

expect.extend(patchprobeMatchers);

// The first `toBehaveLike` of a file builds a TypeScript program to derive inputs from the parameter
// types: seconds on a loaded CI machine, longer than vitest's 5 s default test timeout. A file that
// uses the matcher builds it here instead, in a hook with its own long timeout. Best effort: a
// failure here is left for the matcher itself to report.
const WARM_UP_TIMEOUT_MS = 120_000;
// No hook parameter: vitest 3 passes the file's suite first, vitest 4 a fixture context that must be
// destructured; the test file's path is in expect's state on both.
beforeAll(() => {
  const file = expect.getState().testPath;
  // patchprobe's recording run: the matcher compares nothing there (matcher.ts).
  if (!file || process.env[RECORDING_ENV]) return;
  try {
    if (!fs.readFileSync(file, 'utf8').includes('toBehaveLike')) return;
    loadMatchers();
    (require('@patchprobe/core/probes') as { warmUpTypes(file: string): number }).warmUpTypes(file);
  } catch {
    // the matcher reports its own errors where they matter
  }
}, WARM_UP_TIMEOUT_MS);
