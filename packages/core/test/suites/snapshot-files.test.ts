import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/diff/change-set.js';
import { changedPaths, snapshotFileOf, testFilesWithChangedSnapshots, withSnapshotFiles } from '../../src/suites/snapshot-files.js';

const changes = (files: Array<[string, string]>): ChangeSet => ({ files: files.map(([status, p]) => ({ path: p, status })) }) as unknown as ChangeSet;

describe('snapshot files go with their test', () => {
  it('finds vitest’s default snapshot path', () => {
    expect(snapshotFileOf('test/a.test.ts')).toBe('test/__snapshots__/a.test.ts.snap');
    expect(snapshotFileOf('a.test.ts')).toBe('__snapshots__/a.test.ts.snap');
  });

  it('swaps a changed snapshot file together with its test file, and only a changed one', () => {
    const changed = changedPaths(changes([['modified', 'test/a.test.ts'], ['modified', 'test/__snapshots__/a.test.ts.snap'], ['modified', 'test/b.test.ts']]));
    expect(withSnapshotFiles(['test/a.test.ts', 'test/b.test.ts'], changed)).toEqual(['test/a.test.ts', 'test/b.test.ts', 'test/__snapshots__/a.test.ts.snap']);
  });

  it('counts a test file whose snapshot file alone changed as edited', () => {
    const set = changes([['modified', 'test/__snapshots__/a.test.ts.snap'], ['added', 'test/__snapshots__/c.test.ts.snap'], ['modified', 'test/b.test.ts'], ['modified', 'test/__snapshots__/b.test.ts.snap'], ['deleted', '__snapshots__/gone.test.ts.snap']]);
    const after = new Set(['test/a.test.ts', 'test/b.test.ts', 'test/c.test.ts']);
    // b is edited anyway; gone.test.ts does not exist after the patch.
    expect(testFilesWithChangedSnapshots(set, () => true, after)).toEqual(['test/a.test.ts', 'test/c.test.ts']);
    expect(testFilesWithChangedSnapshots(set, (f) => f !== 'test/c.test.ts', after)).toEqual(['test/a.test.ts']);
  });
});
