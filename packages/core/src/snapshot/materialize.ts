import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../errors.js';
import { firstLine, runGit } from '../git/run-git.js';

/**
 * Writes the tree of `commit` into `dest` through a PRIVATE index file: read-tree + checkout-index
 * never write into the user's .git, so an interrupted run leaves nothing behind there (api-notes §7).
 * Submodules are written too, each at the commit the tree pins, from the submodule's own checkout.
 */
export async function checkoutCommit(root: string, commit: string, dest: string, scratchDir: string): Promise<void> {
  const env = { GIT_INDEX_FILE: path.join(scratchDir, `index-${createHash('sha256').update(dest).digest('hex').slice(0, 12)}`) };
  await fs.mkdir(dest, { recursive: true });
  await runGit(['read-tree', commit], { cwd: root, env });
  await runGit(['checkout-index', '--all', '--force', `--prefix=${dest}${path.sep}`], { cwd: root, env });
  const links = gitlinks((await runGit(['ls-files', '-z', '--stage'], { cwd: root, env })).stdout);
  await fs.rm(env.GIT_INDEX_FILE, { force: true });
  for (const link of links) {
    const subRoot = await initialisedSubmodule(root, link.path);
    // Not checked out in the user's repository (`git submodule update` never ran), or its checkout
    // lacks the pinned commit: there is nothing to copy, as in the user's own test runs.
    if (!subRoot) continue;
    await checkoutCommit(subRoot, link.commit, path.join(dest, link.path), scratchDir).catch(() => undefined);
  }
}

/**
 * Copies the user's working tree as it is now: tracked files plus untracked files that are not
 * ignored, and each checked-out submodule's working tree the same way. `ls-files` is one of the
 * git commands that never refreshes the index.
 */
export async function copyWorkingTree(root: string, dest: string): Promise<void> {
  const listed = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  await copyFiles(root, [...new Set(listed.stdout.split('\0').filter(Boolean))], dest);
  for (const link of gitlinks((await runGit(['ls-files', '-z', '--stage'], { cwd: root })).stdout)) {
    const subRoot = await initialisedSubmodule(root, link.path);
    if (subRoot) await copyWorkingTree(subRoot, path.join(dest, link.path));
  }
}

/** The submodules (mode 160000 entries) in `ls-files --stage -z` output, with the commits they pin. */
function gitlinks(stage: string): Array<{ path: string; commit: string }> {
  return stage
    .split('\0')
    .filter((e) => e.startsWith('160000 '))
    .map((e) => {
      const [meta = '', rel = ''] = e.split('\t');
      return { path: rel, commit: meta.split(' ')[1] ?? '' };
    });
}

/** The submodule's checkout when it has one (a `.git` file or folder of its own), else undefined. */
async function initialisedSubmodule(root: string, rel: string): Promise<string | undefined> {
  const subRoot = path.join(root, rel);
  return (await fs.stat(path.join(subRoot, '.git')).then(() => true, () => false)) ? subRoot : undefined;
}

/**
 * Copies `files` (relative to `root`) to `dest`: regular files with their mode, symlinks as
 * symlinks; a file that is gone (deleted in the working tree but still in the index) or a folder
 * (a submodule, copied by copyWorkingTree, or a nested repository) is skipped.
 */
export async function copyFiles(root: string, files: readonly string[], dest: string): Promise<void> {
  await fs.mkdir(dest, { recursive: true });
  const made = new Set<string>();
  for (const rel of files) {
    const from = path.join(root, rel);
    let stat;
    try {
      stat = await fs.lstat(from);
    } catch {
      continue;
    }
    if (stat.isDirectory()) continue;
    const to = path.join(dest, rel);
    const dir = path.dirname(to);
    if (!made.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      made.add(dir);
    }
    if (stat.isSymbolicLink()) await fs.symlink(await fs.readlink(from), to);
    else await fs.copyFile(from, to);
    if (!stat.isSymbolicLink()) await fs.chmod(to, stat.mode & 0o777);
  }
}

/**
 * Applies a unified diff inside our private copy. Paths in the patch are taken relative to the
 * project folder (--cwd) first and to the repository root second, so a patch made inside a
 * sub-package and one made at the top level both apply.
 */
export async function applyPatch(patchFile: string, dest: string, projectDir: string): Promise<void> {
  // Stop git from discovering any repository above the temp dir: `git apply` then works like `patch`.
  const env = { GIT_CEILING_DIRECTORIES: path.dirname(dest) };
  const attempts = projectDir ? [[`--directory=${projectDir}`], []] : [[]];
  let lastError = '';
  for (const extra of attempts) {
    const args = ['apply', '--whitespace=nowarn', ...extra, patchFile];
    const check = await runGit([...args.slice(0, 1), '--check', ...args.slice(1)], { cwd: dest, env, allowFailure: true });
    if (check.exitCode === 0) {
      await runGit(args, { cwd: dest, env });
      return;
    }
    lastError ||= firstLine(check.stderr);
  }
  throw new SetupError('PP_PATCH_REJECTED', `patch ${patchFile} does not apply to the base revision (${lastError || 'git apply refused it'})`, {
    hint: 'pass the --base the patch was made against, or regenerate the patch with `git diff`',
  });
}
