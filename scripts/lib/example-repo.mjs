// Turns an example project into a standalone git repository in a temp dir, the way a user's repo
// looks: the project's files committed on `main`, its installed node_modules linked in (so nothing
// is installed), and the example's own metadata (patch.diff, expected.json) left out.
// Used by the end-to-end tests, the benchmark and anyone trying patchprobe by hand.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Files that describe the example rather than belong to the project under test. */
export const EXAMPLE_META_FILES = new Set(['patch.diff', 'expected.json', 'patches']);

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'patchprobe examples',
  GIT_AUTHOR_EMAIL: 'examples@patchprobe.invalid',
  GIT_COMMITTER_NAME: 'patchprobe examples',
  GIT_COMMITTER_EMAIL: 'examples@patchprobe.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(cwd, args, input) {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * @param {string} exampleDir absolute path of examples/<name>
 * @param {{ prefix?: string, library?: string }} [options] library: a folder of shared code copied in as well
 * @returns {{ dir: string, cleanup: () => void }}
 */
export function createExampleRepo(exampleDir, options = {}) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'pp-example-')));
  copyProject(exampleDir, dir, true, fs.realpathSync(exampleDir));
  // A project that shares its code with others (examples/vitest-versions: one library, one folder
  // per vitest version with its package.json, config and installed vitest) gets that code too.
  if (options.library) copyProject(options.library, dir, true, fs.realpathSync(options.library));
  if (!fs.existsSync(path.join(dir, '.gitignore'))) fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['config', 'gc.auto', '0']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function copyProject(from, to, isRoot, exampleRoot) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (isRoot && EXAMPLE_META_FILES.has(entry.name)) continue;
    if (entry.name === '.git') continue;
    if (entry.name === 'node_modules') {
      linkModules(src, dst, exampleRoot);
      continue;
    }
    if (entry.isDirectory()) copyProject(src, dst, false, exampleRoot);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
    else fs.copyFileSync(src, dst);
  }
}

// Link, never copy: each dependency stays installed where pnpm put it. A workspace link (a
// relative link that stays inside the example) is re-created as is, so that it points at the temp
// repo's own package, as it would in a real checkout of the example.
function linkModules(from, to, exampleRoot) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      linkModules(src, dst, exampleRoot);
      continue;
    }
    if (entry.isSymbolicLink()) {
      const target = fs.readlinkSync(src);
      // A workspace link inside the example (a monorepo example's own packages) stays relative, so
      // it points into the copy; one that leaves the example (@patchprobe/vitest) is made absolute.
      const inside = path.resolve(path.dirname(src), target).startsWith(exampleRoot + path.sep);
      if (!path.isAbsolute(target) && !target.includes('node_modules') && inside) {
        fs.symlinkSync(target, dst);
        continue;
      }
    }
    fs.symlinkSync(fs.realpathSync(src), dst);
  }
}

/** Lists examples/<name> folders that hold an expected.json. */
export function listExamples(examplesRoot) {
  return fs
    .readdirSync(examplesRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(examplesRoot, e.name, 'expected.json')))
    .map((e) => e.name)
    .sort();
}
