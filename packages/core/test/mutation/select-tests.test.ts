import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectTests, standInName } from '../../src/mutation/run-mutation-stage.js';
import { testId, type SuiteRun, type TestRecord } from '../../src/suites/types.js';

const test = (file: string, title: string, state: TestRecord['state']): TestRecord => ({ id: testId('', file, ['s', title]), file, project: '', path: ['s', title], state });

const run = (tests: TestRecord[], modules: string[], moduleErrors: Array<[string, string]> = []): SuiteRun => ({
  setup: 'after', files: 'all', attempt: 0, status: 'ok', durationMs: 1,
  tests: new Map(tests.map((t) => [t.id, t])), moduleErrors: new Map(moduleErrors), modules: new Set(modules), projects: [], unhandledErrors: [],
});

describe(selectTests.name, () => {
  it('keeps a file with a failing test, skipping only that test by name (issue 16)', () => {
    const r = run(
      [test('test/slug.test.ts', 'lower-cases', 'pass'), test('test/slug.test.ts', 'drops dashes', 'fail'), test('test/other.test.ts', 'works', 'pass')],
      ['test/slug.test.ts', 'test/other.test.ts'],
    );
    expect(selectTests(r, '')).toEqual({ files: ['test/other.test.ts', 'test/slug.test.ts'], skip: [{ file: 'test/slug.test.ts', path: ['s', 'drops dashes'] }] });
  });

  it('leaves out a file that failed to load or has no passing test; keeps one with only skipped tests', () => {
    const r = run(
      [test('test/all-fail.test.ts', 'a', 'fail'), test('test/skipped.test.ts', 'b', 'skip'), test('test/ok.test.ts', 'c', 'pass')],
      ['test/all-fail.test.ts', 'test/broken.test.ts', 'test/skipped.test.ts', 'test/ok.test.ts'],
      [['test/broken.test.ts', 'SyntaxError']],
    );
    expect(selectTests(r, '')).toEqual({ files: ['test/ok.test.ts', 'test/skipped.test.ts'], skip: [] });
  });

  it('gives project-relative files and keeps to the project folder; skipped tests stay repository-relative', () => {
    const r = run([test('app/test/a.test.ts', 'x', 'pass'), test('app/test/a.test.ts', 'y', 'fail'), test('lib/test/b.test.ts', 'z', 'pass')], ['app/test/a.test.ts', 'lib/test/b.test.ts']);
    expect(selectTests(r, 'app')).toEqual({ files: ['test/a.test.ts'], skip: [{ file: 'app/test/a.test.ts', path: ['s', 'y'] }] });
  });

  it('leaves out type tests: vitest\'s typecheck runs them through tsc, and no mutant of the code changes a type (radashi)', () => {
    const r = run([test('tests/range.test.ts', 'a', 'pass'), test('tests/range.test-d.ts', 'b', 'pass'), test('src/sum.spec-d.mts', 'c', 'pass')], ['tests/range.test.ts', 'tests/range.test-d.ts', 'src/sum.spec-d.mts']);
    expect(selectTests(r, '').files).toEqual(['tests/range.test.ts']);
  });

  it('keeps to the files vitest relates to the changed files, when it named any', () => {
    const r = run([test('test/slug.test.ts', 'a', 'pass'), test('test/other.test.ts', 'b', 'pass')], ['test/slug.test.ts', 'test/other.test.ts']);
    expect(selectTests(r, '', ['test/slug.test.ts']).files).toEqual(['test/slug.test.ts']);
    expect(selectTests(r, '', []).files).toEqual(['test/other.test.ts', 'test/slug.test.ts']);
    expect(selectTests(r, '', undefined).files).toEqual(['test/other.test.ts', 'test/slug.test.ts']);
  });
});

describe(standInName.name, () => {
  it('names the old version next to the new one, its whole name kept at the start, still a test file by the project\'s globs', () => {
    const isTest = (f: string) => /\.(test|spec)\.[jt]s$/.test(f);
    // unjs/unctx's config transforms the files whose id includes "async.test"
    expect(standInName('test/async.test.ts', isTest)).toBe('test/async.test.pp-old.test.ts');
    expect(standInName('cart.spec.js', isTest)).toBe('cart.spec.pp-old.spec.js');
    expect(standInName('test/cart.test.ts', (f) => isTest(f) && f !== 'test/cart.test.pp-old.test.ts')).toBe('test/cart.test.pp-old-1.test.ts');
    // globs that refuse a doubled marker get the shorter name
    const single = (f: string) => /^[^.]*\.(?:pp-old(?:-\d)?\.)?test\.ts$/.test(path.posix.basename(f));
    expect(standInName('test/cart.test.ts', single)).toBe('test/cart.pp-old.test.ts');
  });

  it('gives up when the globs would not collect any such name (an include that lists exact files)', () => {
    expect(standInName('test/cart.test.ts', (f) => f === 'test/cart.test.ts')).toBeUndefined();
  });
});
