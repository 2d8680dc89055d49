import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runGit } from './run-git.js';
import { locateRepo, resolveCommit } from './repo.js';

/**
 * A cheap fingerprint of the working tree against `base` (tracked changes and untracked files),
 * or null when nothing differs: the plugin skips all work for an unchanged tree and reruns only
 * when the fingerprint moves. Read-only git; a few milliseconds.
 */
export async function changeFingerprint(cwd: string, base = 'HEAD'): Promise<string | null> {
  const repo = await locateRepo(cwd);
  const commit = await resolveCommit(repo.root, base, '--base');
  const scope = repo.projectDir ? ['--', repo.projectDir] : [];
  // GIT_OPTIONAL_LOCKS=0 (in runGit): comparing with the work tree never refreshes the user's index.
  const diff = (await runGit(['diff', '--no-ext-diff', '--binary', commit, ...scope], { cwd: repo.root })).stdout;
  const untracked = (await runGit(['ls-files', '--others', '--exclude-standard', '-z', ...scope], { cwd: repo.root })).stdout;
  if (diff.trim() === '' && untracked === '') return null;
  const hash = createHash('sha256').update(commit).update(diff);
  for (const f of untracked.split('\0').filter(Boolean)) {
    hash.update(f);
    try {
      hash.update(fs.readFileSync(path.join(repo.root, f)));
    } catch {
      // vanished between listing and reading
    }
  }
  return hash.digest('hex');
}
