import path from 'node:path';
import type { ChangeSet } from '../diff/change-set.js';

/**
 * A test file's snapshot file is part of the test: its expected values. The cross runs of the matrix
 * swap it together with its test file (the old test runs against its old snapshots, the new one
 * against its new ones), and a patch that rewrites only the snapshots edits the test. Without this,
 * an old test is checked against the new snapshots and a new one against the old (antfu/ni
 * 7a16514b: a deliberate new output read as a masked regression). Only vitest's default location is
 * known: `<dir>/__snapshots__/<test file name>.snap`.
 */
export function snapshotFileOf(testFile: string): string {
  return path.posix.join(path.posix.dirname(testFile), '__snapshots__', `${path.posix.basename(testFile)}.snap`);
}

/** The paths the patch changed, old names included. */
export function changedPaths(changes: ChangeSet): Set<string> {
  return new Set(changes.files.flatMap((f) => (f.oldPath ? [f.path, f.oldPath] : [f.path])));
}

/** `files` followed by those of their snapshot files the patch changed: what a cross run swaps in. */
export function withSnapshotFiles(files: readonly string[], changed: ReadonlySet<string>): string[] {
  return [...files, ...files.map(snapshotFileOf).filter((s) => changed.has(s) && !files.includes(s))];
}

/**
 * Test files the patch leaves alone but whose snapshot file it changes (added, rewritten or deleted):
 * their expected values changed, so they count as edited.
 */
export function testFilesWithChangedSnapshots(changes: ChangeSet, isTestFile: (file: string) => boolean, afterFiles: ReadonlySet<string>): string[] {
  const changed = changedPaths(changes);
  const out: string[] = [];
  for (const f of changes.files) {
    const m = /^(?:(.*)\/)?__snapshots__\/([^/]+)\.snap$/.exec(f.path);
    if (!m) continue;
    const testFile = m[1] ? `${m[1]}/${m[2]}` : m[2]!;
    if (!changed.has(testFile) && afterFiles.has(testFile) && isTestFile(testFile) && !out.includes(testFile)) out.push(testFile);
  }
  return out;
}
