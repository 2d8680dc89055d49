import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createVitestProject, EXAMPLES, expectValidReport, FAST_TIER_VITEST, runsInTier } from '@patchprobe/test-utils';
import { verifyPatch } from '../../src/index.js';
import { projectArgs, projectPattern, selectProjects } from '../../src/suites/project-filter.js';
import { resolveProjectVitest } from '../../src/suites/resolve-vitest.js';
import { runVitest, SUITE_REPORTER, vitestEnv } from '../../src/suites/run-vitest.js';
import { VitestHost } from '../../src/suites/vitest-host.js';

// --skip-project (issue 18): a vitest project of type tests can be most of a suite's time; the user
// leaves it out of every run of both trees, on every vitest from 1.x (0.34's warm host too).

describe('project patterns', () => {
  it('match whole names, ignore case, and take * as any run of characters, as vitest --project does', () => {
    expect(projectPattern('types').test('types')).toBe(true);
    expect(projectPattern('types').test('Types')).toBe(true);
    expect(projectPattern('types').test('types-2')).toBe(false);
    expect(projectPattern('e2e-*').test('e2e-chromium')).toBe(true);
    expect(projectPattern('a.b').test('aXb')).toBe(false);
  });

  it('keep every project no pattern names', () => {
    expect(selectProjects(['runtime', 'types', 'prop'], ['types'])).toEqual({ all: ['runtime', 'types', 'prop'], skipped: ['types'], kept: ['runtime', 'prop'] });
    expect(selectProjects(['unit', 'browser (chromium)', 'browser (firefox)'], ['browser*']).kept).toEqual(['unit']);
  });

  it('refuse a name that is no project, listing the projects', () => {
    expect(() => selectProjects(['runtime', 'types'], ['typs'])).toThrow('--skip-project typs: no vitest project has that name; the projects are "runtime", "types"');
    expect(() => selectProjects([''], ['types'])).toThrow('--skip-project types: no vitest project has that name; the projects are none (the vitest config names no projects in test.projects)');
  });

  it('refuse to leave out every project', () => {
    expect(() => selectProjects(['runtime', 'types'], ['runtime', 'types'])).toThrow(/leaves out every vitest project/);
  });

  it('give a spawned run one --project per kept name from vitest 1.0, and refuse on 0.34', () => {
    const selection = selectProjects(['unit', 'slow', 'other'], ['slow']);
    expect(projectArgs(selection, 4)).toEqual(['--project=unit', '--project=other']);
    expect(projectArgs(selection, 1)).toEqual(['--project=unit', '--project=other']);
    expect(projectArgs(undefined, 4)).toEqual([]);
    expect(() => projectArgs(selection, 0)).toThrow(/has no --project flag/);
  });
});

const TWO_PROJECTS = { unit: { name: 'unit', include: ['unit/**/*.test.ts'] }, slow: { name: 'slow', include: ['slow/**/*.test.ts'] } };
const FILES: Record<string, string> = {
  'package.json': '{"name":"two-projects","private":true,"type":"module"}',
  'unit/a.test.ts': "import { expect, it } from 'vitest';\nit('unit passes', () => expect(1 + 1).toBe(2));\n",
  'slow/b.test.ts': "import { expect, it } from 'vitest';\nit('slow passes', () => expect(2 + 2).toBe(4));\n",
};
/** vitest 3.2 and 4 read test.projects; 0.34–2.x a workspace file (4 ignores it). */
function configFiles(version: string): Record<string, string> {
  const list = JSON.stringify([{ test: TWO_PROJECTS.unit }, { test: TWO_PROJECTS.slow }]);
  return version === 'v3' || version === 'v4'
    ? { 'vitest.config.ts': `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { projects: ${list} } });\n` }
    : { 'vitest.workspace.ts': `export default ${list};\n` };
}

const dirs: string[] = [];
const hosts: VitestHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function project(version: string) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `pp-skip-${version}-`)));
  dirs.push(dir);
  for (const [file, content] of Object.entries({ ...FILES, ...configFiles(version) })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  fs.symlinkSync(fs.realpathSync(path.join(EXAMPLES, 'vitest-versions', version, 'node_modules')), path.join(dir, 'node_modules'));
  const vitest = resolveProjectVitest(dir, dir);
  const tmp = path.join(dir, '.tmp');
  fs.mkdirSync(tmp);
  const base = { vitest, treeRoot: dir, userRoot: dir, projectRoot: dir, tmpDir: tmp };
  let n = 0;
  return {
    vitest,
    start: async (skipProjects: string[]) => {
      const host = await VitestHost.start({ vitest, projectRoot: dir, reporter: SUITE_REPORTER, env: vitestEnv({ ...base, outFile: '' }), timeoutMs: 120_000, skipProjects });
      if (host) hosts.push(host);
      return host;
    },
    run: (host: VitestHost | undefined, extra: { projectArgs?: string[] } = {}) =>
      runVitest({ ...base, setup: 'before', attempt: 0, files: 'all', outFile: path.join(tmp, `out-${++n}.json`), timeoutMs: 120_000, host, ...extra }),
  };
}
const projectsRun = (run: { tests: Map<string, { project: string }> }) => [...new Set([...run.tests.values()].map((t) => t.project))].sort();

describe.each(['v0.34', 'v1', 'v2', 'v3', 'v4'])('leaving a project out on %s', (version) => {
  // The fast tier runs this on FAST_TIER_VITEST only (test-utils/src/tier.ts).
  const test = it.runIf(runsInTier(FAST_TIER_VITEST.includes(version)));
  test('the warm host runs every project without a skip, and only the kept ones with one, run after run', async () => {
    const p = project(version);
    const all = await p.start([]);
    expect(projectsRun(await p.run(all))).toEqual(['slow', 'unit']);
    const host = await p.start(['slow']);
    expect(host?.selection).toEqual({ all: ['unit', 'slow'], skipped: ['slow'], kept: ['unit'] });
    expect(projectsRun(await p.run(host))).toEqual(['unit']);
    expect(projectsRun(await p.run(host))).toEqual(['unit']);
  });

  it.runIf(version !== 'v0.34')('a spawned run leaves it out through --project', async () => {
    const p = project(version);
    const run = await p.run(undefined, { projectArgs: projectArgs(selectProjects(['unit', 'slow'], ['slow']), p.vitest.major) });
    expect(run.status).toBe('ok');
    expect(projectsRun(run)).toEqual(['unit']);
  });

  test('a name that is no project stops the host with the list of projects', async () => {
    const p = project(version);
    await expect(p.start(['slw'])).rejects.toMatchObject({ code: 'PP_USAGE', message: expect.stringContaining('the projects are "unit", "slow"') });
  });
});

describe('verifyPatch with skipProjects', () => {
  it('leaves the project out of both trees, says so in the report, and keys the baseline cache by it', async () => {
    const repo = await createVitestProject({
      ...FILES,
      ...configFiles('v4'),
      'src/half.ts': 'export const half = (x: number) => x / 2;\n',
      'unit/a.test.ts': "import { expect, it } from 'vitest';\nimport { half } from '../src/half';\nit('halves', () => expect(half(4)).toBe(2));\n",
      // The slow project's test breaks after the patch: left out, it cannot decide the verdict.
      'slow/b.test.ts': "import { expect, it } from 'vitest';\nimport { half } from '../src/half';\nit('halves odd', () => expect(half(3)).toBe(1.5));\n",
    });
    dirs.push(repo.dir);
    repo.write('src/half.ts', 'export const half = (x: number) => Math.floor(x / 2);\n');
    const cacheDir = path.join(repo.dir, 'node_modules-cache');
    const common = { cwd: repo.dir, typecheck: false, probes: false, mutation: false, reruns: 0, cacheDir };
    const skipped = await verifyPatch({ ...common, skipProjects: ['slow'] });
    expectValidReport(skipped);
    expect(skipped.tests.skippedProjects).toEqual(['slow']);
    expect(skipped.tests.changed).toEqual([]);
    expect(skipped.tests.totals.after).toMatchObject({ pass: 1, fail: 0 });
    // Without the skip the cache entry above must not be reused: the slow test runs and fails.
    const whole = await verifyPatch(common);
    expect(whole.tests.skippedProjects).toBeUndefined();
    expect(whole.cache.status).toBe('miss');
    expect(whole.verdict).toBe('regressive');
    expect(whole.tests.changed.map((c) => c.name)).toContain('slow/b.test.ts > halves odd');
  });

  it('refuses a name that is no project, in one line that lists them', async () => {
    const repo = await createVitestProject({ ...FILES, ...configFiles('v4'), 'src/x.ts': 'export const x = 1;\n' });
    dirs.push(repo.dir);
    repo.write('src/x.ts', 'export const x = 2;\n');
    await expect(verifyPatch({ cwd: repo.dir, typecheck: false, probes: false, mutation: false, skipProjects: ['typs'] })).rejects.toMatchObject({
      code: 'PP_USAGE',
      message: '--skip-project typs: no vitest project has that name; the projects are "unit", "slow"',
    });
  });
});
