import fs from 'node:fs/promises';
import path from 'node:path';

/** Relative POSIX paths of every file and symlink under `dir`, skipping .git and node_modules. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(abs: string, rel: string): Promise<void> {
    for (const entry of await fs.readdir(abs, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(abs, entry.name), childRel);
      else out.push(childRel);
    }
  }
  await walk(dir, '');
  return out.sort();
}

/** Folders (relative, '' = root) holding a package.json: where node_modules may live. */
export function packageDirs(files: readonly string[]): string[] {
  const dirs = new Set<string>(['']);
  for (const f of files) {
    if (f === 'package.json') dirs.add('');
    else if (f.endsWith('/package.json')) dirs.add(f.slice(0, -'/package.json'.length));
  }
  return [...dirs].sort();
}
