// `?patchprobe=base` imports, end to end: real git repositories in temp dirs, the project's own
// vitest (4.1.12, and 3.2.7 for one case) spawned on them, the plugin imported by the project's
// vitest.config.ts by absolute path as a user's config would, and the JSON reporter read back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGitRepo, EXAMPLES, type GitRepo, repoState, scaledMs } from '@patchprobe/test-utils';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';

const PLUGIN = fileURLToPath(new URL('../../src/base-modules/base-query-plugin.ts', import.meta.url));
const VITEST_4 = path.join(EXAMPLES, 'fix-with-test'); // vitest 4.1.12
const VITEST_3 = path.join(EXAMPLES, 'feature-with-tests'); // vitest 3.2.7

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{
    name: string;
    status: string;
    message: string;
    assertionResults: Array<{ title: string; status: string; failureMessages: string[] }>;
  }>;
}
interface Run {
  exitCode: number | undefined;
  report: JsonReport;
  output: string;
}

// Tests run concurrently, so temp dirs go at the end of the file, not after each test.
const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A vitest.config.ts that adds the plugin the way a user would. */
function config(options: { base?: string; alias?: boolean; tsconfigPaths?: boolean; extraTest?: string } = {}): string {
  return [
    `import path from 'node:path';`,
    `import { defineConfig } from 'vitest/config';`,
    `import { baseQueryPlugin } from ${JSON.stringify(PLUGIN)};`,
    `export default defineConfig({`,
    `  plugins: [baseQueryPlugin({ root: import.meta.dirname${options.base ? `, base: ${JSON.stringify(options.base)}` : ''} })],`,
    options.alias ? `  resolve: { alias: { '@src': path.join(import.meta.dirname, 'src') }${options.tsconfigPaths ? ', tsconfigPaths: true' : ''} },` : '',
    `  test: { include: ['test/**/*.test.ts'], ${options.extraTest ?? ''} },`,
    `});`,
  ].join('\n');
}

async function repo(files: Record<string, string>, nodeModulesFrom: string | null = VITEST_4): Promise<GitRepo> {
  const r = await createGitRepo({ 'package.json': '{"name":"p","private":true,"type":"module"}', ...files }, nodeModulesFrom ? { nodeModulesFrom } : {});
  cleanups.push(r.cleanup);
  return r;
}

/** The environment of a child vitest: ours minus vitest's own state (as suites/run-vitest.ts does). */
function childEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VITEST') && k !== 'TEST' && k !== 'NODE_ENV') env[k] = v;
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0' };
}

/**
 * Runs the project's vitest in `cwd` (default: the repository root) and asserts that the run left
 * the repository exactly as it was. `--no-cache --configLoader runner`: no writes into the shared,
 * borrowed node_modules (api-notes §3b).
 */
async function runVitest(r: GitRepo, cwd = r.dir): Promise<Run> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bq-out-'));
  cleanups.push(() => fs.rmSync(out, { recursive: true, force: true }));
  const before = repoState(r.dir);
  const reportFile = path.join(out, 'report.json');
  const res = await execa(
    process.execPath,
    [path.join(r.dir, 'node_modules/vitest/vitest.mjs'), 'run', '--no-cache', '--configLoader', 'runner', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
    { cwd, env: childEnv(), extendEnv: false, reject: false, timeout: scaledMs(60_000), all: true },
  );
  const output = String(res.all);
  expect(fs.existsSync(reportFile), `no JSON report; vitest said:\n${output}`).toBe(true);
  expect(repoState(r.dir), 'the run changed the repository').toBe(before);
  return { exitCode: res.exitCode, report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as JsonReport, output };
}

function expectAllPassed(run: Run, count: number): void {
  const failures = run.report.testResults.flatMap((f) => [f.message, ...f.assertionResults.flatMap((a) => a.failureMessages)]).filter(Boolean);
  expect(failures, run.output).toEqual([]);
  expect(run.report.numPassedTests, run.output).toBe(count);
  expect(run.exitCode).toBe(0);
}

const SLUG_BASE = `// slug at base
export function slug(text: string): string {
  if (text === '') throw new Error('empty slug');
  return text.trim().toLowerCase().replace(/\\s+/g, '-');
}
let calls = 0;
export const count = (): number => ++calls;
`;
const SLUG_NOW = `// slug now: underscores,
// and two more lines so that the throw moves
// from line 3 to line 5
export function slug(text: string): string {
  if (text === '') throw new Error('empty slug');
  return text.trim().toLowerCase().replace(/\\s+/g, '_');
}
let calls = 0;
export const count = (): number => ++calls;
`;

describe('baseQueryPlugin (real vitest runs on temp git repositories)', () => {
  // (a) + (h): the same project on vitest 4.1.12 and 3.2.7.
  test.concurrent.each([
    ['4.1.12', VITEST_4],
    ['3.2.7', VITEST_3],
  ])('(a) a relative ?patchprobe=base import is the file at HEAD, next to the changed current file (vitest %s)', async (version, nodeModulesFrom) => {
    const r = await repo(
      {
        'vitest.config.ts': config(),
        'src/slug.ts': SLUG_BASE,
        'test/slug.test.ts': `
import { expect, test } from 'vitest';
import { slug, count } from '../src/slug.ts';
import * as before from '../src/slug.ts?patchprobe=base';
import * as beforeNoExt from '../src/slug?patchprobe=base';

test('base and current differ in one test', () => {
  expect(before.slug('Hello World')).toBe('hello-world');
  expect(slug('Hello World')).toBe('hello_world');
});
test('two module instances, each with its own state; one per version', () => {
  expect([before.count(), before.count(), count()]).toEqual([1, 2, 1]);
  expect(beforeNoExt.count).toBe(before.count);
});
${
  // vitest 3 (vite-node) maps stack frames by file path without the query, so a base frame reads
  // 'src/slug.ts' with the current file's line when both versions are loaded: vitest 4 only.
  version === '3.2.7'
    ? ''
    : `test('stack traces carry the line numbers of the base file', () => {
  let stack = '';
  try { before.slug(''); } catch (e) { stack = (e as Error).stack ?? ''; }
  expect(stack).toMatch(/slug\\.ts\\?patchprobe=base:3:/);
});`
}
`,
      },
      nodeModulesFrom,
    );
    r.write('src/slug.ts', SLUG_NOW);
    expectAllPassed(await runVitest(r), version === '3.2.7' ? 2 : 3);
  });

  test.concurrent.each([
    ['4.1.12', VITEST_4],
    ['3.2.7', VITEST_3],
  ])('(b) a base module imports its own relative dependencies at base, even one renamed in the working tree (vitest %s)', async (_version, nodeModulesFrom) => {
    const r = await repo({
      'vitest.config.ts': config(),
      // `./b.js` in a TS file means ./b.ts (TS ESM convention), at base too.
      'src/a.ts': `import { double } from './b.js';\nexport const addTwice = (x: number, y: number): number => double(x) + y;\n`,
      'src/b.ts': `export const double = (x: number): number => x * 2;\n`,
      'test/a.test.ts': `
import { expect, test } from 'vitest';
import { addTwice } from '../src/a.ts';
import * as before from '../src/a.ts?patchprobe=base';
test('the base chain a -> b is used', () => {
  expect(before.addTwice(1, 20)).toBe(22);
  expect(addTwice(1, 20)).toBe(23);
});
`,
    }, nodeModulesFrom);
    await r.git('mv', 'src/b.ts', 'src/lib-b.ts');
    r.write('src/lib-b.ts', `export const double = (x: number): number => x * 2 + 1;\n`);
    r.write('src/a.ts', `import { double } from './lib-b.js';\nexport const addTwice = (x: number, y: number): number => double(x) + y;\n`);
    expectAllPassed(await runVitest(r), 1);
  });

  test.concurrent('(c) aliases and tsconfig paths inside a base module map back to base; aliased and bare-path base imports work too', async () => {
    const r = await repo({
      // resolve.alias, and vite 8's own tsconfig `paths` support (resolved by vite, not by alias).
      'vitest.config.ts': config({ alias: true, tsconfigPaths: true }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '#lib/*': ['./src/lib/*'] } } }),
      'src/a.ts': `import { double } from '@src/b';\nimport { inc } from '#lib/inc';\nexport const addTwice = (x: number, y: number): number => inc(double(x) + y);\n`,
      'src/b.ts': `export const double = (x: number): number => x * 2;\n`,
      'src/lib/inc.ts': `export const inc = (x: number): number => x + 100;\n`,
      'test/a.test.ts': `
import { expect, test } from 'vitest';
import { addTwice } from '@src/a';
import { double } from '@src/b';
import * as before from '../src/a.ts?patchprobe=base';
import * as beforeB from '@src/b?patchprobe=base';
import * as bareB from 'src/b.ts?patchprobe=base';
test('alias and tsconfig paths inside the base module', () => {
  expect(before.addTwice(1, 20)).toBe(122);
  expect(addTwice(1, 20)).toBe(1023);
});
test('aliased and bare-path base imports', () => {
  expect(beforeB.double(5)).toBe(10);
  expect(bareB.double).toBe(beforeB.double);
  expect(double(5)).toBe(11);
});
`,
    });
    r.write('src/b.ts', `export const double = (x: number): number => x * 2 + 1;\n`);
    r.write('src/lib/inc.ts', `export const inc = (x: number): number => x + 1000;\n`);
    expectAllPassed(await runVitest(r), 2);
  });

  test.concurrent.each([
    ['4.1.12', VITEST_4],
    ['3.2.7', VITEST_3],
  ])('(d) a file deleted from the working tree (and its own deleted imports) still loads with the query (vitest %s)', async (_version, nodeModulesFrom) => {
    const r = await repo({
      'vitest.config.ts': config({ alias: true }),
      'src/gone.ts': `import { suffix } from './gone-util';\nimport { tail } from '@src/gone-alias';\nexport const gone = (s: string): string => s + suffix + tail;\n`,
      'src/gone-util/index.ts': `export const suffix = '!';\n`,
      'src/gone-alias.ts': `export const tail = '?';\n`,
      'test/gone.test.ts': `
import { expect, test } from 'vitest';
import { gone } from '../src/gone?patchprobe=base';
test('deleted file', () => {
  expect(gone('x')).toBe('x!?');
});
`,
    }, nodeModulesFrom);
    await r.git('rm', '-q', '-r', 'src');
    expectAllPassed(await runVitest(r), 1);
  });

  test.concurrent('(e) a file added after base gives a clear error; a near-miss spelling of the query is refused', async () => {
    const r = await repo({
      'vitest.config.ts': config(),
      'src/slug.ts': SLUG_BASE,
      'test/static.test.ts': `
import { test } from 'vitest';
import { added } from '../src/new.ts?patchprobe=base';
test('never runs', () => { added; });
`,
      'test/dynamic.test.ts': `
import { expect, test } from 'vitest';
test('a runtime import fails in its own test only', async () => {
  const spec = '../src/new' + '?patchprobe=base';
  await expect(import(/* @vite-ignore */ spec)).rejects.toThrow(/src\\/new\\.ts did not exist at base \\(HEAD, [0-9a-f]{7}\\)/);
});
`,
      'test/typo.test.ts': `
import { test } from 'vitest';
import { slug } from '../src/slug.ts?patchprobe-base';
test('never runs', () => { slug; });
`,
    });
    r.write('src/new.ts', `export const added = 1;\n`);
    const run = await runVitest(r);
    const short = (await r.git('rev-parse', '--short=7', 'HEAD')).trim();
    const byFile = (name: string) => run.report.testResults.find((f) => f.name.endsWith(name));
    expect(run.exitCode).toBe(1);
    expect(byFile('static.test.ts')?.status).toBe('failed');
    expect(byFile('static.test.ts')?.message, run.output).toContain(
      `patchprobe: src/new.ts did not exist at base (HEAD, ${short}): it was added after base, so it has no base version; import it without ?patchprobe=base`,
    );
    expect(run.output).toContain('patchprobe: src/new.ts did not exist at base');
    expect(byFile('dynamic.test.ts')?.assertionResults.map((a) => a.status), run.output).toEqual(['passed']);
    expect(byFile('typo.test.ts')?.message, run.output).toContain(
      `patchprobe: '../src/slug.ts?patchprobe-base': write the query exactly as ?patchprobe=base, as the only query of the import`,
    );
  });

  test.concurrent('(f) a package imported by a base module is the same instance as the current version uses', async () => {
    const r = await repo(
      {
        'vitest.config.ts': config(),
        'src/uses.ts': `import { token, next } from 'tiny-state';\nexport { token, next };\nexport const version = 'base';\n`,
        'test/uses.test.ts': `
import { expect, test } from 'vitest';
import * as now from '../src/uses.ts';
import * as before from '../src/uses.ts?patchprobe=base';
test('one package instance', () => {
  expect([before.version, now.version]).toEqual(['base', 'now']);
  expect(before.token).toBe(now.token);
  expect([before.next(), now.next()]).toEqual([1, 2]);
});
`,
      },
      null,
    );
    // A real node_modules folder (ignored by git) with vitest linked and a tiny package with state.
    fs.mkdirSync(path.join(r.dir, 'node_modules'));
    fs.symlinkSync(fs.realpathSync(path.join(VITEST_4, 'node_modules/vitest')), path.join(r.dir, 'node_modules/vitest'));
    r.write('node_modules/tiny-state/package.json', '{"name":"tiny-state","version":"1.0.0","type":"module","main":"index.js"}');
    r.write('node_modules/tiny-state/index.js', 'export const token = {};\nlet n = 0;\nexport const next = () => ++n;\n');
    r.write('src/uses.ts', `import { token, next } from 'tiny-state';\nexport { token, next };\nexport const version = 'now';\n`);
    expectAllPassed(await runVitest(r), 1);
  });

  test.concurrent('(g) base = a named older commit, with vitest run from a sub-folder of the repository', async () => {
    const v = (n: number): string => `export const version = ${n};\n`;
    const r = await repo({
      'app/vitest.config.ts': config({ base: 'release-1' }),
      'app/src/version.ts': v(1),
      'app/test/version.test.ts': `
import { expect, test } from 'vitest';
import { version } from '../src/version.ts';
import { version as before } from '../src/version.ts?patchprobe=base';
test('base is release-1, not HEAD', () => {
  expect([before, version]).toEqual([1, 3]);
});
test('a file added by a later commit has no version at the named base', async () => {
  const spec = '../src/later' + '?patchprobe=base';
  await expect(import(/* @vite-ignore */ spec)).rejects.toThrow(/patchprobe: app\\/src\\/later\\.ts did not exist at base \\(release-1, [0-9a-f]{7}\\)/);
});
`,
    });
    await r.git('tag', 'release-1');
    r.write('app/src/version.ts', v(2));
    r.write('app/src/later.ts', v(2));
    await r.git('add', '-A');
    await r.git('commit', '-q', '-m', 'second');
    r.write('app/src/version.ts', v(3));
    expectAllPassed(await runVitest(r, path.join(r.dir, 'app')), 2);
  });

  test.concurrent('(i) experimental.fsModuleCache does not serve a stale base module after base moves', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bq-cache-'));
    cleanups.push(() => fs.rmSync(cache, { recursive: true, force: true }));
    const r = await repo({
      'vitest.config.ts': config({ extraTest: `experimental: { fsModuleCache: true, fsModuleCachePath: ${JSON.stringify(cache)} },` }),
      'src/n.ts': `export const n = 1;\n`,
      'test/n.test.ts': `
import { expect, test } from 'vitest';
import { n } from '../src/n.ts';
import { n as before } from '../src/n.ts?patchprobe=base';
test('base vs current', () => {
  expect([before, n]).toEqual([Number(process.env.EXPECT_BASE ?? 1), 2]);
});
`,
    });
    r.write('src/n.ts', `export const n = 2;\n`);
    expectAllPassed(await runVitest(r), 1);
    expect(fs.readdirSync(cache).length).toBeGreaterThan(0);
    // Commit the change: HEAD now holds n = 2 and the working-tree file is unchanged, so vitest's
    // own cache key (id + file on disk) is the same as in the first run.
    await r.git('commit', '-q', '-am', 'n = 2');
    r.write('test/n.test.ts', fs.readFileSync(path.join(r.dir, 'test/n.test.ts'), 'utf8').replace('?? 1', '?? 2'));
    await r.git('commit', '-q', '-am', 'expect 2');
    expectAllPassed(await runVitest(r), 1);
  });
});
