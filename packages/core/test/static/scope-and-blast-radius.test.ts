import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blastRadiusFindings, computeBlastRadius } from '../../src/static/reach/blast-radius.js';
import { scopeFindings } from '../../src/static/reach/scope.js';
import type { DeclarationChange } from '../../src/static/types.js';

const decl = (symbol: string, change: DeclarationChange['change']): DeclarationChange => ({ symbol, file: symbol.slice(0, symbol.indexOf('#')), change, line: 3, endLine: 3, exported: true, code: {} });

describe(scopeFindings.name, () => {
  const declarations = [decl('src/flags.ts#isEnabled', 'semantic'), decl('src/hash.ts#bucket', 'semantic'), decl('src/hash.ts#fmt', 'types-only')];

  it('flags behaviour changes outside --scope, and nothing inside it or cosmetic', () => {
    expect(scopeFindings(declarations, ['src/flags.ts'])).toEqual([
      expect.objectContaining({ kind: 'unrelated-change', severity: 'warning', file: 'src/hash.ts', symbol: 'src/hash.ts#bucket' }),
    ]);
    expect(scopeFindings(declarations, ['src/**'])).toEqual([]);
  });

  it('reports the spread without --scope, counting a nested change with its parent', () => {
    const nested = [...declarations, decl('src/flags.ts#isEnabled.<anon#0>', 'added')];
    expect(scopeFindings(nested, undefined)).toEqual([
      expect.objectContaining({ kind: 'change-spread', message: expect.stringMatching(/^the patch changes the behaviour of 2 declarations in 2 files: `isEnabled`, `bucket`/) }),
    ]);
  });
});

describe(computeBlastRadius.name, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-blast-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'src/ws.ts': 'export function normalize(s: string) { return s.trim(); }\n',
    'src/tokens.ts': "import { normalize } from './ws';\nexport const tokenize = (s: string) => normalize(s).split(' ');\n",
    'src/index.ts': "export { tokenize } from './tokens';\n",
    'src/freq.ts': "import { tokenize } from './index';\nexport function count(s: string) { return tokenize(s).length; }\n",
    'src/search.ts': "import { count } from './freq';\nexport class Search { rank(s: string) { return count(s); } }\n",
    'test/search.test.ts': "import { Search } from '../src/search';\nnew Search().rank('a b');\n",
    'test/ws.test.ts': "import { normalize } from '../src/ws';\nnormalize(' a ');\n",
    'src/list.ts': "import { normalize } from './ws';\nexport function all(xs: string[]) { return xs.map((x) => normalize(x)); }\n",
    'src/key.ts': 'export const clean = (k: string) => k.trim();\n',
    'src/path.ts': "import { clean } from './key';\nexport function set(key: string) {\n  function recurse(k: string): string { return clean(k); }\n  return recurse(key);\n}\n",
    'src/lang.ts': 'export const REGEX_DTS = /\\.d\\.ts$/;\nexport function isDts(f: string) { return REGEX_DTS.test(f); }\nexport const getLang = (f: string) => (isDts(f) ? "dts" : "ts");\n',
  };
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }

  it('follows callers three levels through imports and re-exports, and finds the tests that reach them', () => {
    const entries = computeBlastRadius({ root, files: Object.keys(files), changed: ['src/ws.ts#normalize'], isTestFile: (f) => f.startsWith('test/') });
    expect(entries).toEqual([
      {
        symbol: 'src/ws.ts#normalize',
        callers: [['src/tokens.ts#tokenize', 'src/list.ts#all'].sort(), ['src/freq.ts#count'], ['src/search.ts#Search.rank']].map((l, i) => (i === 0 ? expect.arrayContaining(l) : l)),
        testFiles: ['test/search.test.ts', 'test/ws.test.ts'],
      },
    ]);
    // A call inside an anonymous callback is attributed to the named function around it.
    expect(entries[0]?.callers[0]).toHaveLength(2);
    expect(blastRadiusFindings(entries)[0]?.message).toMatch(/^`normalize` changed; used by (`tokenize`, `all`|`all`, `tokenize`) → `count` → `Search.rank`; reached by 2 test files$/);
  });

  // ast-kit ab75d2a7 changed an exported regular expression; the function that reads it was never
  // probed for it ("not exported, and no exported function calls it").
  it('follows the functions that read a changed module-level value', () => {
    const entries = computeBlastRadius({ root, files: Object.keys(files), changed: ['src/lang.ts#REGEX_DTS'], isTestFile: (f) => f.startsWith('test/') });
    expect(entries).toEqual([{ symbol: 'src/lang.ts#REGEX_DTS', callers: [['src/lang.ts#isDts'], ['src/lang.ts#getLang']], testFiles: [] }]);
  });

  // radashi 27eb1e8e changed an import line with the function that uses it: the line read as a
  // declaration that "cannot be probed" (a probe-inconclusive warning) though its user was probed.
  it('follows the users of a changed import line in its own file, not the same import elsewhere', () => {
    const entries = computeBlastRadius({ root, files: Object.keys(files), changed: ['src/list.ts#<import ./ws>'], isTestFile: (f) => f.startsWith('test/') });
    expect(entries).toEqual([{ symbol: 'src/list.ts#<import ./ws>', callers: [['src/list.ts#all']], testFiles: [] }]);
  });

  // radashi 8147abc8: the import's only user is `recurse`, declared inside the exported `set`.
  it('names a caller declared inside another function by its enclosing functions', () => {
    const entries = computeBlastRadius({ root, files: Object.keys(files), changed: ['src/path.ts#<import ./key>'], isTestFile: (f) => f.startsWith('test/') });
    expect(entries).toEqual([{ symbol: 'src/path.ts#<import ./key>', callers: [['src/path.ts#set.recurse'], ['src/path.ts#set']], testFiles: [] }]);
  });
});
