import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, type GitRepo } from '@patchprobe/test-utils';
import { verifyPatch } from '../src/index.js';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

// Found on a real project (unjs/ufo): test.each with equal titles. Each must count on its own.
describe('tests with the same title in one suite', () => {
  it('are kept apart, in collection order', async () => {
    const test = (b: number) =>
      `import { expect, it } from 'vitest';\nimport { double } from './double';\nit.each([[1, 2], [${b}, ${2 * b}]])('doubles', (a, b) => expect(double(a)).toBe(b));\n`;
    const r = await createVitestProject({ 'double.ts': 'export const double = (x: number) => x * 2;\n', 'double.test.ts': test(3) });
    repos.push(r);
    r.write('double.ts', 'export const double = (x: number) => (x === 3 ? 5 : x * 2);\n');
    const report = await verifyPatch({ cwd: r.dir, reruns: 0 });
    expectValidReport(report);
    expect(report.tests.totals.before).toEqual({ pass: 2, fail: 0, skip: 0, todo: 0 });
    expect(report.tests.changed.map((t) => `${t.name}: ${t.before} → ${t.after}`)).toEqual(['double.test.ts > doubles #2: pass → fail']);
    expect(report.verdict).toBe('regressive');
  });
});
