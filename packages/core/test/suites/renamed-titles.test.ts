import { describe, expect, it } from 'vitest';
import { compareRuns, type TestFileChanges } from '../../src/suites/compare.js';
import { lineRename, renamedTitleFiler, renamesInLines } from '../../src/suites/renamed-titles.js';
import { run } from '../helpers.js';

const none: TestFileChanges = { edited: [], added: [], deleted: [] };
const kinds = (runs: Parameters<typeof compareRuns>[0]) => compareRuns(runs, none).findings.map((f) => f.kind);

describe(lineRename.name, () => {
  it('finds the one identifier a line renames, everywhere it occurs', () => {
    expect(lineRename('export function parse(s: string) { return parse2(s); }', 'export function parseInput(s: string) { return parse2(s); }')).toEqual(['parse', 'parseInput']);
    expect(lineRename('const x = f(a, a);', 'const x = f(b, b);')).toEqual(['a', 'b']);
  });

  it('finds none in a line that changes anything else', () => {
    expect(lineRename('const x = f(a, a);', 'const x = f(b, c);')).toBeUndefined();
    expect(lineRename('return a + 1;', 'return b + 2;')).toBeUndefined();
    expect(lineRename('return a;', 'return a;')).toBeUndefined();
  });
});

describe(renamesInLines.name, () => {
  it('drops an identifier renamed to two different names', () => {
    const renames = renamesInLines([
      ['function parse() {}', 'function parseInput() {}'],
      ['export { parse };', 'export { parseInput };'],
      ['let n = 1;', 'let count = 1;'],
      ['use(n);', 'use(total);'],
    ]);
    expect([...renames]).toEqual([['parse', 'parseInput']]);
  });
});

describe(renamedTitleFiler.name, () => {
  const renames = new Map([['parse', 'parseInput']]);

  it('matches a describe(fn.name) title across a consistent rename', () => {
    const runs = [
      run('before', { 'api.test.ts > parse > trims': 'pass', 'api.test.ts > format > pads': 'pass' }),
      run('after', { 'api.test.ts > parseInput > trims': 'pass', 'api.test.ts > format > pads': 'pass' }),
    ];
    expect(kinds(runs)).toEqual(['test-disabled', 'test-outcome-changed']);
    renamedTitleFiler(renames)(runs);
    expect(kinds(runs)).toEqual([]);
  });

  it('still reports the renamed test when it breaks', () => {
    const runs = [run('before', { 'api.test.ts > parse > trims': 'pass' }), run('after', { 'api.test.ts > parseInput > trims': 'fail' })];
    renamedTitleFiler(renames)(runs);
    expect(kinds(runs)).toEqual(['test-broken']);
  });

  it('leaves a literal title that did not change alone, and never takes the place of another test', () => {
    const runs = [
      run('before', { 'a.test.ts > parse handles x': 'pass', 'a.test.ts > parse > y': 'pass', 'a.test.ts > parseInput > y': 'pass' }),
      run('after', { 'a.test.ts > parse handles x': 'pass', 'a.test.ts > parseInput > y': 'pass' }),
    ];
    renamedTitleFiler(renames)(runs);
    expect([...runs[0]!.tests.keys()]).toEqual(['["","a.test.ts","parse handles x"]', '["","a.test.ts","parse","y"]', '["","a.test.ts","parseInput","y"]']);
    expect(kinds(runs)).toEqual(['test-disabled']);
  });

  it('files reruns on the before source too, and only once', () => {
    const runs = [run('before', { 'api.test.ts > parse > trims': 'pass' }), run('after', { 'api.test.ts > parseInput > trims': 'fail' })];
    const file = renamedTitleFiler(renames);
    file(runs);
    runs.push(run('before', { 'api.test.ts > parse > trims': 'pass' }, { attempt: 1, files: ['api.test.ts'] }));
    file(runs);
    file(runs);
    expect(runs.map((r) => [...r.tests.keys()])).toEqual([['["","api.test.ts","parseInput","trims"]'], ['["","api.test.ts","parseInput","trims"]'], ['["","api.test.ts","parseInput","trims"]']]);
    expect(compareRuns(runs, none).changes).toEqual([expect.objectContaining({ before: 'pass', after: 'fail', flaky: false })]);
  });
});
