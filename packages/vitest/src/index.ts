/**
 * @patchprobe/vitest — patchprobe inside vitest:
 * - `patchprobe()` plugin: a compact verdict of the working tree against `base` after every run
 *   (and after every rerun in watch mode), optionally failing the run (`failOn`);
 * - `import * as before from './slug.ts?patchprobe=base'`: a module as it was at `base`;
 * - `expect(fn).toBehaveLike(before.fn)`: a differential property assertion (fast-check).
 */
export { patchprobe, type PatchprobeVitePlugin } from './plugin.js';
export { patchprobeMatchers } from './matchers.js';
export type { BehaveLikeOptions } from './options.js';
export type { PatchprobePluginOptions, Verdict } from './types.js';

/** The import query that loads a module as it was at the base revision: `import * as before from './slug.ts?patchprobe=base'`. */
export const BASE_QUERY = 'patchprobe=base';
