import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { EXAMPLES } from '@patchprobe/test-utils';
import { diffLines } from '../../src/suites/mirror.js';
import type { SuiteRun } from '../../src/suites/types.js';

// One small project run on every installed vitest (examples/vitest-versions/<version>): pass, fail,
// skip, todo, nested suites, repeated titles and a file that does not load.
export const VERSIONS = ['v0.34', 'v1', 'v2', 'v3', 'v4'];

export const FILES: Record<string, string> = {
  'package.json': '{"name":"reporter-versions","private":true,"type":"module"}',
  'math.ts': 'export const add = (a: number, b: number) => a + b;\n',
  'a.test.ts': [
    "import { describe, expect, it } from 'vitest';",
    "import { add } from './math';",
    "it('adds', () => expect(add(1, 2)).toBe(3));",
    "it('fails', () => expect(add(1, 2)).toBe(4));",
    "it.skip('is skipped', () => expect(1).toBe(2));",
    "it.todo('is a todo');",
    "describe('outer', () => { describe('inner', () => { it('nested', () => expect(add(2, 2)).toBe(4)); }); });",
    "it.each([[1, 2], [2, 3]])('same title', (a, b) => expect(add(a, 1)).toBe(b));",
    '',
  ].join('\n'),
  'b.test.ts': "import { expect, it } from 'vitest';\nit('b passes', () => expect(true).toBe(true));\n",
  'broken.test.ts': "import { it } from 'vitest';\nimport { missing } from './does-not-exist';\nit('never runs', () => missing());\n",
};

export const key = (...titles: string[]) => JSON.stringify(['', ...titles]);
export const EXPECTED = {
  status: 'ok',
  tests: [
    { id: key('a.test.ts', 'adds'), state: 'pass', error: undefined },
    // vitest's diff of the failed assertion: what tells a changed specification from a hidden break.
    { id: key('a.test.ts', 'fails'), state: 'fail', error: 'AssertionError', diff: { expected: new Set(['4']), received: new Set(['3']) } },
    { id: key('a.test.ts', 'is a todo'), state: 'todo', error: undefined },
    { id: key('a.test.ts', 'is skipped'), state: 'skip', error: undefined },
    { id: key('a.test.ts', 'outer', 'inner', 'nested'), state: 'pass', error: undefined },
    { id: key('a.test.ts', 'same title #2'), state: 'pass', error: undefined },
    { id: key('a.test.ts', 'same title'), state: 'pass', error: undefined },
    { id: key('b.test.ts', 'b passes'), state: 'pass', error: undefined },
  ],
  moduleErrors: ['broken.test.ts'],
  modules: ['a.test.ts', 'b.test.ts', 'broken.test.ts'],
  projects: [{ name: '', root: '', dir: '' }],
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A fresh copy of the project with `version`'s node_modules linked; removed after the file's tests. */
export function project(version: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `pp-reporter-${version}-`)));
  dirs.push(dir);
  for (const [file, content] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, file), content);
  fs.symlinkSync(fs.realpathSync(path.join(EXAMPLES, 'vitest-versions', version, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}


/** What the rest of patchprobe reads of a run, without timings. */
export function shape(r: SuiteRun) {
  return {
    status: r.status,
    tests: [...r.tests.values()]
      .map((t) => ({ id: t.id, state: t.state, error: t.error?.split(':')[0], ...(t.diff === undefined ? {} : { diff: diffLines(t.diff) }) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    moduleErrors: [...r.moduleErrors.keys()].sort(),
    modules: [...r.modules].sort(),
    projects: r.projects.map((p) => ({ name: p.name, root: p.root, dir: p.dir })),
  };
}

