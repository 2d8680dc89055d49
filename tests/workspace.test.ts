import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projects } from '../vitest.workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

function testFilesOnDisk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(dir, f));
}

// vitest 4 silently ignores a workspace file it does not read and runs whatever the root default
// include finds. This asks vitest itself what `pnpm test` collects.
describe('pnpm test collects every package', () => {
  const listed = JSON.parse(
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'list', '--filesOnly', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    }),
  ) as Array<{ file: string; projectName: string }>;

  it('runs each project of vitest.workspace.ts with at least one test file', () => {
    const names = projects.map((p) => (typeof p === 'object' && p.test?.name) || String(p));
    for (const name of names) expect(listed.filter((l) => l.projectName === name).length, `project ${name}`).toBeGreaterThan(0);
  });

  it('collects every *.test.ts under packages/*/test', () => {
    const collected = new Set(listed.map((l) => l.file));
    const packages = fs.readdirSync(path.join(ROOT, 'packages'));
    const onDisk = packages.flatMap((p) => testFilesOnDisk(path.join(ROOT, 'packages', p, 'test')));
    expect(onDisk.length).toBeGreaterThan(5);
    expect(onDisk.filter((f) => !collected.has(f))).toEqual([]);
  });

  it('does not collect the example projects (the CLI runs them with their own vitest)', () => {
    expect(listed.filter((l) => l.file.includes(`${path.sep}examples${path.sep}`))).toEqual([]);
  });
});
