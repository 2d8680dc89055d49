import { describe, expect, it } from 'vitest';
import { compareRuns, differingTests, filesToRerun, type TestFileChanges } from '../src/suites/compare.js';
import { run } from './helpers.js';

const none: TestFileChanges = { edited: [], added: [], deleted: [] };
const kinds = (runs: Parameters<typeof compareRuns>[0], files = none) => compareRuns(runs, files).findings.map((f) => f.kind);

describe(compareRuns.name, () => {
  it('reports a passing test that fails after as test-broken', () => {
    const runs = [run('before', { 't.test.ts > a': 'pass', 't.test.ts > b': 'pass' }), run('after', { 't.test.ts > a': 'pass', 't.test.ts > b': 'fail' })];
    const { findings, changes } = compareRuns(runs, none);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'test-broken', severity: 'error', file: 't.test.ts', test: 't.test.ts > b' }),
    ]);
    expect(changes).toEqual([expect.objectContaining({ before: 'pass', after: 'fail', flaky: false })]);
  });

  it('counts a test file that no longer loads as a failure of every test it held', () => {
    const runs = [run('before', { 't.test.ts > a': 'pass', 't.test.ts > b': 'pass' }), run('after', { 't.test.ts > a': 'load-error' })];
    expect(kinds(runs)).toEqual(['test-broken', 'test-broken']);
  });

  it('reports an unedited test that failed before and passes after as test-fixed', () => {
    expect(kinds([run('before', { 't.test.ts > a': 'fail' }), run('after', { 't.test.ts > a': 'pass' })])).toEqual(['test-fixed']);
  });

  it('treats pass → skip or missing in a file the patch did not edit as test-disabled', () => {
    const runs = [run('before', { 't.test.ts > a': 'pass', 't.test.ts > b': 'pass' }), run('after', { 't.test.ts > a': 'skip' })];
    expect(kinds(runs)).toEqual(['test-disabled', 'test-disabled']);
  });

  it('finds a masked regression: the old version of an edited test fails on the new code', () => {
    const files = { ...none, edited: ['t.test.ts'] };
    const runs = [
      run('before', { 't.test.ts > a': 'pass' }),
      run('after', { 't.test.ts > a': 'pass' }),
      run('old-tests-new-code', { 't.test.ts > a': 'fail' }, { files: ['t.test.ts'] }),
      run('new-tests-old-code', { 't.test.ts > a': 'fail' }, { files: ['t.test.ts'] }),
    ];
    expect(kinds(runs, files).sort()).toEqual(['fail-to-pass', 'masked-regression']);
  });

  it('does not call a skipped test masked when its old version still passes on the new code', () => {
    const files = { ...none, edited: ['t.test.ts'] };
    const runs = [
      run('before', { 't.test.ts > a': 'pass' }),
      run('after', { 't.test.ts > a': 'skip' }),
      run('old-tests-new-code', { 't.test.ts > a': 'pass' }, { files: ['t.test.ts'] }),
      run('new-tests-old-code', { 't.test.ts > a': 'skip' }, { files: ['t.test.ts'] }),
    ];
    expect(kinds(runs, files)).toEqual(['test-skipped']);
  });

  it('finds a removed test that hides a break', () => {
    const files = { ...none, deleted: ['t.test.ts'] };
    const runs = [
      run('before', { 't.test.ts > a': 'pass' }),
      run('after', {}),
      run('old-tests-new-code', { 't.test.ts > a': 'fail' }, { files: ['t.test.ts'] }),
    ];
    expect(kinds(runs, files).sort()).toEqual(['masked-regression', 'test-removed']);
  });

  it('names the fail-to-pass test of the same describe whose failure on the old code mirrors a masked regression', () => {
    const files = { ...none, edited: ['t.test.ts'] };
    const ab = run('old-tests-new-code', { 't.test.ts > type > is json': 'fail' }, { files: ['t.test.ts'] });
    const ba = run('new-tests-old-code', { 't.test.ts > type > is stringify': 'fail', 't.test.ts > other > unrelated': 'fail' }, { files: ['t.test.ts'] });
    const withDiff = (r: ReturnType<typeof run>, title: string, d: string) => Object.assign([...r.tests.values()].find((t) => t.path.at(-1) === title)!, { diff: d });
    withDiff(ab, 'is json', '- Expected\n+ Received\n\n-   "type": "json",\n+   "type": "stringify",');
    withDiff(ba, 'is stringify', '- Expected\n+ Received\n\n-   "type": "stringify",\n+   "type": "json",');
    withDiff(ba, 'unrelated', '- Expected\n+ Received\n\n-   "type": "stringify",\n+   "type": "json",');
    const runs = [
      run('before', { 't.test.ts > type > is json': 'pass' }),
      run('after', { 't.test.ts > type > is stringify': 'pass', 't.test.ts > other > unrelated': 'pass' }),
      ab,
      ba,
    ];
    const masked = compareRuns(runs, files).findings.find((f) => f.kind === 'masked-regression');
    expect(masked).toMatchObject({ test: 't.test.ts > type > is json', mirroredBy: 't.test.ts > type > is stringify' });
    expect(masked?.message).toContain('its failure is the reverse of how "t.test.ts > type > is stringify" fails on the old code (`"type": "json"` → `"type": "stringify"`)');
    // no mirror: the new test's failure shows other values
    withDiff(ba, 'is stringify', '- Expected\n+ Received\n\n-   "type": "other",\n+   "type": "json",');
    expect(compareRuns(runs, files).findings.find((f) => f.kind === 'masked-regression')?.mirroredBy).toBeUndefined();
  });

  // radashi 8147abc8 (fix(set): prevent prototype pollution) read regressive: the old test, removed,
  // now gets the patch's deliberate `Error: Unsafe key in path: __proto__`, and the new test of its
  // describe that replaced it asks for exactly that throw (`toThrowError(…)`), failing on the old code.
  it('takes a new test that asks for the error the new code throws as the mirror of the old test that gets it', () => {
    const files = { ...none, edited: ['t.test.ts'] };
    const scene = (oldError: string, newError: string) => {
      const ab = run('old-tests-new-code', { 't.test.ts > set > prototype pollution': 'fail' }, { files: ['t.test.ts'] });
      const ba = run('new-tests-old-code', { 't.test.ts > set > prototype pollution is forbidden': 'fail' }, { files: ['t.test.ts'] });
      Object.assign([...ab.tests.values()][0]!, { error: oldError });
      Object.assign([...ba.tests.values()][0]!, { error: newError });
      const runs = [
        run('before', { 't.test.ts > set > prototype pollution': 'pass' }),
        run('after', { 't.test.ts > set > prototype pollution is forbidden': 'pass' }),
        ab,
        ba,
      ];
      return compareRuns(runs, files).findings.find((f) => f.kind === 'masked-regression');
    };
    const masked = scene('Error: Unsafe key in path: __proto__', 'AssertionError: expected [Function] to throw an error');
    expect(masked).toMatchObject({ mirroredBy: 't.test.ts > set > prototype pollution is forbidden' });
    expect(masked?.message).toContain('(the new code throws `Error: Unsafe key in path: __proto__`, which "t.test.ts > set > prototype pollution is forbidden" expects)');
    expect(scene('Error: Unsafe key in path: __proto__', "AssertionError: expected [Function] to throw error including 'Unsafe key' but got 'other'")?.mirroredBy).toBeDefined();
    // No mirror: an error the engine throws (a break, whatever a new test asks for), a throw of
    // another message than the new test names, a new test that fails on a value and not a throw.
    expect(scene("TypeError: Cannot read properties of undefined (reading 'x')", 'AssertionError: expected [Function] to throw an error')?.mirroredBy).toBeUndefined();
    expect(scene('Error: Unsafe key in path: __proto__', "AssertionError: expected [Function] to throw error including 'Invalid path' but got 'other'")?.mirroredBy).toBeUndefined();
    expect(scene('Error: Unsafe key in path: __proto__', 'AssertionError: expected 1 to be 2 // Object.is equality')?.mirroredBy).toBeUndefined();
  });

  it('tells a new test that fails on the old code (fail-to-pass) from one that already passes there', () => {
    const files = { ...none, added: ['n.test.ts'] };
    const base = [run('before', { 't.test.ts > a': 'pass' }), run('after', { 't.test.ts > a': 'pass', 'n.test.ts > x': 'pass', 'n.test.ts > y': 'pass' })];
    const ba = run('new-tests-old-code', { 'n.test.ts > x': 'fail', 'n.test.ts > y': 'pass' }, { files: ['n.test.ts'] });
    expect(kinds([...base, ba], files)).toEqual(['fail-to-pass', 'test-passes-on-old-code']);
  });

  it('counts a new test file that does not load on the old code as fail-to-pass', () => {
    const files = { ...none, added: ['n.test.ts'] };
    const runs = [
      run('before', {}),
      run('after', { 'n.test.ts > x': 'pass' }),
      run('new-tests-old-code', { 'n.test.ts > x': 'load-error' }, { files: ['n.test.ts'] }),
    ];
    expect(kinds(runs, files)).toEqual(['fail-to-pass']);
  });

  it('flags a test edited into passing (its new version passes on the old code too)', () => {
    const files = { ...none, edited: ['t.test.ts'] };
    const runs = [
      run('before', { 't.test.ts > a': 'fail' }),
      run('after', { 't.test.ts > a': 'pass' }),
      run('old-tests-new-code', { 't.test.ts > a': 'fail' }, { files: ['t.test.ts'] }),
      run('new-tests-old-code', { 't.test.ts > a': 'pass' }, { files: ['t.test.ts'] }),
    ];
    expect(kinds(runs, files)).toEqual(['test-edited-to-pass']);
  });

  it('never lets a test that flips on reruns count as evidence', () => {
    const runs = [
      run('before', { 't.test.ts > a': 'pass' }),
      run('after', { 't.test.ts > a': 'fail' }),
      run('before', { 't.test.ts > a': 'pass' }, { files: ['t.test.ts'], attempt: 1 }),
      run('after', { 't.test.ts > a': 'pass' }, { files: ['t.test.ts'], attempt: 1 }),
    ];
    const { findings, changes } = compareRuns(runs, none);
    expect(findings.map((f) => f.kind)).toEqual(['test-flaky']);
    expect(changes[0]?.flaky).toBe(true);
  });

  it('reports a vitest that no longer starts after the patch as suite-crashed', () => {
    const after = { ...run('after', {}), status: 'crashed' as const, crashMessage: 'Error: failed to load config' };
    expect(compareRuns([run('before', { 't.test.ts > a': 'pass' }), after], none).findings).toEqual([
      expect.objectContaining({ kind: 'suite-crashed', message: expect.stringContaining('failed to load config') }),
    ]);
  });

  it('reports an unhandled error that appears only after the patch', () => {
    const after = { ...run('after', { 't.test.ts > a': 'pass' }), unhandledErrors: ['TypeError: x is not a function'] };
    expect(compareRuns([run('before', { 't.test.ts > a': 'pass' }), after], none).findings).toEqual([
      expect.objectContaining({ kind: 'unhandled-error', severity: 'warning', message: expect.stringContaining('TypeError: x is not a function') }),
    ]);
  });

  it('says why no test ran: none found, or a test file that fails to load in both copies', () => {
    expect(compareRuns([run('before', {}), run('after', {})], none).findings).toEqual([
      { kind: 'no-tests', severity: 'warning', message: 'vitest found no tests before or after the patch, so the suite gives no evidence' },
    ]);
    const unloadable = { 't.test.ts': 'load-error' } as const;
    expect(compareRuns([run('before', unloadable), run('after', unloadable)], none).findings).toEqual([
      {
        kind: 'no-tests',
        severity: 'warning',
        file: 't.test.ts',
        message: "no test ran before or after the patch: the test file t.test.ts fails to load (Error: Cannot find module '../src/gone'), so the suite gives no evidence",
      },
    ]);
  });

  it('says nothing when no outcome changed', () => {
    expect(kinds([run('before', { 't.test.ts > a': 'pass', 't.test.ts > b': 'fail' }), run('after', { 't.test.ts > a': 'pass', 't.test.ts > b': 'fail' })])).toEqual([]);
  });
});

describe(differingTests.name, () => {
  it('lists the tests to rerun with their files, and only those', () => {
    const runs = [run('before', { 'a.test.ts > x': 'pass', 'b.test.ts > y': 'pass' }), run('after', { 'a.test.ts > x': 'pass', 'b.test.ts > y': 'fail' })];
    expect([...differingTests(runs).values()]).toEqual(['b.test.ts']);
  });
});

describe(filesToRerun.name, () => {
  const f = 't.test.ts';
  it('reruns a fail-to-pass test only where it exists: the new tests on either code, not the old tests', () => {
    const runs = [
      run('before', { [`${f} > old`]: 'pass' }),
      run('after', { [`${f} > old`]: 'pass', [`${f} > new`]: 'pass' }),
      run('old-tests-new-code', { [`${f} > old`]: 'pass' }, { files: [f] }),
      run('new-tests-old-code', { [`${f} > old`]: 'pass', [`${f} > new`]: 'fail' }, { files: [f] }),
    ];
    expect(Object.fromEntries(filesToRerun(runs, { ...none, edited: [f] }))).toEqual({ after: [f], 'new-tests-old-code': [f] });
  });

  it('reruns a removed test where it still exists: the old tests on either code', () => {
    const runs = [
      run('before', { [`${f} > kept`]: 'pass', [`${f} > gone`]: 'pass' }),
      run('after', { [`${f} > kept`]: 'pass' }),
      run('old-tests-new-code', { [`${f} > kept`]: 'pass', [`${f} > gone`]: 'fail' }, { files: [f] }),
      run('new-tests-old-code', { [`${f} > kept`]: 'pass' }, { files: [f] }),
    ];
    expect(Object.fromEntries(filesToRerun(runs, { ...none, edited: [f] }))).toEqual({ before: [f], 'old-tests-new-code': [f] });
  });

  it('reruns every setup of a file the patch did not change: a test missing there is an outcome', () => {
    const runs = [run('before', { [`${f} > a`]: 'pass', [`${f} > b`]: 'pass' }), run('after', { [`${f} > a`]: 'pass' })];
    expect(Object.fromEntries(filesToRerun(runs, none))).toEqual({ before: [f], after: [f] });
  });

  it('reruns a file that failed to load, and every file of a crashed run', () => {
    const crashed = { ...run('after', {}), status: 'crashed' as const };
    expect(Object.fromEntries(filesToRerun([run('before', { [`${f} > a`]: 'pass' }), run('after', { [`${f} > a`]: 'load-error' })], { ...none, edited: [f] }))).toEqual({ before: [f], after: [f] });
    expect(Object.fromEntries(filesToRerun([run('before', { [`${f} > a`]: 'pass' }), crashed], { ...none, edited: [f] }))).toEqual({ before: [f], after: [f] });
  });
});
