// The matchers as `expect.extend` takes them, with their implementation (matcher.ts: fast-check and
// patchprobe's probe runtime, about a second to load) loaded on the first `toBehaveLike`. A vitest
// config imports this package on every start of vitest, and most runs never use the matcher.
import { createRequire } from 'node:module';
import type { patchprobeMatchers as Implementation } from './matcher.js';

const require = createRequire(import.meta.url);
let implementation: typeof Implementation | undefined;

/** The matcher implementation, loaded once: Node's require caches it for the process or worker. */
export function loadMatchers(): typeof Implementation {
  return (implementation ??= (require('./matcher.js') as { patchprobeMatchers: typeof Implementation }).patchprobeMatchers);
}

type ToBehaveLike = (typeof Implementation)['toBehaveLike'];

/**
 * The matchers to register with `expect.extend(patchprobeMatchers)` (the patchprobe() plugin's
 * setup file does it for every project): `toBehaveLike`, see BehaveLikeMatchers.
 */
export const patchprobeMatchers: typeof Implementation = {
  toBehaveLike(this: ThisParameterType<ToBehaveLike>, ...args: Parameters<ToBehaveLike>): ReturnType<ToBehaveLike> {
    return loadMatchers().toBehaveLike.apply(this, args);
  },
};
