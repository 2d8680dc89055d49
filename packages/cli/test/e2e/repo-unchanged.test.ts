import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN, createVitestProject, expectValidReport, type GitRepo, isolatedTmp, processesUnder, repoState, runCli, scaledMs, spawnCli } from '@patchprobe/test-utils';

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

  for (const signal of ['SIGINT', 'SIGHUP'] as const) {
    it(`after ${signal === 'SIGINT' ? 'Ctrl-C' : 'the terminal closed (SIGHUP)'} in the middle of a suite run: exit 130, copies removed, no process left`, async () => {
      const r = await busyRepo();
      const before = repoState(r.dir);
      const tmp = isolatedTmp();
      const child = spawnCli(['verify', '--cwd', r.dir], { env: { TMPDIR: tmp, PP_TEST_DELAY: '20000' } });
      await suiteRunning(tmp, child.pid);
      const interrupted = Date.now();
      child.kill(signal);
      const result = await child;
      // The suite would run for 20 s more: only killing its process group ends it this fast.
      expect(Date.now() - interrupted).toBeLessThan(scaledMs(3_000));
      expect(result.exitCode).toBe(130);
      expect(String(result.stderr)).toMatch(/interrupted; temporary copies were removed/);
      expect(processesUnder(tmp)).toEqual([]);
      expect(fs.readdirSync(tmp)).toEqual([]);
      expect(repoState(r.dir)).toBe(before);
    });
  }

  it('after the process that started it dies (a cancelled CI job): copies removed, no process left', async () => {
    const r = await busyRepo();
    const before = repoState(r.dir);
    const tmp = isolatedTmp();
    // A parent that starts patchprobe and is then killed without a chance to pass anything on.
    const script = `require('child_process').spawn(process.execPath, ${JSON.stringify([CLI_BIN, 'verify', '--cwd', r.dir])}, { stdio: 'ignore' }); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', script], { env: { ...process.env, TMPDIR: tmp, PP_TEST_DELAY: '20000' }, stdio: 'ignore' });
    const exited = new Promise((resolve) => parent.on('exit', resolve));
    await suiteRunning(tmp, parent.pid);
    const killed = Date.now();
    parent.kill('SIGKILL');
    await exited;
    await until(() => fs.readdirSync(tmp).length === 0 && processesUnder(tmp).length === 0, scaledMs(10_000), 'patchprobe never cleaned up after its parent died');
    expect(Date.now() - killed).toBeLessThan(scaledMs(6_000));
    expect(repoState(r.dir)).toBe(before);
  });

  it('after SIGKILL in the middle of a suite run: no process left, and the next run removes the copies', async () => {
    const r = await busyRepo();
    const before = repoState(r.dir);
    const tmp = isolatedTmp();
    const child = spawnCli(['verify', '--cwd', r.dir], { env: { TMPDIR: tmp, PP_TEST_DELAY: '20000' } });
    await suiteRunning(tmp, child.pid);
    child.kill('SIGKILL');
    await child;
    // SIGKILL cannot be caught: the workspace stays, but the children must not run on without it.
    await until(() => processesUnder(tmp).length === 0, scaledMs(10_000), 'children of the killed run are still running');
    const [left] = fs.readdirSync(tmp);
    expect(left).toMatch(/^patchprobe-/);
    expect(repoState(r.dir)).toBe(before);

    const next = await runCli(['verify', '--cwd', r.dir, '--no-probes', '--no-mutation', '--debug'], { env: { TMPDIR: tmp } });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/^patchprobe: removed 1 temp workspace\(s\) left by killed runs, \d+(\.\d)? [kMG]B$/m);
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(repoState(r.dir)).toBe(before);
  });
});

/** Waits until a vitest process runs inside the temp copies under `tmp` (not `launcher` itself). */
async function suiteRunning(tmp: string, launcher: number | undefined): Promise<void> {
  await until(() => processesUnder(tmp).some((p) => p !== launcher), scaledMs(60_000), 'vitest never started');
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function until(done: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
