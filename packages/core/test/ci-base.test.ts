import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, repoState, type GitRepo } from '@patchprobe/test-utils';
import { resolveCiBase as sut } from '../src/git/ci-base.js';

const GIT_ENV = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@t.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@t.invalid', GIT_CONFIG_NOSYSTEM: '1' };
const git = async (cwd: string, ...args: string[]): Promise<string> => (await execa('git', args, { cwd, env: GIT_ENV })).stdout.trim();

const dirs: string[] = [];
let origin: GitRepo;
/** The fork point of `feature` (a pull request's branch) off `main`. */
let forkPoint: string;
let featureTip: string;

/** main: c1 ← c2 (fork point) ← c3;  feature: c2 ← f1 ← f2. */
beforeAll(async () => {
  origin = await createGitRepo({ 'a.txt': '1\n' });
  const commit = async (file: string, text: string): Promise<string> => {
    origin.write(file, text);
    await origin.git('add', '-A');
    await origin.git('commit', '-qm', `${file} ${text.trim()}`);
    return git(origin.dir, 'rev-parse', 'HEAD');
  };
  forkPoint = await commit('a.txt', '2\n');
  await origin.git('switch', '-qc', 'feature');
  await commit('f.txt', 'f1\n');
  featureTip = await commit('f.txt', 'f2\n');
  await origin.git('switch', '-q', 'main');
  await commit('a.txt', '3\n');
});
afterAll(() => {
  origin.cleanup();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A clone made the way CI makes one, HEAD on the pull request's branch (detached). */
async function ciClone(...cloneArgs: string[]): Promise<string> {
  const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-ci-clone-')));
  dirs.push(parent);
  const dir = path.join(parent, 'repo');
  await execa('git', ['clone', '-q', ...cloneArgs, `file://${origin.dir}`, dir], { env: GIT_ENV });
  await git(dir, 'checkout', '-q', '--detach', 'origin/feature');
  return dir;
}

/** The code and the one line the CLI would print. */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; oneLine: string };
    return `${err.code}: ${err.oneLine}`;
  }
  return 'resolved';
}

/** Runs the git command a hint names (in backquotes), as a user would copy it. */
async function runHint(dir: string, message: string): Promise<void> {
  const command = /`(git fetch [^`]+)`/.exec(message)?.[1];
  expect(command, message).toBeDefined();
  await git(dir, ...command!.split(' ').slice(1));
}

describe(sut.name, () => {
  it('an explicit --base is reduced to its merge-base with HEAD, and wins over the CI environment', async () => {
    const dir = await ciClone();
    const base = await sut({ cwd: dir, base: 'origin/main', env: { GITHUB_BASE_REF: 'nope' } });
    expect(base).toEqual({ commit: forkPoint, head: featureTip, target: 'origin/main', source: 'flag', description: 'merge-base of origin/main and HEAD' });
  });

  it('GITHUB_BASE_REF: the remote-tracking branch origin/<ref> first, read-only', async () => {
    const dir = await ciClone();
    // A stale local main must not be used when origin/main exists.
    await git(dir, 'branch', '-f', 'main', 'origin/main~2');
    const before = repoState(dir);
    const base = await sut({ cwd: dir, env: { GITHUB_BASE_REF: 'main' } });
    expect(base).toMatchObject({ commit: forkPoint, head: featureTip, target: 'origin/main', source: 'github', description: 'merge-base of origin/main (GITHUB_BASE_REF) and HEAD' });
    expect(repoState(dir)).toBe(before);
  });

  it('GITHUB_BASE_REF: the local branch when there is no origin, and --head', async () => {
    const base = await sut({ cwd: origin.dir, head: 'feature', env: { GITHUB_BASE_REF: 'main' } });
    expect(base).toMatchObject({ commit: forkPoint, head: featureTip, target: 'main', description: 'merge-base of main (GITHUB_BASE_REF) and feature' });
  });

  it('GitLab: the target branch, or the exact diff base when the clone has it', async () => {
    const dir = await ciClone();
    expect(await sut({ cwd: dir, env: { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' } })).toMatchObject({ commit: forkPoint, target: 'origin/main', source: 'gitlab' });
    const c1 = await git(dir, 'rev-parse', 'origin/main~2');
    expect(await sut({ cwd: dir, env: { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_MERGE_REQUEST_DIFF_BASE_SHA: c1 } })).toMatchObject({ commit: c1, source: 'gitlab', description: 'merge-base of main and HEAD (CI_MERGE_REQUEST_DIFF_BASE_SHA)' });
    // A diff base the clone does not have: fall back to the target branch.
    const unknown = 'f'.repeat(40);
    expect(await sut({ cwd: dir, env: { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_MERGE_REQUEST_DIFF_BASE_SHA: unknown } })).toMatchObject({ commit: forkPoint });
    expect(await failure(sut({ cwd: dir, env: { CI_MERGE_REQUEST_DIFF_BASE_SHA: unknown, GITLAB_CI: 'true' } }))).toBe(
      "PP_USAGE: the merge request's base commit ffffffffffff (CI_MERGE_REQUEST_DIFF_BASE_SHA) is not in this clone; set the CI variable `GIT_DEPTH: 0`, or fetch it first",
    );
  });

  it('outside a pull request pipeline: a usage error asking for --base', async () => {
    expect(await failure(sut({ cwd: origin.dir, env: { GITHUB_BASE_REF: '', GITHUB_ACTIONS: 'true' } }))).toBe(
      'PP_USAGE: cannot tell the base: this is not a pull request or merge request pipeline (GITHUB_BASE_REF and CI_MERGE_REQUEST_TARGET_BRANCH_NAME are unset); pass --base REV, e.g. --base origin/main',
    );
  });

  it('a target branch missing from a full clone names the fetch that brings it', async () => {
    const dir = await ciClone('--single-branch', '--branch', 'feature');
    const message = await failure(sut({ cwd: dir, env: { GITHUB_BASE_REF: 'main' } }));
    expect(message).toBe(
      'PP_USAGE: the base branch origin/main (from GITHUB_BASE_REF) is not in this clone; run `git fetch --no-tags origin +refs/heads/main:refs/remotes/origin/main` first',
    );
    await runHint(dir, message);
    expect(await sut({ cwd: dir, env: { GITHUB_BASE_REF: 'main' } })).toMatchObject({ commit: forkPoint });
    expect(await failure(sut({ cwd: dir, base: 'v9' }))).toBe('PP_USAGE: --base v9 is not in this clone; run `git fetch --no-tags origin +refs/heads/v9:refs/remotes/origin/v9` first');
  });

  it('a shallow clone (git clone --depth 1): the clear error, and its remedy works', async () => {
    const dir = await ciClone('--depth', '1', '--branch', 'feature');
    const before = repoState(dir);
    const message = await failure(sut({ cwd: dir, env: { GITHUB_BASE_REF: 'main', GITHUB_ACTIONS: 'true' } }));
    expect(message).toBe(
      'PP_USAGE: the base branch origin/main (from GITHUB_BASE_REF) is not in this clone (a shallow checkout); check out with actions/checkout `fetch-depth: 0`, or run `git fetch --no-tags --deepen=200 origin +refs/heads/main:refs/remotes/origin/main` first',
    );
    expect(repoState(dir)).toBe(before);
    await runHint(dir, message);
    expect(await sut({ cwd: dir, env: { GITHUB_BASE_REF: 'main' } })).toMatchObject({ commit: forkPoint, head: featureTip });
  });

  it('a shallow clone that has the base branch but not where it forks', async () => {
    const dir = await ciClone('--depth', '1', '--no-single-branch');
    const message = await failure(sut({ cwd: dir, env: { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', GITLAB_CI: 'true' } }));
    expect(message).toBe(
      'PP_USAGE: origin/main and HEAD have no common commit in this clone (a shallow checkout: the history where they fork is missing); set the CI variable `GIT_DEPTH: 0`, or run `git fetch --no-tags --deepen=200 origin +refs/heads/main:refs/remotes/origin/main` first',
    );
    await runHint(dir, message);
    expect(await sut({ cwd: dir, env: { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' } })).toMatchObject({ commit: forkPoint });
  });

  it('unrelated histories and bad input', async () => {
    const other = await createGitRepo({ 'b.txt': 'b\n' });
    try {
      await git(origin.dir, 'fetch', '-q', other.dir, 'main:refs/heads/unrelated');
      expect(await failure(sut({ cwd: origin.dir, base: 'unrelated' }))).toBe(
        'PP_USAGE: unrelated and HEAD have no common ancestor (unrelated histories); pass the revision to compare with as --base REV',
      );
    } finally {
      await git(origin.dir, 'branch', '-q', '-D', 'unrelated');
      other.cleanup();
    }
    expect(await failure(sut({ cwd: origin.dir, base: '--all' }))).toBe('PP_USAGE: --base --all is not a revision; pass a branch, tag or commit');
    expect(await failure(sut({ cwd: origin.dir, base: 'main', head: 'nope' }))).toMatch(/^PP_BAD_REVISION: unknown revision --head nope/);
  });
});
