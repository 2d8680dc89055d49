import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProjectVitest } from '../../src/suites/resolve-vitest.js';
import { runVitest } from '../../src/suites/run-vitest.js';
import type { SuiteRun } from '../../src/suites/types.js';
import { FAST_TIER_VITEST, runsInTier } from '@patchprobe/test-utils';
import { EXPECTED, project, shape, VERSIONS } from './version-fixture.js';

// The reporter has two paths: onTestRunEnd (TestModule API, vitest >= 3) and onFinished with the
// task tree (0.34, 1.x, 2.x). Each version runs for real here, on the same files, and the outcome
// patchprobe reads must be the same on all of them: the test keys, the states (pass, fail, skip,
// todo), repeated titles, nested suites, a file that does not load, and vitest's own --shard.

async function run(dir: string, shard?: { index: number; count: number }): Promise<SuiteRun> {
  const vitest = resolveProjectVitest(dir, dir);
  const tmp = path.join(dir, '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  return runVitest({ setup: 'before', attempt: 0, vitest, treeRoot: dir, userRoot: dir, projectRoot: dir, files: 'all', shard, outFile: path.join(tmp, `out-${shard?.index ?? 0}.json`), tmpDir: tmp, timeoutMs: 120_000 });
}

describe.each(VERSIONS)('the reporter on vitest %s', (version) => {
  // The fast tier runs this on FAST_TIER_VITEST only (test-utils/src/tier.ts).
  const test = it.runIf(runsInTier(FAST_TIER_VITEST.includes(version)));
  test('reads the same keys and states as on every other version', async () => {
    const dir = project(version);
    const r = await run(dir);
    expect(shape(r)).toEqual(EXPECTED);
    expect(r.vitestVersion ?? resolveProjectVitest(dir, dir).version).toBe(resolveProjectVitest(dir, dir).version);
    expect(r.moduleErrors.get('broken.test.ts')).toMatch(/does-not-exist/);
  });

  test("splits the files with vitest's own --shard, each once", async () => {
    const dir = project(version);
    const parts = await Promise.all([run(dir, { index: 1, count: 2 }), run(dir, { index: 2, count: 2 })]);
    const files = parts.map((p) => [...p.modules]);
    expect(files.flat().sort()).toEqual(['a.test.ts', 'b.test.ts', 'broken.test.ts']);
    expect(files.every((f) => f.length > 0)).toBe(true);
  });
});
