import path from 'node:path';
import { locateRepo, resolveCommit, type RepoLocation } from '../git/repo.js';
import { checkPatchFile } from './patch-file.js';
import { applyPatch, checkoutCommit, copyFiles, copyWorkingTree } from './materialize.js';
import { linkNodeModules } from './node-modules-farm.js';
import { listFiles, packageDirs } from './list-files.js';
import type { TempWorkspace } from './temp-workspace.js';

export type AfterSource =
  | { kind: 'worktree' }
  | { kind: 'revision'; rev: string }
  | { kind: 'patch'; file: string };

export interface SnapshotInput {
  cwd: string;
  base: string;
  after: AfterSource;
  workspace: TempWorkspace;
}

export interface TreeCopy {
  /** Absolute path of the copy's repository root. */
  root: string;
  /** Files in the copy, relative to its root, without node_modules. */
  files: string[];
}

export interface Snapshot {
  repo: RepoLocation;
  base: { rev: string; commit: string };
  after: AfterSource & { commit?: string };
  before: TreeCopy;
  afterTree: TreeCopy;
}

/** Stage 1: materialise "before" and "after" as private copies with the user's dependencies linked. */
export async function runSnapshot(input: SnapshotInput): Promise<Snapshot> {
  const repo = await locateRepo(input.cwd);
  const baseCommit = await resolveCommit(repo.root, input.base, '--base');
  const beforeDir = path.join(input.workspace.dir, 'before');
  const afterDir = path.join(input.workspace.dir, 'after');
  let after: Snapshot['after'] = input.after;

  if (input.after.kind === 'patch') {
    const patchFile = path.resolve(input.after.file);
    await checkPatchFile(patchFile, input.after.file);
    after = { kind: 'patch', file: patchFile };
  }
  const headCommit = input.after.kind === 'revision' ? await resolveCommit(repo.root, input.after.rev, '--head') : undefined;
  if (headCommit) after = { ...input.after, commit: headCommit };

  await checkoutCommit(repo.root, baseCommit, beforeDir, input.workspace.dir);
  if (input.after.kind === 'worktree') await copyWorkingTree(repo.root, afterDir);
  else if (headCommit) await checkoutCommit(repo.root, headCommit, afterDir, input.workspace.dir);
  else if (after.kind === 'patch') {
    await checkoutCommit(repo.root, baseCommit, afterDir, input.workspace.dir);
    await applyPatch(after.file, afterDir, repo.projectDir);
  }

  const [beforeFiles, afterFiles] = await Promise.all([listFiles(beforeDir), listFiles(afterDir)]);
  const userPackages = packageDirs([...beforeFiles, ...afterFiles]);
  await linkNodeModules(repo.root, beforeDir, userPackages);
  await linkNodeModules(repo.root, afterDir, userPackages);
  return {
    repo,
    base: { rev: input.base, commit: baseCommit },
    after,
    before: { root: beforeDir, files: beforeFiles },
    afterTree: { root: afterDir, files: afterFiles },
  };
}

/**
 * A third copy of a tree, for a stage that must change files in place while another stage reads
 * the tree (StrykerJS mutates sources in place; the probes run beside it): the same files, the
 * user's dependencies linked the same way.
 */
export async function copyTree(tree: TreeCopy, dest: string, userRoot: string): Promise<TreeCopy> {
  await copyFiles(tree.root, tree.files, dest);
  await linkNodeModules(userRoot, dest, packageDirs(tree.files));
  return { root: dest, files: tree.files };
}
