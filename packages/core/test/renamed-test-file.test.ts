import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, type GitRepo } from '@patchprobe/test-utils';
import { verifyPatch } from '../src/index.js';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

const SRC = 'export const half = (x: number) => x / 2;\n';
const TEST = "import { expect, it } from 'vitest';\nimport { half } from '../src/half';\nit('halves', () => expect(half(4)).toBe(2));\nit('halves odd', () => expect(half(3)).toBe(1.5));\n";

async function renamed(): Promise<GitRepo> {
  const r = await createVitestProject({ 'src/half.ts': SRC, 'test/math.test.ts': TEST });
  repos.push(r);
  fs.mkdirSync(path.join(r.dir, 'test/unit'));
  fs.renameSync(path.join(r.dir, 'test/math.test.ts'), path.join(r.dir, 'test/unit/math.test.ts'));
  r.write('test/unit/math.test.ts', TEST.replaceAll('../src/', '../../src/'));
  return r;
}

// A moved test file holds the same tests: not "removed" plus "new".
describe('a test file moved without other edits', () => {
  it('changes no test outcome', async () => {
    const r = await createVitestProject({ 'src/half.ts': SRC, 'test/math.test.ts': TEST, 'test/other.test.ts': TEST });
    repos.push(r);
    fs.renameSync(path.join(r.dir, 'test/math.test.ts'), path.join(r.dir, 'test/maths.test.ts'));
    const report = await verifyPatch({ cwd: r.dir, typecheck: false, reruns: 0 });
    expectValidReport(report);
    expect(report.tests.changed).toEqual([]);
    expect(report.findings.map((f) => f.kind)).not.toContain('test-removed');
    expect(`${report.verdict}/${report.confidence}`).toBe('cosmetic/high');
  });

  it('reports a break in a moved file once, under its new name, and not as flaky', async () => {
    const r = await createVitestProject({ 'src/half.ts': SRC, 'test/math.test.ts': TEST, 'test/other.test.ts': TEST });
    repos.push(r);
    fs.renameSync(path.join(r.dir, 'test/math.test.ts'), path.join(r.dir, 'test/maths.test.ts'));
    r.write('src/half.ts', 'export const half = (x: number) => Math.floor(x / 2);\n');
    const report = await verifyPatch({ cwd: r.dir, typecheck: false, reruns: 0 });
    expectValidReport(report);
    const changed = report.tests.changed.map((t) => `${t.name}: ${t.before} → ${t.after}${t.flaky ? ' (flaky)' : ''}`).sort();
    expect(changed).toEqual(['test/maths.test.ts > halves odd: pass → fail', 'test/other.test.ts > halves odd: pass → fail']);
    expect(report.verdict).toBe('regressive');
  });

  it('still compares a moved file whose content changed as removed + added', async () => {
    const r = await renamed();
    const report = await verifyPatch({ cwd: r.dir, typecheck: false, reruns: 0 });
    expect(report.findings.map((f) => f.kind)).toContain('test-removed');
  });
});
