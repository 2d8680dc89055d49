import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letThrough, mutationFindings } from '../../src/mutation/run-mutation-stage.js';
import type { RawMutant } from '../../src/mutation/run-stryker.js';
import { countMutants, describeMutant, toEntries } from '../../src/mutation/summarize.js';
import type { MutantEntry, MutationReport } from '../../src/mutation/types.js';

const entry = (status: MutantEntry['status'], side: MutantEntry['side'] = 'after', symbol = 'src/a.ts#f'): MutantEntry => ({
  side, symbol, file: 'src/a.ts', line: 2, column: 7, mutator: 'EqualityOperator', original: 'a > b', replacement: 'a >= b', status,
});

describe(countMutants.name, () => {
  it('scores killed and timed-out mutants over those that could be judged (errors do not count)', () => {
    const c = countMutants([entry('killed'), entry('timeout'), entry('survived'), entry('no-coverage'), entry('error'), entry('killed')]);
    expect(c).toEqual({ mutants: 6, killed: 2, survived: 1, noCoverage: 1, timeout: 1, errors: 1, score: 60 });
    expect(countMutants([entry('error')]).score).toBeNull();
    expect(countMutants([]).score).toBeNull();
    expect(countMutants([entry('killed'), entry('survived'), entry('survived')]).score).toBe(33.3);
  });
});

describe(toEntries.name, () => {
  it('reads the original text at Stryker\'s 1-based location and ties each mutant to its declaration', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-mut-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/a.ts'), 'export function f(a: number, b: number) {\n  if (a > b) return a;\n  return b;\n}\nexport const other = 1;\n');
    const raw = (status: RawMutant['status'], start: [number, number], end: [number, number], killedBy?: string[]): RawMutant => ({
      id: '1', fileName: path.join(dir, 'src/a.ts'), mutatorName: 'EqualityOperator', replacement: 'a >= b',
      location: { start: { line: start[0], column: start[1] }, end: { line: end[0], column: end[1] } }, status, ...(killedBy ? { killedBy } : {}),
    });
    const ranges = [{ symbol: 'src/a.ts#f', file: 'src/a.ts', projectFile: 'src/a.ts', start: 1, end: 4 }];
    const entries = toEntries(
      [
        { ...raw('Survived', [2, 7], [2, 12]), testsCompleted: 3 },
        raw('Killed', [2, 7], [2, 12], ['test/a.test.ts#f picks the larger']),
        raw('Ignored', [2, 7], [2, 12]),
        raw('Survived', [5, 1], [5, 10]),
        { ...raw('Survived', [3, 3], [3, 11]), testsCompleted: 0 },
      ],
      'after', ranges, dir,
    );
    expect(entries).toEqual([
      expect.objectContaining({ symbol: 'src/a.ts#f', line: 2, column: 7, original: 'a > b', replacement: 'a >= b', status: 'survived' }),
      expect.objectContaining({ status: 'killed', killedBy: ['test/a.test.ts > f picks the larger'] }),
      // A survivor that completed no test was not measured (stryker-js#6213).
      expect.objectContaining({ line: 3, original: 'return b', status: 'error' }),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('orders mutants at one place by mutator and replacement, not by when their runs finished', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-mut-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/a.ts'), 'export const f = (a: number, b: number) => a > b;\n');
    const at = (mutatorName: string, replacement: string): RawMutant => ({
      id: mutatorName + replacement, fileName: path.join(dir, 'src/a.ts'), mutatorName, replacement, status: 'Killed',
      location: { start: { line: 1, column: 43 }, end: { line: 1, column: 48 } },
    });
    const ranges = [{ symbol: 'src/a.ts#f', file: 'src/a.ts', projectFile: 'src/a.ts', start: 1, end: 1 }];
    const order = (raw: RawMutant[]) => toEntries(raw, 'after', ranges, dir).map((e) => `${e.mutator} ${e.replacement}`);
    const one = [at('EqualityOperator', 'a >= b'), at('ConditionalExpression', 'true'), at('EqualityOperator', 'a <= b'), at('ConditionalExpression', 'false')];
    expect(order(one)).toEqual(['ConditionalExpression false', 'ConditionalExpression true', 'EqualityOperator a <= b', 'EqualityOperator a >= b']);
    expect(order([...one].reverse())).toEqual(order(one));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe(`${toEntries.name} with the old versions of edited tests in the run`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-mut-old-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/a.ts'), 'export function f(a: number, b: number) {\n  if (a > b) return a;\n  return b;\n}\n');
  const ranges = [{ symbol: 'src/a.ts#f', file: 'src/a.ts', projectFile: 'src/a.ts', start: 1, end: 4 }];
  const raw = (status: RawMutant['status'], killedBy?: string[]): RawMutant => ({
    id: '1', fileName: path.join(dir, 'src/a.ts'), mutatorName: 'EqualityOperator', replacement: 'a >= b',
    location: { start: { line: 2, column: 7 }, end: { line: 2, column: 12 } }, status, testsCompleted: 4, ...(killedBy ? { killedBy } : {}),
  });
  // test/a.pp-old.test.ts is the old version of the edited test/a.test.ts; test/b.test.ts is unchanged; test/c.test.ts is added.
  const tests = { old: new Map([['test/a.pp-old.test.ts', 'test/a.test.ts']]), newOnly: new Set(['test/a.test.ts', 'test/c.test.ts']) };
  const split = (m: RawMutant) => {
    const [e] = toEntries([m], 'after', ranges, dir, tests);
    return { status: e!.status, oldStatus: e!.oldStatus, killedBy: e!.killedBy, killedByOld: e!.killedByOld };
  };

  it('judges each mutant by the new tests (status) and by the old tests (oldStatus), from the tests that killed it', () => {
    // Only the old version kills it: the new tests let it through.
    expect(split(raw('Killed', ['test/a.pp-old.test.ts#f keeps the bound']))).toEqual({ status: 'survived', oldStatus: 'killed', killedBy: undefined, killedByOld: ['test/a.test.ts > f keeps the bound'] });
    // The new version and the old version both kill it.
    expect(split(raw('Killed', ['test/a.test.ts#f bound', 'test/a.pp-old.test.ts#f bound']))).toMatchObject({ status: 'killed', oldStatus: 'killed' });
    // Only the new version (or an added file) kills it: the old tests did not.
    expect(split(raw('Killed', ['test/a.test.ts#f bound']))).toMatchObject({ status: 'killed', oldStatus: 'survived' });
    expect(split(raw('Killed', ['test/c.test.ts#f bound']))).toMatchObject({ status: 'killed', oldStatus: 'survived' });
    // A file both sides share kills it for both.
    expect(split(raw('Killed', ['test/b.test.ts#f bound']))).toMatchObject({ status: 'killed', oldStatus: 'killed' });
    // What cannot be split counts the same for both.
    expect(split(raw('Timeout'))).toMatchObject({ status: 'timeout', oldStatus: 'timeout' });
    expect(split(raw('Killed'))).toMatchObject({ status: 'killed', oldStatus: 'killed' });
    expect(split(raw('Survived'))).toMatchObject({ status: 'survived', oldStatus: 'survived' });
  });

  it('leaves oldStatus out without the old versions', () => {
    const [e] = toEntries([raw('Killed', ['test/a.pp-old.test.ts#f keeps the bound'])], 'after', ranges, dir);
    expect(e).toMatchObject({ status: 'killed', killedBy: ['test/a.pp-old.test.ts > f keeps the bound'] });
    expect(e!.oldStatus).toBeUndefined();
  });
});

describe(describeMutant.name, () => {
  it('is one line with file:line, before → after and the status', () => {
    expect(describeMutant(entry('survived'))).toBe('`src/a.ts:2` `a > b` → `a >= b` survived');
    expect(describeMutant(entry('no-coverage'))).toBe('`src/a.ts:2` `a > b` → `a >= b` is reached by no test');
  });
});

describe(mutationFindings.name, () => {
  const report = (after: MutantEntry[], before: MutantEntry[] = []): MutationReport => {
    const mutants = [...after, ...before];
    return {
      status: 'ran', maxMutants: 100, minScore: 60, score: countMutants(after).score, beforeScore: before.length ? countMutants(before).score : null,
      runs: [], mutants,
      declarations: [{ symbol: 'src/a.ts#f', file: 'src/a.ts', after: countMutants(after), before: before.length ? countMutants(before) : null }],
    };
  };
  const ranges = [{ symbol: 'src/a.ts#f', file: 'src/a.ts', projectFile: 'src/a.ts', start: 1, end: 4 }];
  const kinds = (r: MutationReport) => mutationFindings(r, ranges).map((f) => `${f.kind}/${f.severity}`);
  const times = (n: number, s: MutantEntry['status'], side: MutantEntry['side'] = 'after') => Array.from({ length: n }, () => entry(s, side));

  it('flags an untested change below the threshold, with a surviving mutant as the example', () => {
    const r = report([...times(1, 'killed'), ...times(3, 'survived')]);
    expect(kinds(r)).toEqual(['mutation-score/info', 'untested-change/warning', 'mutation-survivor/info', 'mutation-survivor/info', 'mutation-survivor/info']);
    expect(mutationFindings(r, ranges)[1]!.message).toContain('kill only 1 of 4 mutants of it (25%, below 60%)');
    expect(mutationFindings(r, ranges)[1]!.message).toContain('`src/a.ts:2` `a > b` → `a >= b` survived');
  });

  it('does not flag a declaration at the threshold', () => {
    expect(kinds(report([...times(3, 'killed'), ...times(2, 'survived')]))).not.toContain('untested-change/warning');
  });

  // Like with like (issue 16): the same mutants, judged by the old tests and by the new tests.
  const compared = (n: number, status: MutantEntry['status'], oldStatus: MutantEntry['status'], by: 'edited' | 'shared' | 'none', line = 2): MutantEntry[] =>
    Array.from({ length: n }, () => ({
      ...entry(status), line, oldStatus,
      ...(status === 'killed' ? { killedBy: [by === 'shared' ? 'test/b.test.ts > f other' : 'test/a.test.ts > f new case'] } : {}),
      ...(oldStatus === 'killed' && by === 'edited' ? { killedByOld: ['test/a.test.ts > f exact bound'] } : {}),
    }));
  const comparedReport = (mutants: MutantEntry[]): MutationReport => ({
    status: 'ran', maxMutants: 100, minScore: 60, score: countMutants(mutants).score, beforeScore: countMutants(mutants.map((m) => ({ ...m, status: m.oldStatus! }))).score,
    runs: [], mutants,
    declarations: [{ symbol: 'src/a.ts#f', file: 'src/a.ts', after: countMutants(mutants), before: countMutants(mutants.map((m) => ({ ...m, status: m.oldStatus! }))) }],
  });

  it('calls tests weakened when the new tests let through mutants the old tests kill on the same code, and names them', () => {
    // mutation-tests-weakened's shape: 9 of 11 killed by the old versions, 6 of those let through.
    const r = comparedReport([...compared(3, 'killed', 'killed', 'edited'), ...compared(6, 'survived', 'killed', 'edited', 4), ...compared(2, 'survived', 'survived', 'none')]);
    expect(kinds(r)).toContain('tests-weakened/error');
    expect(letThrough(r, 'src/a.ts#f')).toMatchObject({ atStake: 9, judged: 11, drop: 54.5 });
    const message = mutationFindings(r, ranges).find((f) => f.kind === 'tests-weakened')!.message;
    expect(message).toContain('let through 6 of the 9 mutants of `f` that the old tests kill on the same code');
    expect(message).toContain('`src/a.ts:4` `a > b` → `a >= b` (the old "test/a.test.ts > f exact bound" killed it)');
    expect(message).toContain('3 more in the report');
  });

  it('does not call an honest fix weakened: the edit adds a case and keeps the others, so nothing is let through', () => {
    // mutation-honest-fix-edited-tests's shape: the fix adds code the old tests never reach (more mutants,
    // a lower score than the old code had), and the new tests kill everything the old ones kill.
    const r = comparedReport([...compared(5, 'killed', 'killed', 'edited'), ...compared(4, 'killed', 'survived', 'edited'), ...compared(4, 'survived', 'survived', 'none')]);
    expect(letThrough(r, 'src/a.ts#f')).toBeUndefined();
    expect(kinds(r)).not.toContain('tests-weakened/error');
  });

  it('does not blame a declaration for an edited test file that does not reach it', () => {
    // Another declaration's tests were edited: f's mutants are killed by a shared file, or by nobody, on both sides.
    const r = comparedReport([...compared(6, 'killed', 'killed', 'shared'), ...compared(6, 'survived', 'survived', 'none')]);
    expect(letThrough(r, 'src/a.ts#f')).toBeUndefined();
  });

  it('needs 5 mutants at stake before it decides, and 20 points of the declaration\'s mutants let through', () => {
    const few = comparedReport([...compared(4, 'survived', 'killed', 'edited'), ...compared(1, 'killed', 'killed', 'shared')]);
    expect(kinds(few)).not.toContain('tests-weakened/error');
    const enough = comparedReport([...compared(5, 'survived', 'killed', 'edited')]);
    expect(kinds(enough)).toContain('tests-weakened/error');
    const slight = comparedReport([...compared(19, 'survived', 'killed', 'edited'), ...compared(81, 'killed', 'killed', 'edited')]);
    expect(kinds(slight)).not.toContain('tests-weakened/error');
    const twenty = comparedReport([...compared(20, 'survived', 'killed', 'edited'), ...compared(80, 'killed', 'killed', 'edited')]);
    expect(kinds(twenty)).toContain('tests-weakened/error');
  });

  it('leaves timeouts out of the comparison: they cannot be split between the old and the new tests', () => {
    // 6 let through, 3 killed by both, 2 timed out: 6 of 9 judged, not diluted by the timeouts.
    const r = comparedReport([...compared(6, 'survived', 'killed', 'edited'), ...compared(3, 'killed', 'killed', 'edited'), ...compared(2, 'timeout', 'timeout', 'none')]);
    expect(letThrough(r, 'src/a.ts#f')).toMatchObject({ atStake: 9, judged: 9, drop: 66.7 });
  });

  it('judges a run the time budget stopped by the least a full run could find: the untested mutants count as let through by neither side', () => {
    const cut = (r: MutationReport, planned: number): MutationReport => ({
      ...r,
      runs: [{ side: 'after', status: 'ran', durationMs: 1, generated: planned, tested: r.mutants.length, testFiles: [], cutShort: true, planned }],
    });
    // The part tested: 5 let through of 10 (50%). 30 more were planned: at least 5 of 40 (12.5%) in a full run.
    const part = [...compared(5, 'survived', 'killed', 'edited'), ...compared(5, 'killed', 'killed', 'edited')];
    expect(letThrough(comparedReport(part), 'src/a.ts#f')).toMatchObject({ drop: 50 });
    expect(letThrough(cut(comparedReport(part), 40), 'src/a.ts#f')).toBeUndefined();
    expect(kinds(cut(comparedReport(part), 40))).not.toContain('tests-weakened/error');
    // 5 more planned: at least 5 of 15 (33.3%), which a full run would have called weakened too.
    expect(letThrough(cut(comparedReport(part), 15), 'src/a.ts#f')).toMatchObject({ atStake: 10, judged: 10, drop: 33.3 });
  });

  it('never compares without the old versions\' results (no oldStatus: no comparison)', () => {
    expect(kinds(report([...times(1, 'killed'), ...times(9, 'survived')]))).not.toContain('tests-weakened/error');
  });

  it('keeps the survivor findings to 10 and says how many more the report holds', () => {
    const f = mutationFindings(report(times(14, 'survived')), ranges).filter((x) => x.kind === 'mutation-survivor');
    expect(f).toHaveLength(11);
    expect(f[10]!.message).toContain('4 more surviving mutants');
  });
});
