// How a before-version module is loaded next to the after version inside one vite/vitest process.
// Relative imports of a before-tree module already stay in the before tree (vite resolves them
// from the importer's folder). Aliases and tsconfig paths do not: the project's config points them
// at the after tree, which would silently give the before version the new code. This plugin
// re-resolves every non-relative import made from the before tree and maps a project file of the
// after tree back to the same file of the before tree. Packages (node_modules) stay shared, as
// they are the same installed code for both versions.
//
// Kept free of imports beyond node builtins: it is loaded by the project's vite config bundler.
import fs from 'node:fs';
import path from 'node:path';

export interface BeforeTreeOptions {
  /** Absolute repository root of the before copy. */
  beforeRoot: string;
  /** Absolute repository root of the after copy (where the project's config resolves aliases). */
  afterRoot: string;
}

interface ResolvedLike {
  id: string;
  external?: boolean | 'absolute' | 'relative';
}
interface PluginContextLike {
  resolve(source: string, importer?: string, options?: Record<string, unknown>): Promise<ResolvedLike | null>;
}

/** The minimal vite plugin shape, so this file needs no vite types. */
export interface BeforeTreePlugin {
  name: string;
  enforce: 'pre';
  resolveId(this: PluginContextLike, source: string, importer: string | undefined, options: Record<string, unknown>): Promise<string | ResolvedLike | null>;
}

export function beforeTreePlugin(options: BeforeTreeOptions): BeforeTreePlugin {
  const before = withSep(options.beforeRoot);
  const after = withSep(options.afterRoot);
  const isProjectFile = (id: string, root: string): boolean => id.startsWith(root) && !id.includes(`${path.sep}node_modules${path.sep}`);
  return {
    name: 'patchprobe:before-tree',
    enforce: 'pre',
    async resolveId(source, importer, resolveOptions) {
      if (!importer || !isProjectFile(importer, before)) return null;
      // Relative imports stay in the before tree by themselves. Absolute ones do not: vite's alias
      // plugin runs before every other plugin and hands us '@lib/rate' already rewritten to an
      // absolute path in the after tree.
      if (source.startsWith('.') || source.startsWith('\0') || source.startsWith('node:')) return null;
      if (path.isAbsolute(source) && !source.startsWith(after)) return null;
      const resolved = await this.resolve(source, importer, { ...resolveOptions, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      const [file = '', query] = resolved.id.split('?', 2);
      if (!isProjectFile(file, after)) return resolved;
      const mapped = before + file.slice(after.length);
      // A file the patch added has no before version: the after file is the best there is, and the
      // probe's result for such an import says "after" on both sides, which cannot show a difference.
      if (!fs.existsSync(mapped)) return resolved;
      return { ...resolved, id: query === undefined ? mapped : `${mapped}?${query}` };
    },
  };
}

function withSep(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}
