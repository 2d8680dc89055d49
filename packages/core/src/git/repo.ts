import fs from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../errors.js';
import { firstLine, runGit } from './run-git.js';

export interface RepoLocation {
  /** Absolute, symlink-free path of the repository's top level. */
  root: string;
  /** The project under test, relative to root, POSIX separators ('' = the root itself). */
  projectDir: string;
}

export async function locateRepo(cwd: string): Promise<RepoLocation> {
  let real: string;
  try {
    real = await fs.realpath(cwd);
    if (!(await fs.stat(real)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new SetupError('PP_USAGE', `--cwd ${cwd} is not a directory`, { hint: 'pass the folder of the project to verify' });
  }
  const top = await runGit(['rev-parse', '--show-toplevel'], { cwd: real, allowFailure: true });
  if (top.exitCode !== 0) {
    throw new SetupError('PP_NOT_GIT_REPO', `${real} is not inside a git repository`, {
      hint: 'run patchprobe in a git checkout, or pass --cwd <repo>',
    });
  }
  const root = await fs.realpath(top.stdout.trim());
  const projectDir = path.relative(root, real).split(path.sep).join('/');
  return { root, projectDir };
}

/**
 * Resolves REV to a commit id without writing anything (`rev-parse --verify`). When it names no
 * commit, the error says why: no commit yet, a file or folder rather than a commit, history cut
 * off by a shallow clone, or simply not here.
 */
export async function resolveCommit(root: string, rev: string, flag: string): Promise<string> {
  if (rev.startsWith('-')) throw new SetupError('PP_BAD_REVISION', `${flag} ${rev} is not a revision`, { hint: 'pass a branch, tag or commit' });
  const r = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { cwd: root, allowFailure: true });
  if (r.exitCode === 0) return r.stdout.trim();
  const ok = async (args: string[]): Promise<string | undefined> => {
    const out = await runGit(args, { cwd: root, allowFailure: true });
    return out.exitCode === 0 ? out.stdout.trim() : undefined;
  };
  if ((await ok(['rev-parse', '--verify', '--quiet', 'HEAD'])) === undefined) {
    throw new SetupError('PP_BAD_REVISION', `unknown revision ${flag} ${rev} (the repository has no commits yet)`, { hint: 'commit the base version first' });
  }
  const object = await ok(['rev-parse', '--verify', '--quiet', '--end-of-options', rev]);
  const type = object === undefined ? undefined : await ok(['cat-file', '-t', object]);
  if (type === 'blob' || type === 'tree') {
    throw new SetupError('PP_BAD_REVISION', `${flag} ${rev} names a ${type === 'blob' ? 'file' : 'folder'}, not a commit`, { hint: 'pass a branch, tag or commit' });
  }
  if ((await ok(['rev-parse', '--is-shallow-repository'])) === 'true') {
    throw new SetupError('PP_BAD_REVISION', `unknown revision ${flag} ${rev} in this shallow clone (its history is cut off)`, {
      hint: 'fetch the history first, e.g. `git fetch --deepen=100` or `git fetch --unshallow`, or pass a revision the clone has',
    });
  }
  throw new SetupError('PP_BAD_REVISION', `unknown revision ${flag} ${rev}`, { hint: 'pass a branch, tag or commit that exists here (git fetch it first if it is remote)' });
}

export { firstLine };
