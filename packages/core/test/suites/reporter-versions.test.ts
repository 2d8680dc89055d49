import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '@patchprobe/test-utils';
import { resolveProjectVitest } from '../../src/suites/resolve-vitest.js';
import { runVitest } from '../../src/suites/run-vitest.js';
import type { SuiteRun } from '../../src/suites/types.js';

// The reporter has two paths: onTestRunEnd (TestModule API, vitest >= 3) and onFinished with the
// task tree (0.34, 1.x, 2.x). Each version runs for real here, on the same files, and the outcome
// patchprobe reads must be the same on all of them: the test keys, the states (pass, fail, skip,
// todo), repeated titles, nested suites, a file that does not load, and vitest's own --shard.
const VERSIONS = ['v0.34', 'v1', 'v2', 'v3', 'v4'];

const FILES: Record<string, string> = {
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

const key = (...titles: string[]) => JSON.stringify(['', ...titles]);
const EXPECTED = {
  status: 'ok',
  tests: [
    { id: key('a.test.ts', 'adds'), state: 'pass', error: undefined },
    { id: key('a.test.ts', 'fails'), state: 'fail', error: 'AssertionError' },
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

function project(version: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `pp-reporter-${version}-`)));
  dirs.push(dir);
  for (const [file, content] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, file), content);
  fs.symlinkSync(fs.realpathSync(path.join(EXAMPLES, 'vitest-versions', version, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}

async function run(dir: string, shard?: { index: number; count: number }): Promise<SuiteRun> {
  const vitest = resolveProjectVitest(dir, dir);
  const tmp = path.join(dir, '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  return runVitest({ setup: 'before', attempt: 0, vitest, treeRoot: dir, userRoot: dir, projectRoot: dir, files: 'all', shard, outFile: path.join(tmp, `out-${shard?.index ?? 0}.json`), tmpDir: tmp, timeoutMs: 120_000 });
}

/** What the rest of patchprobe reads of a run, without timings. */
function shape(r: SuiteRun) {
  return {
    status: r.status,
    tests: [...r.tests.values()].map((t) => ({ id: t.id, state: t.state, error: t.error?.split(':')[0] })).sort((a, b) => a.id.localeCompare(b.id)),
    moduleErrors: [...r.moduleErrors.keys()].sort(),
    modules: [...r.modules].sort(),
    projects: r.projects.map((p) => ({ name: p.name, root: p.root, dir: p.dir })),
  };
}

describe.each(VERSIONS)('the reporter on vitest %s', (version) => {
  it('reads the same keys and states as on every other version', async () => {
    const dir = project(version);
    const r = await run(dir);
    expect(shape(r)).toEqual(EXPECTED);
    expect(r.vitestVersion ?? resolveProjectVitest(dir, dir).version).toBe(resolveProjectVitest(dir, dir).version);
    expect(r.moduleErrors.get('broken.test.ts')).toMatch(/does-not-exist/);
  });

  it("splits the files with vitest's own --shard, each once", async () => {
    const dir = project(version);
    const parts = await Promise.all([run(dir, { index: 1, count: 2 }), run(dir, { index: 2, count: 2 })]);
    const files = parts.map((p) => [...p.modules]);
    expect(files.flat().sort()).toEqual(['a.test.ts', 'b.test.ts', 'broken.test.ts']);
    expect(files.every((f) => f.length > 0)).toBe(true);
  });
});
