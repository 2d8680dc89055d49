import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, type GitRepo } from '@patchprobe/test-utils';
import { verifyPatch } from '../../src/index.js';

// Without a baseline cache to fill, the before tree runs only the test files whose module graph
// holds a file the patch changes (vitest's `related`); the others pass after the patch and import
// nothing it changed, so their before outcomes are the after run's. Any test failing after the
// patch runs on the before tree too, so a break the module graph does not show is still a break.
const repos: GitRepo[] = [];
const dirs: string[] = [];
afterAll(() => {
  repos.forEach((r) => r.cleanup());
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const PROJECT = {
  'src/half.ts': 'export const half = (x: number) => x / 2;\n',
  'src/sum.ts': 'export const sum = (a: number, b: number) => a + b;\n',
  'fixtures/limits.json': '{ "max": 10 }\n',
  'test/half.test.ts': "import { expect, it } from 'vitest';\nimport { half } from '../src/half';\nit('halves', () => expect(half(4)).toBe(2));\n",
  'test/sum.test.ts': "import { expect, it } from 'vitest';\nimport { sum } from '../src/sum';\nit('adds', () => expect(sum(1, 2)).toBe(3));\n",
  // Reads its fixture from disk: no import of it, so vitest's module graph does not link them.
  'test/limits.test.ts':
    "import fs from 'node:fs';\nimport { expect, it } from 'vitest';\nit('caps at ten', () => expect(JSON.parse(fs.readFileSync('fixtures/limits.json', 'utf8')).max).toBe(10));\n",
  // Fails before and after the patch, in a file that imports nothing the patch changes.
  'test/known.test.ts': "import { expect, it } from 'vitest';\nimport { sum } from '../src/sum';\nit('is known to fail', () => expect(sum(1, 1)).toBe(3));\n",
};

async function project(): Promise<GitRepo> {
  const r = await createVitestProject(PROJECT);
  repos.push(r);
  return r;
}

const firstBefore = (report: Awaited<ReturnType<typeof verifyPatch>>) => report.tests.runs.find((r) => r.setup === 'before' && r.attempt === 0);

describe('the before tree runs the test files that can see the patch', () => {
  it('an honest change: only the importing file runs on the old code, the verdict and the counts are those of a full run', async () => {
    const r = await project();
    r.write('src/half.ts', 'export const half = (x: number) => x * 0.5;\n');
    const report = await verifyPatch({ cwd: r.dir, typecheck: false, probes: false, mutation: false, reruns: 0 });
    expectValidReport(report);
    // known.test.ts fails after the patch: it ran on the old code, where it fails too.
    expect(firstBefore(report)?.inferredFiles).toEqual(['test/limits.test.ts', 'test/sum.test.ts']);
    expect(report.tests.changed).toEqual([]);
    // The same project with a cache to fill runs the whole before tree: the same outcome.
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-related-cache-'));
    dirs.push(cacheDir);
    const full = await verifyPatch({ cwd: r.dir, typecheck: false, probes: false, mutation: false, reruns: 0, cacheDir });
    expect(firstBefore(full)?.inferredFiles).toBeUndefined();
    expect([full.verdict, full.tests.totals]).toEqual([report.verdict, report.tests.totals]);
    expect(report.tests.totals.before).toEqual({ pass: 3, fail: 1, skip: 0, todo: 0 });
  });

  it('a break the module graph does not show (a fixture read from disk) still runs on the old code and reads as a break', async () => {
    const r = await project();
    r.write('src/half.ts', 'export const half = (x: number) => x * 0.5;\n');
    r.write('fixtures/limits.json', '{ "max": 5 }\n');
    const report = await verifyPatch({ cwd: r.dir, typecheck: false, probes: false, mutation: false, reruns: 0 });
    expectValidReport(report);
    expect(firstBefore(report)?.inferredFiles).toEqual(['test/sum.test.ts']);
    expect(report.tests.changed.map((c) => `${c.name}: ${c.before} → ${c.after}`)).toEqual(['test/limits.test.ts > caps at ten: pass → fail']);
    expect(report.findings.map((f) => f.kind)).toContain('test-broken');
    expect(report.verdict).toBe('regressive');
  });
});
