// What @patchprobe/vitest loads when vitest reads its config, on every start of vitest: the option
// defaults, and whether the working tree differs from the base at all. The pipeline itself (the
// package's main entry: TypeScript, ts-morph, fast-check, StrykerJS's helpers) is loaded only when
// there is a change to judge.
export { changeFingerprint } from './git/fingerprint.js';
export { isPatchprobeError } from './errors.js';
export { FAIL_ON_DEFAULTS, OPTION_DEFAULTS } from './options/schema.js';
