import { describe, expect, it } from 'vitest';
import { compareRuns, differingTests, type TestFileChanges } from '../../src/suites/compare.js';
import { maskTitle, matchUnstableTitles } from '../../src/suites/title-keys.js';
import { run } from '../helpers.js';

const none: TestFileChanges = { edited: [], added: [], deleted: [] };
const kinds = (runs: Parameters<typeof compareRuns>[0], files = none) => compareRuns(runs, files).findings.map((f) => f.kind);

describe(maskTitle.name, () => {
  it('masks every word that holds a digit', () => {
    expect(maskTitle('property holds (with seed=-1203941)')).toBe(maskTitle('property holds (with seed=88)'));
    expect(maskTitle('at 2026-12-05T16:31:19.123Z')).toBe('at #-#-#:#:#.#');
    expect(maskTitle('id a3f9c1 is unique')).toBe('id # is unique');
    expect(maskTitle('adds two numbers')).toBe('adds two numbers');
  });
});

describe(matchUnstableTitles.name, () => {
  it('matches a seeded title across the trees when the patch did not change its file', () => {
    const runs = [
      run('before', { 'p.test.ts > sorts (seed=123)': 'pass', 'p.test.ts > other': 'pass' }),
      run('after', { 'p.test.ts > sorts (seed=98765)': 'pass', 'p.test.ts > other': 'pass' }),
    ];
    expect(kinds(runs)).toEqual([]);
    expect(differingTests(runs, none).size).toBe(0);
    const [b, a] = matchUnstableTitles(runs, none);
    expect([...a!.tests.keys()]).toEqual([...b!.tests.keys()]);
    // the record keeps the title its own run gave
    expect([...a!.tests.values()][0]!.path).toEqual(['sorts (seed=98765)']);
  });

  it('still reports a seeded test that breaks', () => {
    const runs = [run('before', { 'p.test.ts > sorts (seed=123)': 'pass' }), run('after', { 'p.test.ts > sorts (seed=456)': 'fail' })];
    const { findings } = compareRuns(runs, none);
    expect(findings).toEqual([expect.objectContaining({ kind: 'test-broken', test: 'p.test.ts > sorts (seed=123)' })]);
  });

  it('is not flaky when reruns of the same tree give new seeds', () => {
    const files = { ...none, edited: ['p.test.ts'] };
    const runs = [
      run('before', { 'p.test.ts > sorts (seed=1)': 'pass' }),
      run('after', { 'p.test.ts > sorts (seed=2)': 'fail' }),
      run('before', { 'p.test.ts > sorts (seed=3)': 'pass' }, { attempt: 1, files: ['p.test.ts'] }),
      run('after', { 'p.test.ts > sorts (seed=4)': 'fail' }, { attempt: 1, files: ['p.test.ts'] }),
    ];
    const { findings, changes } = compareRuns(runs, files);
    expect(changes).toEqual([expect.objectContaining({ before: 'pass', after: 'fail', flaky: false })]);
    expect(findings.map((f) => f.kind)).toEqual(['test-broken']);
  });

  it('never merges two distinct tests whose masked titles collide', () => {
    // case 1 / case 2 both run in every run: distinct tests, even though they mask alike.
    const runs = [
      run('before', { 'c.test.ts > case 1': 'pass', 'c.test.ts > case 2': 'pass' }),
      run('after', { 'c.test.ts > case 1': 'pass', 'c.test.ts > case 3': 'pass' }),
    ];
    expect(kinds(runs)).toEqual(['test-disabled', 'test-outcome-changed']);
    expect(matchUnstableTitles(runs, none)).toEqual(runs);
  });

  it('does not match a title the patch edited in an edited test file (the same code never gave both)', () => {
    const files = { ...none, edited: ['c.test.ts'] };
    const runs = [
      run('before', { 'c.test.ts > handles 3 items': 'pass' }),
      run('after', { 'c.test.ts > handles 4 items': 'pass' }),
      run('old-tests-new-code', { 'c.test.ts > handles 3 items': 'pass' }, { files: ['c.test.ts'] }),
      run('new-tests-old-code', { 'c.test.ts > handles 4 items': 'pass' }, { files: ['c.test.ts'] }),
    ];
    expect(kinds(runs, files).sort()).toEqual(['test-passes-on-old-code', 'test-removed']);
  });

  it('matches in an edited file once one version of it gives two titles', () => {
    const files = { ...none, edited: ['c.test.ts'] };
    const runs = [
      run('before', { 'c.test.ts > holds (seed=1)': 'pass' }),
      run('after', { 'c.test.ts > holds (seed=2)': 'pass' }),
      run('old-tests-new-code', { 'c.test.ts > holds (seed=3)': 'pass' }, { files: ['c.test.ts'] }),
      run('new-tests-old-code', { 'c.test.ts > holds (seed=4)': 'pass' }, { files: ['c.test.ts'] }),
    ];
    expect(kinds(runs, files)).toEqual([]);
  });

  it('masks suite names too, and keeps other files apart', () => {
    const runs = [
      run('before', { 'a.test.ts > run 1700000000 > works': 'pass', 'b.test.ts > run 1700000000 > works': 'pass' }),
      run('after', { 'a.test.ts > run 1700000555 > works': 'pass', 'b.test.ts > run 1700000555 > works': 'pass' }),
    ];
    expect(kinds(runs)).toEqual([]);
    expect(compareRuns(runs, none).changes).toEqual([]);
  });
});
