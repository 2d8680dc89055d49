import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProjectVitest, watchProjectVitest } from './run-project-vitest.js';
import { childProcessesWith, EXAMPLES, repoState, runsInTier, scaledMs } from '@patchprobe/test-utils';
import { createExampleRepo, git } from '../../../../scripts/lib/example-repo.mjs';

// The plugin examples, run the way their users run them: the project's own vitest (4.1 with
// test.projects, and 3.2), in a git repository whose working tree holds the example's patch.

interface Repo {
  dir: string;
  cleanup: () => void;
}
let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

const runVitest = runProjectVitest;

describe.each(['vitest-plugin-v4', 'vitest-plugin-v3'])('%s', (name) => {
  // The fast tier (test-utils/src/tier.ts) runs the live verdict on vitest 4 and the matcher's
  // inputs derived in the main process on both; the full tier every test on both.
  const onlyFull = it.runIf(runsInTier(false));
  const onlyFullOn3 = name === 'vitest-plugin-v3' ? onlyFull : it;
  const example = path.join(EXAMPLES, name);

  onlyFullOn3('prints the verdict of the uncommitted change after the run, and the tests using base imports and toBehaveLike pass', async () => {
    repo = createExampleRepo(example);
    git(repo.dir, ['apply', path.join(example, 'patch.diff')]);
    const before = repoState(repo.dir);
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(out, out).toMatch(/Tests\s+5 passed/);
    expect(r.exitCode, out).toBe(0);
    expect(out).toMatch(/patchprobe {2}SUBSTANTIVE \(medium confidence\) · working tree vs HEAD/);
    expect(out).toMatch(/src\/money\.ts#formatPrice\s+semantic\s+probe: diverged\s+formatPrice\(-\d+/);
    // printed once, also with two projects
    expect(out.match(/patchprobe {2}SUBSTANTIVE/g)).toHaveLength(1);
    expect(repoState(repo.dir)).toBe(before);
  }, scaledMs(180_000));

  // In watch mode the recording and probe runs' vitest processes are kept from one verdict to the
  // next (core's InspectSession); each verdict still copies the working tree afresh, so the verdict
  // after an edit must be about that edit.
  onlyFullOn3('in watch mode, gives the verdict of each edit in turn, the later ones from the processes it kept', async () => {
    repo = createExampleRepo(example);
    git(repo.dir, ['apply', path.join(example, 'patch.diff')]);
    const child = watchProjectVitest(repo.dir);
    let out = '';
    const verdicts = (): string[] => out.split(' patchprobe  ').slice(1);
    const waitFor = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const check = (chunk: Buffer): void => {
          out += chunk.toString('utf8');
          if (verdicts().length >= n && /\n\s*\n/.test(verdicts()[n - 1]!)) {
            child.all!.off('data', check);
            resolve();
          }
        };
        child.all!.on('data', check);
        void child.then(() => reject(new Error(`vitest ended before verdict ${n}:\n${out}`)));
      });
    // The session's two processes: children of this vitest that run vitest configs only.
    const kept = (): number[] => childProcessesWith(child.pid!, '--configs-only');
    try {
      await waitFor(1);
      expect(verdicts()[0]).toMatch(/^SUBSTANTIVE/);
      expect(verdicts()[0]).not.toContain('withVat');
      const hosts = kept();
      expect(hosts).toHaveLength(2);
      const money = path.join(repo.dir, 'src/money.ts');
      fs.writeFileSync(money, fs.readFileSync(money, 'utf8').replace('return Math.round(', 'return Math.floor('));
      await waitFor(2);
      expect(verdicts()[1]).toMatch(/src\/money\.ts#withVat\s+semantic\s+probe: diverged\s+withVat\(/);
      expect(kept()).toEqual(hosts);
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  }, scaledMs(180_000));

  onlyFull('says there is no change on a clean tree, where the unchanged function behaves like its base version', async () => {
    repo = createExampleRepo(example);
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(r.exitCode, out).toBe(0);
    expect(out).toMatch(/Tests\s+3 passed/);
    expect(out).toContain('patchprobe  no change against HEAD');
  }, scaledMs(180_000));

  onlyFull('fails the run when the verdict is in failOn', async () => {
    repo = createExampleRepo(example);
    git(repo.dir, ['apply', path.join(example, 'patch.diff')]);
    const config = fs.readFileSync(path.join(repo.dir, 'vitest.config.ts'), 'utf8').replace("patchprobe({ base: 'HEAD',", "patchprobe({ base: 'HEAD', failOn: ['substantive'],");
    fs.writeFileSync(path.join(repo.dir, 'vitest.failon.config.ts'), config);
    const r = await runVitest(repo.dir, ['--config', 'vitest.failon.config.ts']);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/Tests\s+5 passed/);
    expect(out).toContain('failing the run: the verdict is substantive');
    expect(r.exitCode).toBe(1);
  }, scaledMs(180_000));

  // The inputs of every toBehaveLike are derived in vitest's main process when the run starts (one
  // TypeScript program per run), and the workers read them from the run's cache: no worker builds a
  // program (seconds each on a loaded machine, past vitest's 5 s test timeout), and the first
  // toBehaveLike takes what a later one takes. Idle: ~1.2 s when the test built the program itself.
  it("derives the matcher's inputs in the main process before the tests: no worker builds a TypeScript program", async () => {
    repo = createExampleRepo(example);
    const out = path.join(repo.dir, '..', `${path.basename(repo.dir)}.json`);
    const log = path.join(repo.dir, '..', `${path.basename(repo.dir)}.derive.log`);
    try {
      const r = await runVitest(repo.dir, ['--reporter=json', `--outputFile=${out}`], { PATCHPROBE_DERIVE_LOG: log });
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { testResults: Array<{ assertionResults: Array<{ title: string; duration: number }> }> };
      const behaveLike = report.testResults.flatMap((f) => f.assertionResults).find((t) => t.title.includes('inputs derived from its parameter types'));
      expect(behaveLike?.duration).toBeLessThan(scaledMs(400));
      const programs = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { worker: boolean });
      expect(programs.filter((p) => !p.worker).length).toBeGreaterThan(0);
      expect(programs.filter((p) => p.worker)).toEqual([]);
    } finally {
      fs.rmSync(out, { force: true });
      fs.rmSync(log, { force: true });
    }
  }, scaledMs(180_000));
});
