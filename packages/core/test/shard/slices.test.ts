import { describe, expect, it } from 'vitest';
import { absorbRun, restrictRun, shardSlices } from '../../src/shard/slices.js';
import { run } from '../helpers.js';

// Three shards' runs of a patch that deletes d and adds e: vitest's slices of the two trees differ
// (b is in shard 1 on the before tree and in shard 2 on the after tree).
const slices = {
  1: { before: ['a', 'b'], after: ['a'] },
  2: { before: ['c'], after: ['b', 'c'] },
  3: { before: ['d'], after: ['e'] },
} as const;
const beforeTests = new Set(['a', 'b', 'c', 'd']);
const afterTests = new Set(['a', 'b', 'c', 'e']);
const cells = (files: readonly string[]): Record<string, 'pass'> => Object.fromEntries(files.map((f) => [`test/${f}.test.ts > t`, 'pass' as const]));
const file = (f: string): string => `test/${f}.test.ts`;
const name = (f: string): string => f.slice('test/'.length, -'.test.ts'.length);

function slicesOf(i: 1 | 2 | 3): { owned: string[]; complete: string[] } {
  const s = shardSlices({
    before: run('before', cells(slices[i].before)),
    after: run('after', cells(slices[i].after)),
    beforeIsTest: (f) => beforeTests.has(name(f)),
    afterIsTest: (f) => afterTests.has(name(f)),
  });
  return { owned: [...s.owned].map(name).sort(), complete: s.complete.map(name) };
}

describe('shardSlices', () => {
  it('gives every test file of either tree exactly one owner', () => {
    expect(slicesOf(1)).toEqual({ owned: ['a'], complete: [] });
    // b: in shard 2's after slice only, so shard 2 runs it on the before tree too.
    expect(slicesOf(2)).toEqual({ owned: ['b', 'c'], complete: ['b'] });
    // d (deleted) stays with its before slice; e (added) needs no before run.
    expect(slicesOf(3)).toEqual({ owned: ['d', 'e'], complete: [] });
    const all = [1, 2, 3].flatMap((i) => slicesOf(i as 1 | 2 | 3).owned);
    expect(all.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps the before slice when the after tree no longer runs', () => {
    const after = run('after', {});
    after.status = 'crashed';
    const s = shardSlices({ before: run('before', cells(['a', 'b'])), after, beforeIsTest: () => true, afterIsTest: () => true });
    expect({ owned: [...s.owned].sort(), complete: s.complete }).toEqual({ owned: [file('a'), file('b')], complete: [] });
  });

  it('restricts a run to its owned files and absorbs a completing run', () => {
    const before = run('before', { ...cells(['a', 'b']), 'test/x.test.ts': 'load-error' });
    restrictRun(before, new Set([file('a'), 'test/x.test.ts']));
    expect([...before.tests.keys()]).toEqual(['["","test/a.test.ts","t"]']);
    expect([...before.modules].sort()).toEqual(['test/a.test.ts', 'test/x.test.ts']);
    before.cached = true;
    const extra = run('before', cells(['c']), { files: [file('c')] });
    extra.unhandledErrors.push('Error: late');
    absorbRun(before, extra);
    expect([...before.tests.keys()]).toEqual(['["","test/a.test.ts","t"]', '["","test/c.test.ts","t"]']);
    expect(before).toMatchObject({ files: 'all', durationMs: 2, unhandledErrors: ['Error: late'] });
    expect(before.cached).toBeUndefined();
  });
});
