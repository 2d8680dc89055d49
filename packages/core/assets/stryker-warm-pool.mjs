// Loaded with `--import` into StrykerJS's test runner processes when the project's vitest is 4.x
// (stryker-runner.mjs passes it through `testRunnerNodeArgs`), so it runs before any vitest module:
// it registers stryker-warm-pool-hooks.mjs, which rewrites the project's `Pool` as its chunk loads,
// and it puts the decisions that rewrite asks for where the chunk finds them (createWarmPool; why:
// stryker-warm-worker.mjs, at the top). Plain ESM, no dependencies.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createWarmPool, WARM_POOL } from './stryker-warm-worker.mjs';

const chunk = process.env.PATCHPROBE_WARM_POOL_CHUNK;
if (chunk) {
  globalThis[WARM_POOL] = createWarmPool();
  register('./stryker-warm-pool-hooks.mjs', import.meta.url, { data: { url: pathToFileURL(chunk).href } });
}
