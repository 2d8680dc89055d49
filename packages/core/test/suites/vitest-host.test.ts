import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveProjectVitest } from '../../src/suites/resolve-vitest.js';
import { runVitest, SUITE_REPORTER, vitestEnv, type RunVitestInput } from '../../src/suites/run-vitest.js';
import { VitestHost } from '../../src/suites/vitest-host.js';
import { FAST_TIER_VITEST, runsInTier } from '@patchprobe/test-utils';
import { EXPECTED, key, project, shape } from './version-fixture.js';

// The warm vitest (issue 18) must read exactly what a spawned `vitest run` reads, on every version
// from 0.34 to 4.x (0.34–2.0 through globTestFiles/runFiles), and see what overlays do to the tree
// between runs: a rewritten test file, a test file added, one removed.
const hosts: VitestHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

let counter = 0;
function setup(version: string) {
  const dir = project(version);
  const vitest = resolveProjectVitest(dir, dir);
  const tmp = path.join(dir, '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const base = { vitest, treeRoot: dir, userRoot: dir, projectRoot: dir, tmpDir: tmp };
  const start = async () => {
    const host = await VitestHost.start({ vitest, projectRoot: dir, reporter: SUITE_REPORTER, env: vitestEnv({ ...base, outFile: '' }), timeoutMs: 120_000 });
    if (host) hosts.push(host);
    return host;
  };
  const run = (host: VitestHost | undefined, files: RunVitestInput['files'], extra: Partial<RunVitestInput> = {}) =>
    runVitest({ ...base, setup: 'before', attempt: 0, files, outFile: path.join(tmp, `out-${++counter}.json`), timeoutMs: 120_000, host, ...extra });
  return { dir, start, run };
}

describe.each(['v0.34', 'v1', 'v2', 'v3', 'v4'])('a warm vitest on %s', (version) => {
  // The fast tier runs this on FAST_TIER_VITEST only (test-utils/src/tier.ts).
  const test = it.runIf(runsInTier(FAST_TIER_VITEST.includes(version)));
  test('reads the same keys and states as a spawned run, run after run', async () => {
    const { start, run } = setup(version);
    const host = await start();
    expect(host).toBeDefined();
    expect(shape(await run(host, 'all'))).toEqual(EXPECTED);
    expect(shape(await run(host, 'all'))).toEqual(EXPECTED);
    const one = await run(host, ['b.test.ts']);
    expect([...one.tests.keys()]).toEqual([key('b.test.ts', 'b passes')]);
    expect(host?.alive).toBe(true);
  });

  test('names the test files that import a module, as `vitest related` does, and none for a module no test imports; then runs as before', async () => {
    const { dir, start, run } = setup(version);
    const host = await start();
    fs.writeFileSync(path.join(dir, 'unused.ts'), 'export const unused = 1;\n');
    expect(await host?.related([path.join(dir, 'math.ts')], 60_000)).toEqual([path.join(dir, 'a.test.ts')]);
    expect(await host?.related([path.join(dir, 'b.test.ts')], 60_000)).toEqual([path.join(dir, 'b.test.ts')]);
    expect(await host?.related([path.join(dir, 'unused.ts')], 60_000)).toEqual([]);
    // package.json is one of vitest's forceRerunTriggers: every file is related.
    expect(await host?.related([path.join(dir, 'package.json')], 60_000)).toBeUndefined();
    expect(shape(await run(host, 'all'))).toEqual(EXPECTED);
  });

  test('sees a test file rewritten, added and removed between runs when told which files changed', async () => {
    const { dir, start, run } = setup(version);
    const host = await start();
    const a = path.join(dir, 'a.test.ts');
    const c = path.join(dir, 'c.test.ts');
    await run(host, 'all');
    const original = fs.readFileSync(a, 'utf8');
    fs.writeFileSync(a, original.replace('toBe(4)', 'toBe(3)'));
    fs.writeFileSync(c, "import { expect, it } from 'vitest';\nit('c passes', () => expect(1).toBe(1));\n");
    const changed = await run(host, ['a.test.ts', 'c.test.ts'], { invalidate: [a, c] });
    expect(changed.tests.get(key('a.test.ts', 'fails'))?.state).toBe('pass');
    expect(changed.tests.get(key('c.test.ts', 'c passes'))?.state).toBe('pass');
    fs.writeFileSync(a, original);
    fs.rmSync(c);
    expect(shape(await run(host, 'all', { invalidate: [a, c] }))).toEqual(EXPECTED);
  });

  test('runs another config after the suites, with the environment given for that run only (the probes\' recording and probe runs)', async () => {
    const { dir, start, run } = setup(version);
    const host = await start();
    expect(shape(await run(host, 'all'))).toEqual(EXPECTED);
    // The suites are over: the project's own instance closes (its globalTeardown runs) and suite
    // runs are over for this host, which stays for other configs.
    await host!.closeProject(120_000);
    expect(await run(host, 'all')).toMatchObject({ status: 'crashed', crashMessage: expect.stringContaining('the host runs other configs now') });
    // What a wrapper config does: its own include, outside the project's test files.
    fs.mkdirSync(path.join(dir, 'other'), { recursive: true });
    const config = path.join(dir, 'other', 'other.config.mjs');
    fs.writeFileSync(config, "export default { test: { include: ['other/*.spec.mjs'], pool: 'forks' } };\n");
    const spec = path.join(dir, 'other', 'env.spec.mjs');
    fs.writeFileSync(spec, "import fs from 'node:fs';\nimport { test } from 'vitest';\ntest('env', () => fs.writeFileSync(process.env.PP_OUT, String(process.env.PP_VALUE)));\n");
    const out = (n: number) => path.join(dir, '.tmp', `env-${n}.txt`);
    const first = await host!.runConfig({ config, root: dir, files: [spec], env: { PP_OUT: out(1), PP_VALUE: 'one' }, timeoutMs: 120_000 });
    expect(first.error).toBeUndefined();
    expect(fs.readFileSync(out(1), 'utf8')).toBe('one');
    // The first run's variables are gone from the host once it ended.
    await host!.runConfig({ config, root: dir, files: [spec], env: { PP_OUT: out(2) }, timeoutMs: 120_000 });
    expect(fs.readFileSync(out(2), 'utf8')).toBe('undefined');
    expect(host!.alive).toBe(true);
  });

  test('is killed with its workers when a run passes its time limit, and later runs spawn', async () => {
    const { dir, start, run } = setup(version);
    const host = await start();
    fs.writeFileSync(path.join(dir, 'hang.test.ts'), "import { it } from 'vitest';\nit('hangs', () => new Promise(() => {}), 600_000);\n");
    await expect(run(host, ['hang.test.ts'], { invalidate: [path.join(dir, 'hang.test.ts')], timeoutMs: 3_000 })).rejects.toMatchObject({ code: 'PP_SUITE_TIMEOUT' });
    expect(host?.alive).toBe(false);
    fs.rmSync(path.join(dir, 'hang.test.ts'));
    expect(shape(await run(host, 'all'))).toEqual(EXPECTED);
  });
});
