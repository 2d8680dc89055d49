import { Project, ts } from 'ts-morph';
import type { DerivedParameters } from './arbitrary-descriptor.js';

/** Used when no tsconfig.json is found, or it cannot be read. */
export const DEFAULT_PROBE_OPTIONS = { allowJs: true, checkJs: false, strict: true, skipLibCheck: true };

/**
 * `narrow`: the ECMAScript library of the project's target without the DOM, when the project leaves
 * `lib` to TypeScript's default (which for most targets includes lib.dom.d.ts). `full`: the
 * project's own configuration, as is.
 */
export type LibMode = 'narrow' | 'full';

/**
 * A ts-morph project to derive parameter types in, configured by `tsconfig` (or the defaults).
 *
 * Why `narrow` first: lib.dom.d.ts is 2 MB of declarations, and parsing and binding it was three
 * quarters of a first derivation (examples/invented-api: 1.3 s → 0.45 s without it), paid by every
 * verify's probe selection and by the first `toBehaveLike` of every test file. Parameter types
 * almost never need it. One that does (an `Element`, a `RequestInit`) is unresolved without it and
 * derives as incomplete; callers then derive again in a `full` project (`needsFullLib`), so a
 * result is never less complete than with the project's own library. `narrowed` says whether
 * there was a DOM to leave out.
 */
export function createProbeProject(tsconfig: string | undefined, mode: LibMode): { project: Project; narrowed: boolean } {
  let project: Project | undefined;
  if (tsconfig) {
    try {
      project = new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true });
    } catch {
      // an unreadable tsconfig: the defaults below
    }
  }
  project ??= new Project({ compilerOptions: DEFAULT_PROBE_OPTIONS });
  const lib = mode === 'narrow' ? withoutDom(project.getCompilerOptions()) : undefined;
  if (lib !== undefined) project.compilerOptions.set({ lib: [lib] });
  return { project, narrowed: lib !== undefined };
}

/**
 * The default library's DOM-free twin ("lib.es2022.full.d.ts" → "lib.es2022.d.ts", "lib.d.ts" →
 * "lib.es5.d.ts"), or undefined when the options choose their libraries (or none) themselves.
 */
export function withoutDom(options: ts.CompilerOptions): string | undefined {
  if (options.lib !== undefined || options.noLib === true) return undefined;
  const name = ts.getDefaultLibFileName(options);
  if (name === 'lib.d.ts') return 'lib.es5.d.ts';
  return name.endsWith('.full.d.ts') ? name.replace(/\.full\.d\.ts$/, '.d.ts') : undefined;
}

/** A derivation made in a narrowed project that must be made again in a `full` one. */
export function needsFullLib(derived: DerivedParameters): boolean {
  return !derived.complete;
}
