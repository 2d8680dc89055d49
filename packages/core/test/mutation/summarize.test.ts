import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutationFindings } from '../../src/mutation/run-mutation-stage.js';
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

  it('calls a drop of 20 points or more on the same declaration weakened tests, and 19 not', () => {
    const weakened = report([...times(6, 'killed'), ...times(4, 'survived')], [...times(8, 'killed', 'before'), ...times(2, 'survived', 'before')]);
    expect(kinds(weakened)).toContain('tests-weakened/error');
    const slight = report([...times(81, 'killed'), ...times(19, 'survived')], [...times(100, 'killed', 'before')]);
    expect(kinds(slight)).not.toContain('tests-weakened/error');
  });

  it('keeps the survivor findings to 10 and says how many more the report holds', () => {
    const f = mutationFindings(report(times(14, 'survived')), ranges).filter((x) => x.kind === 'mutation-survivor');
    expect(f).toHaveLength(11);
    expect(f[10]!.message).toContain('4 more surviving mutants');
  });
});
