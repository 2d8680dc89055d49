import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, isolatedTmp, processesUnder, repoState, runCli, spawnCli, type GitRepo } from '@patchprobe/test-utils';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

const SRC = 'export function total(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n';
const SLOW_TEST =
  "import { it, expect } from 'vitest';\nimport { total } from './total';\n" +
  "it('sums', async () => {\n  await new Promise((r) => setTimeout(r, Number(process.env.PP_TEST_DELAY ?? 0)));\n  expect(total([1, 2])).toBe(3);\n});\n";

/** A repository in every state a user's can be in: staged, unstaged, untracked, stashed, configured. */
async function busyRepo(): Promise<GitRepo> {
  const r = await createVitestProject({ 'total.ts': SRC, 'total.test.ts': SLOW_TEST, 'notes.md': 'a\n' });
  repos.push(r);
  r.write('notes.md', 'stashed change\n');
  await r.git('stash', 'push', '-q', '-m', 'user work in progress');
  await r.git('config', 'user.signingkey', 'KEEP-ME');
  r.write('total.ts', SRC.replace('a + b', 'b + a'));
  await r.git('add', 'total.ts');
  r.write('total.ts', SRC.replace('a + b', 'b + a').replace('0);', '0 );'));
  r.write('untracked.ts', 'export const u = 1;\n');
  return r;
}

describe("the user's repository stays byte-identical", () => {
  it('after a complete run on the working tree', async () => {
    const r = await busyRepo();
    const before = repoState(r.dir);
    const tmp = isolatedTmp();
    const jsonFile = path.join(tmp, '..', `${path.basename(tmp)}.json`);
    const result = await runCli(['verify', '--cwd', r.dir, '--json', jsonFile], { env: { TMPDIR: tmp } });
    expectValidReport(JSON.parse(fs.readFileSync(jsonFile, 'utf8')));
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(repoState(r.dir)).toBe(before);
    expect(await r.git('stash', 'list')).toContain('user work in progress');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('after Ctrl-C in the middle of a suite run: exit 130, copies removed, no process left', async () => {
    const r = await busyRepo();
    const before = repoState(r.dir);
    const tmp = isolatedTmp();
    const child = spawnCli(['verify', '--cwd', r.dir], { env: { TMPDIR: tmp, PP_TEST_DELAY: '20000' } });
    // Wait until a vitest process is running inside our temp copies, then interrupt.
    const deadline = Date.now() + 60_000;
    while (processesUnder(tmp).filter((p) => p !== child.pid).length === 0) {
      if (Date.now() > deadline) throw new Error('vitest never started');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const interrupted = Date.now();
    child.kill('SIGINT');
    const result = await child;
    // The suite would run for 20 s more: only killing its process group ends it this fast.
    expect(Date.now() - interrupted).toBeLessThan(3_000);
    expect(result.exitCode).toBe(130);
    expect(String(result.stderr)).toMatch(/interrupted; temporary copies were removed/);
    expect(processesUnder(tmp)).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(repoState(r.dir)).toBe(before);
  });
});
