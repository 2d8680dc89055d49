/**
 * `@patchprobe/core/probes`: the parts of the property probes that `toBehaveLike`
 * (@patchprobe/vitest) builds on. Deliberately narrow; everything else in `probes/` is internal.
 *
 * - inputs: {@link deriveExportParameters} (parameter descriptors of an exported function, from its
 *   types), {@link argsArbitrary} / {@link toArbitrary} (descriptors → fast-check arbitraries);
 * - one call and its comparison: {@link observe}, {@link sameOutcome}, {@link classifyDivergence},
 *   {@link renderCall}, {@link renderOutcome}, {@link cloneDeep}, {@link deepEqual};
 * - {@link fc}: the fast-check these arbitraries are built with, so a consumer runs them with the
 *   same instance (and needs no fast-check dependency of its own).
 */
import { preloadTsMorphTypeScript } from '../process/code-cache.js';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DerivedParameters } from './arbitrary-descriptor.js';
import { isWarm, readDerived } from './derive-disk-cache.js';

export { DERIVE_CACHE_ENV } from './derive-disk-cache.js';

export { default as fc } from 'fast-check';
export type { Arbitrary } from 'fast-check';

export type {
  ConstantValue,
  Descriptor,
  DescriptorKind,
  DerivedParameters,
  ParameterDescriptor,
  RecordProp,
} from './arbitrary-descriptor.js';
export { isComplete, unsupportedReason } from './arbitrary-descriptor.js';
export { argsArbitrary, toArbitrary, UnsupportedDescriptorError, type InterpretContext } from './interpret-descriptor.js';
export { classifyDivergence, type Divergence, type DivergenceKind } from './runtime/classify.js';
export { cloneDeep } from './runtime/clone.js';
export { deepEqual, sameOutcome } from './runtime/compare.js';
export { observe } from './runtime/observe.js';
export type { ErrorInfo, Outcome } from './runtime/outcome.js';
export { renderCall, renderOutcome } from './runtime/render.js';

type DeriveExport = typeof import('./derive-export.js');
let deriveExport: DeriveExport | undefined;

/**
 * The parameter descriptors of the function exported as `exportName` (`'default'` for the default
 * export) from `file` (an absolute path), derived from its parameter types the way the probes
 * derive them; `complete` is false when some parameter is (partly) `any`/`unknown` or unsupported.
 * Works for `export function`, `export const f = (…) => …` or `function (…) {…}`, re-exports under
 * another name and `export default`; throws an Error saying why otherwise. Results are cached per
 * file, export and mtime; the ts-morph project per nearest tsconfig.json (strict defaults without one).
 *
 * ts-morph and TypeScript take ~0.4 s to load, and this module is imported by every test file of
 * a project that registers the matcher: they are loaded on the first call, not on import.
 */
export function deriveExportParameters(file: string, exportName: string): DerivedParameters {
  // Derived ahead in this run (the plugin's pre-derivation, or an earlier process): no ts-morph at all.
  if (!deriveExport && path.isAbsolute(file)) {
    const stored = storedDerivation(path.normalize(file), exportName);
    if (stored) return stored;
  }
  deriveExport ??= loadDeriver();
  return deriveExport.deriveExportParameters(file, exportName);
}

function storedDerivation(file: string, exportName: string): DerivedParameters | undefined {
  try {
    return readDerived(file, fs.readFileSync(file, 'utf8'), exportName);
  } catch {
    return undefined;
  }
}

/**
 * Builds the ts-morph project and type checker that {@link deriveExportParameters} will use for the
 * modules `testFile` imports, so the first derivation inside a test does not spend the test's own
 * timeout on it (@patchprobe/vitest calls this from a `beforeAll` with a long timeout).
 */
export function warmUpTypes(testFile: string): number {
  if (!deriveExport && isWarm(path.normalize(testFile), fs.readFileSync(testFile, 'utf8'))) return 0;
  deriveExport ??= loadDeriver();
  return deriveExport.warmUpTypes(testFile);
}

/**
 * Derives, in the calling process and ahead of the tests, the inputs of every
 * `expect(f).toBehaveLike(…)` in `testFiles` into the run's disk cache (the folder in
 * PATCHPROBE_DERIVE_CACHE_DIR; nothing is kept without it), so that the test workers read them
 * instead of building a TypeScript program each (@patchprobe/vitest calls this in vitest's main
 * process when a run starts). Best effort: a file it cannot settle is left to the worker.
 */
export function prederiveTestFiles(testFiles: readonly string[]): { files: number; derived: number } {
  let files = 0;
  let derived = 0;
  for (const file of testFiles) {
    try {
      if (!fs.readFileSync(file, 'utf8').includes('toBehaveLike')) continue;
      deriveExport ??= loadDeriver();
      const r = deriveExport.prederiveTestFile(file);
      files += 1;
      derived += r.derived.length;
    } catch {
      // left to the worker
    }
  }
  return { files, derived };
}

/** The deriver, with ts-morph's TypeScript from V8's code cache first (process/code-cache.ts). */
function loadDeriver(): DeriveExport {
  preloadTsMorphTypeScript();
  return createRequire(import.meta.url)('./derive-export.js') as DeriveExport;
}
