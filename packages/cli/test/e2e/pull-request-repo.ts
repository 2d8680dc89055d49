import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLES } from '@patchprobe/test-utils';
import { createExampleRepo, git } from '../../../../scripts/lib/example-repo.mjs';

/** What an earlier step of the job wrote to the step summary: the gate must keep it. */
export const EARLIER_STEP = '# An earlier step\n\nwrote this, and it stays.\n';

export interface PullRequestRepo {
  dir: string;
  /** The commit the pull request's branch forked from: the gate's base. */
  forkPoint: string;
  remote: string;
}

/**
 * An example as CI checks out a pull request: HEAD is the example's patch committed on branch `pr`,
 * `origin/main` (a real remote-tracking branch) has moved on since the fork (a NOTES.md commit the
 * gate must not see), and there is no local main.
 */
export function createPullRequestRepo(example: string, cleanups: Array<() => void>): PullRequestRepo {
  const repo = createExampleRepo(path.join(EXAMPLES, example));
  const remote = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-gate-remote-')));
  cleanups.push(repo.cleanup, () => fs.rmSync(remote, { recursive: true, force: true }));
  const forkPoint = git(repo.dir, ['rev-parse', 'HEAD']).trim();
  git(repo.dir, ['switch', '-q', '-c', 'pr']);
  git(repo.dir, ['apply', '--index', path.join(EXAMPLES, example, 'patch.diff')]);
  git(repo.dir, ['commit', '-q', '-m', 'the patch']);
  git(repo.dir, ['switch', '-q', 'main']);
  fs.writeFileSync(path.join(repo.dir, 'NOTES.md'), 'main moved on\n');
  git(repo.dir, ['add', 'NOTES.md']);
  git(repo.dir, ['commit', '-q', '-m', 'main moves on']);
  git(remote, ['init', '-q', '--bare']);
  git(repo.dir, ['remote', 'add', 'origin', remote]);
  git(repo.dir, ['push', '-q', 'origin', 'main']);
  git(repo.dir, ['fetch', '-q', 'origin']);
  git(repo.dir, ['switch', '-q', 'pr']);
  git(repo.dir, ['branch', '-q', '-D', 'main']);
  return { dir: repo.dir, forkPoint, remote };
}

/** A temp folder for outputs, outside the repository. */
export function createOutDir(cleanups: Array<() => void>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-gate-out-')));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
