// Loaded with `--import` into StrykerJS's test runner processes (stryker-runner.mjs passes it
// through `testRunnerNodeArgs`), so it runs before any vitest module. It registers
// stryker-runner-hooks.mjs, which
//  - makes StrykerJS's vitest runner import the PROJECT's `vitest/node` where it imports its own:
//    its vitest-wrapper.js imports patchprobe's vitest statically and then the project's, so a
//    project on another vitest paid a second vitest import in every runner process (0.1 s: the
//    wrapper's import 0.65-0.71 s without the hook, 0.55-0.60 s with it, on vitest 3.2);
//  - on vitest 4, rewrites the project's `Pool` as its chunk loads (the warm worker), and puts the
//    decisions that rewrite asks for where the chunk finds them (createWarmPool; why:
//    stryker-warm-worker.mjs, at the top).
// Plain ESM, no dependencies.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createWarmPool, WARM_POOL } from './stryker-warm-worker.mjs';

const chunk = process.env.PATCHPROBE_WARM_POOL_CHUNK;
const vitestNode = process.env.PATCHPROBE_PROJECT_VITEST_NODE;
if (chunk) globalThis[WARM_POOL] = createWarmPool();
if (chunk || vitestNode) {
  register('./stryker-runner-hooks.mjs', import.meta.url, { data: { poolUrl: chunk ? pathToFileURL(chunk).href : undefined, vitestNodeUrl: vitestNode ? pathToFileURL(vitestNode).href : undefined } });
}
