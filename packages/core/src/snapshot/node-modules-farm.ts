import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Gives a private copy the user's installed dependencies without installing anything.
 *
 * Each node_modules folder of the user's repo becomes a REAL folder in the copy whose entries are
 * symlinks, built by one rule: a link that points back into the repository (a workspace package,
 * as pnpm/npm/yarn link them) is re-created relative, so it lands on the copy's own package;
 * everything else links to the user's installed package by real path. A wholesale symlink of
 * node_modules would silently test the user's workspace packages instead of the copy's (api-notes §8).
 * Tool caches (.vite, .cache…) are not linked, so vitest's writes stay in the copy.
 */
const CACHE_ENTRIES = new Set(['.vite', '.vite-temp', '.cache', '.vitest']);

export async function linkNodeModules(userRoot: string, copyRoot: string, packageDirs: readonly string[]): Promise<number> {
  let linked = 0;
  for (const rel of packageDirs) {
    const from = path.join(userRoot, rel, 'node_modules');
    const exists = await fs.stat(from).then((s) => s.isDirectory(), () => false);
    if (!exists) continue;
    const to = path.join(copyRoot, rel, 'node_modules');
    if (!(await fs.stat(path.join(copyRoot, rel)).then(() => true, () => false))) continue; // package absent in this tree
    await farm(from, to, userRoot, copyRoot, true);
    linked++;
  }
  return linked;
}

async function farm(from: string, to: string, userRoot: string, copyRoot: string, top: boolean): Promise<void> {
  await fs.mkdir(to, { recursive: true });
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    if (top && CACHE_ENTRIES.has(entry.name)) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      await farm(src, dst, userRoot, copyRoot, false); // a scope folder: link its packages one by one
      continue;
    }
    if (entry.isSymbolicLink()) {
      const target = await fs.readlink(src);
      // Resolve against the logical location (not the real path), as the link was written.
      const logical = path.resolve(path.dirname(src), target);
      if (isInside(logical, userRoot) && !logical.split(path.sep).includes('node_modules')) {
        const inCopy = path.join(copyRoot, path.relative(userRoot, logical));
        await fs.symlink(path.relative(path.dirname(dst), inCopy), dst);
        continue;
      }
    }
    const real = await fs.realpath(src).catch(() => null);
    if (real) await fs.symlink(real, dst);
  }
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
