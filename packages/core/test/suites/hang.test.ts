import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/suites/compare.js';
import { fillStoppedRun, hangLimitMs, hungFiles } from '../../src/suites/hang.js';
import { UNFINISHED_ERROR } from '../../src/suites/run-vitest.js';
import { run } from '../helpers.js';

// radashi 214ce5dc (fix(cluster): a size of 0 looped forever): the new test hangs on the old code.
const FILE = 't.test.ts';
const timed = (r: ReturnType<typeof run>, ms: number): ReturnType<typeof run> => {
  for (const t of r.tests.values()) t.durationMs = ms;
  return r;
};

describe(hangLimitMs.name, () => {
  it('gives the old code the floor plus ten times what the new code took, within the suite timeout', () => {
    const after = timed(run('after', { [`${FILE} > a`]: 'pass', [`${FILE} > b`]: 'pass', 'other.test.ts > c': 'pass' }), 400);
    expect(hangLimitMs(after, [FILE], 600_000)).toBe(15_000 + 10 * 800);
    expect(hangLimitMs(after, [FILE], 20_000)).toBe(20_000);
  });

  it('keeps the suite timeout for a file the after run did not run (a shard slice)', () => {
    const after = run('after', { 'other.test.ts > c': 'pass' });
    expect(hangLimitMs(after, [FILE], 600_000)).toBe(600_000);
  });
});

describe(fillStoppedRun.name, () => {
  const before = run('before', { [`${FILE} > kept`]: 'pass', [`${FILE} > edited`]: 'fail' });
  const after = timed(run('after', { [`${FILE} > kept`]: 'pass', [`${FILE} > edited`]: 'pass', [`${FILE} > size 0`]: 'pass', [`${FILE} > later`]: 'skip' }), 3);

  it('fails the tests only the new file has, keeps the passing old outcomes, and compares to fail-to-pass', () => {
    const stopped = { ...run('new-tests-old-code', {}, { files: [FILE] }), stopped: { afterMs: 15_000 } };
    fillStoppedRun(stopped, after, before);
    const states = Object.fromEntries([...stopped.tests.values()].map((t) => [t.path.join(' > '), t.state]));
    expect(states).toEqual({ kept: 'pass', 'size 0': 'fail' });
    expect(stopped.tests.get(`["","${FILE}","size 0"]`)?.error).toBe(
      "did not finish on the old code: the run of its file was stopped after 15 s, where the new code ran the file's tests in 0.0 s (a loop that never ends?)",
    );
    const kinds = compareRuns([before, after, stopped], { edited: [FILE], added: [], deleted: [] }).findings.map((f) => `${f.kind} ${f.test}`);
    expect(kinds).toContain(`fail-to-pass ${FILE} > size 0`);
    expect(kinds.filter((k) => k.includes('kept'))).toEqual([]);
    // a failing test the patch edited into passing is not claimed either way (it could be edited to pass)
    expect(states.edited).toBeUndefined();
    expect(kinds.filter((k) => k.includes('edited'))).toEqual([]);
    expect(hungFiles(stopped, UNFINISHED_ERROR)).toEqual(new Set([FILE]));
  });

  it('leaves a run that finished alone', () => {
    const finished = run('new-tests-old-code', { [`${FILE} > size 0`]: 'pass' }, { files: [FILE] });
    fillStoppedRun(finished, after, before);
    expect([...finished.tests.values()].map((t) => t.state)).toEqual(['pass']);
    expect(hungFiles(finished, UNFINISHED_ERROR)).toEqual(new Set());
  });
});
