// A test's helper (tests/_utils.ts) is on the tests' side: it goes with its tests when they run on
// the other side's code. Found on ast-kit's "test: improve coverage" (fa5c8a2e, the accuracy
// benchmark): the new tests import a new helper, which the old code's tree lacked, so all of them
// "failed on the old code" and a test-only patch read as substantive with high confidence. The
// same shape on the old tests' side (a helper moved or rewritten) would read as regressive.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, type GitRepo } from '@patchprobe/test-utils';
import { verifyPatch } from '../../src/index.js';
import { isTestSupportPath } from '../../src/suites/test-files.js';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

const SRC = 'export const half = (x: number) => x / 2;\n';
const HELPER = "import { half } from '../src/half';\nexport const halves = (xs: number[]) => xs.map(half);\n";
const TEST = "import { expect, it } from 'vitest';\nimport { halves } from './helpers';\nit('halves', () => expect(halves([4, 3])).toEqual([2, 1.5]));\n";

async function project(): Promise<GitRepo> {
  const r = await createVitestProject({ 'src/half.ts': SRC, 'tests/helpers.ts': HELPER, 'tests/half.test.ts': TEST });
  repos.push(r);
  return r;
}

// No reruns: the verdicts here do not depend on flake control, which has its own tests (CI is CPU-bound).
const FAST = { typecheck: false, mutation: false, reruns: 0 } as const;

describe('test helpers go with their tests', () => {
  it('a new test with a new helper is a test change, not a behaviour change', async () => {
    const r = await project();
    r.write('tests/_utils.ts', "export const pair = (a: number, b: number): [number, number] => [a, b];\n");
    r.write('tests/pair.test.ts', "import { expect, it } from 'vitest';\nimport { half } from '../src/half';\nimport { pair } from './_utils';\nit('halves a pair', () => expect(pair(half(2), half(6))).toEqual([1, 3]));\n");
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expectValidReport(report);
    expect(report.changes.files.find((f) => f.path === 'tests/_utils.ts')?.role).toBe('test');
    // The new test runs on the old code with its helper, and passes there: it pins nothing new.
    expect(report.tests.changed.map((t) => `${t.name}: ${t.newTestOnOldCode}`)).toEqual(['tests/pair.test.ts > halves a pair: pass']);
    expect(report.verdict, report.summary).toBe('cosmetic');
  });

  it('moving a helper and its imports breaks nothing', async () => {
    const r = await project();
    fs.mkdirSync(path.join(r.dir, 'tests/support'));
    fs.renameSync(path.join(r.dir, 'tests/helpers.ts'), path.join(r.dir, 'tests/support/halves.ts'));
    r.write('tests/support/halves.ts', HELPER.replace('../src/', '../../src/'));
    r.write('tests/half.test.ts', TEST.replace("'./helpers'", "'./support/halves'"));
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expectValidReport(report);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.verdict, report.summary).not.toBe('regressive');
  });

  it('an old test still catches a break when the patch also edits it and its helper', async () => {
    const r = await project();
    r.write('src/half.ts', 'export const half = (x: number) => Math.floor(x / 2);\n');
    r.write('tests/helpers.ts', `${HELPER}// used by tests/half.test.ts\n`);
    r.write('tests/half.test.ts', `// halves\n${TEST}`);
    const report = await verifyPatch({ cwd: r.dir, ...FAST });
    expectValidReport(report);
    expect(report.verdict, report.summary).toBe('regressive');
  });

  it('knows helpers by the folders vitest coverage leaves out', () => {
    for (const f of ['tests/_utils.ts', 'test/fixtures/a.ts', 'src/__tests__/setup.ts', 'src/__mocks__/fs.ts', 'packages/a/test/util.ts', 'test-utils.ts'])
      expect(isTestSupportPath(f), f).toBe(true);
    for (const f of ['src/test.ts', 'src/testing/index.ts', 'src/utils.ts', 'lib/tests.ts']) expect(isTestSupportPath(f), f).toBe(false);
    expect(isTestSupportPath('packages/a/src/__tests__/x.ts', 'packages/a')).toBe(true);
    expect(isTestSupportPath('examples/app/test/x.ts', 'examples/app')).toBe(true);
  });
});
