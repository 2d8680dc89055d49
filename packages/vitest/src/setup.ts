// Added to every project's setupFiles by the plugin: makes `toBehaveLike` available in all tests.
// This file runs before EVERY test file, through vite; the matcher (fast-check, patchprobe's probe
// runtime) is loaded on the first `toBehaveLike` only, by Node's own require, which caches it for
// the whole worker: a run that never uses the matcher pays nothing measurable for it.
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { patchprobeMatchers as Matchers } from './matcher.js';

const require = createRequire(import.meta.url);
let matchers: typeof Matchers | undefined;

expect.extend({
  toBehaveLike(this: unknown, ...args: Parameters<(typeof Matchers)['toBehaveLike']>) {
    matchers ??= (require('./matcher.js') as { patchprobeMatchers: typeof Matchers }).patchprobeMatchers;
    return (matchers.toBehaveLike as (...a: unknown[]) => ReturnType<(typeof Matchers)['toBehaveLike']>).apply(this, args);
  },
});
