// The inputs of `toBehaveLike`: given (an arbitrary or argument arrays) or derived from the parameter
// types of the file and export the plugin's tag names.
import { fileURLToPath } from 'node:url';
import { argsArbitrary, deriveExportParameters, fc, unsupportedReason } from '@patchprobe/core/probes';
import type { Names } from './names.js';
import type { ArgumentsArbitrary, BehaveLikeOptions } from './options.js';
import { describeValue, displayPath, errorMessage, plural } from './text.js';

/** The property the plugin's transform puts on exported functions: `{ file, exportName }`. */
export const SOURCE_SYMBOL: unique symbol = Symbol.for('patchprobe.source') as never;

export type Fn = (...args: unknown[]) => unknown;
export type Args = unknown[];

interface SourceInfo {
  file: string;
  exportName: string;
}

export type Inputs =
  | { kind: 'arbitrary'; arbitrary: fc.Arbitrary<Args>; label: string }
  | { kind: 'examples'; examples: Args[]; label: string };

export function resolveInputs(recv: Fn, exp: Fn, opts: BehaveLikeOptions, names: Names): Inputs | string {
  const given = opts.inputs;
  if (given !== undefined) {
    if (Array.isArray(given)) {
      if (given.length === 0) return 'inputs is an empty list; give at least one argument array, e.g. [["a b"]]';
      const bad = given.findIndex((x) => !Array.isArray(x));
      if (bad >= 0) return `inputs[${bad}] must be an argument array (e.g. ["a b"] for f("a b")), got ${describeValue(given[bad])}`;
      return { kind: 'examples', examples: given as Args[], label: `given, ${plural(given.length, 'argument array')}` };
    }
    if (isArbitrary(given)) return { kind: 'arbitrary', arbitrary: given as unknown as fc.Arbitrary<Args>, label: 'given as a fast-check arbitrary' };
    return `inputs must be a fast-check arbitrary of the argument array (fc.tuple(fc.string())) or a list of argument arrays, got ${describeValue(given)}`;
  }
  return deriveInputs(recv, exp, names);
}

// The received function is normally the current version and `expected` the base import
// (`…/slug.ts?patchprobe=base`): either way, types are read from the current file on disk.
function deriveInputs(recv: Fn, exp: Fn, names: Names): Inputs | string {
  const candidates: SourceInfo[] = [];
  for (const info of [sourceOf(recv), sourceOf(exp)]) {
    if (!info) continue;
    const file = currentFile(info.file);
    if (!candidates.some((c) => c.file === file && c.exportName === info.exportName)) candidates.push({ file, exportName: info.exportName });
  }
  const howToGive = 'pass { inputs: fc.tuple(fc.string()) } (an arbitrary of the argument array) or { inputs: [["a b"], [""]] } (argument arrays)';
  if (candidates.length === 0) {
    return (
      `cannot derive inputs for ${names.received}: neither function carries patchprobe's source tag ` +
      `(the patchprobe() vitest plugin adds it to functions exported by the modules it transforms); ${howToGive}`
    );
  }
  const problems: string[] = [];
  for (const c of candidates) {
    try {
      const { params, complete } = deriveExportParameters(c.file, c.exportName);
      const unsupported = params.find((p) => unsupportedReason(p.descriptor) !== undefined);
      if (unsupported) {
        problems.push(`parameter ${unsupported.name} of ${c.exportName} in ${displayPath(c.file)}: ${unsupportedReason(unsupported.descriptor)}`);
        continue;
      }
      const arbitrary = argsArbitrary(params);
      const partly = complete ? '' : ', some of them any/unknown (generated as arbitrary values)';
      return { kind: 'arbitrary', arbitrary, label: `derived from the parameter types of ${c.exportName} in ${displayPath(c.file)}${partly}` };
    } catch (e) {
      problems.push(errorMessage(e));
    }
  }
  return `cannot derive inputs for ${names.received} from its parameter types: ${problems.join('; ')}; ${howToGive}`;
}

export function sourceOf(fn: Fn): SourceInfo | undefined {
  let info: unknown;
  try {
    info = Reflect.get(fn, SOURCE_SYMBOL);
  } catch {
    return undefined;
  }
  if (typeof info !== 'object' || info === null) return undefined;
  const { file, exportName } = info as Partial<SourceInfo>;
  return typeof file === 'string' && typeof exportName === 'string' ? { file, exportName } : undefined;
}

/** `/repo/src/slug.ts?patchprobe=base` → `/repo/src/slug.ts` (also `file:` URLs). */
function currentFile(id: string): string {
  const bare = id.replace(/\?.*$/s, '');
  return bare.startsWith('file:') ? fileURLToPath(bare) : bare;
}

function isArbitrary(x: unknown): x is ArgumentsArbitrary {
  const a = x as Partial<Record<keyof ArgumentsArbitrary, unknown>> | null;
  return typeof x === 'object' && a !== null && typeof a.generate === 'function' && typeof a.shrink === 'function' && typeof a.canShrinkWithoutContext === 'function';
}
