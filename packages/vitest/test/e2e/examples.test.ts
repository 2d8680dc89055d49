import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProjectVitest } from './run-project-vitest.js';
import { EXAMPLES, repoState, scaledMs } from '@patchprobe/test-utils';
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
  const example = path.join(EXAMPLES, name);

  it('prints the verdict of the uncommitted change after the run, and the tests using base imports and toBehaveLike pass', async () => {
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

  it('says there is no change on a clean tree, where the unchanged function behaves like its base version', async () => {
    repo = createExampleRepo(example);
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(r.exitCode, out).toBe(0);
    expect(out).toMatch(/Tests\s+3 passed/);
    expect(out).toContain('patchprobe  no change against HEAD');
  }, scaledMs(180_000));

  it('fails the run when the verdict is in failOn', async () => {
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

  // The TypeScript program behind the first toBehaveLike is built in the setup file's beforeAll (its
  // own 120 s timeout), not inside the test: on a loaded CI machine the build alone passed vitest's
  // 5 s test timeout. Idle, the test takes ~1.2 s without the warm-up and ~20 ms with it.
  it("builds the matcher's type information before the test, not inside its timeout", async () => {
    repo = createExampleRepo(example);
    const out = path.join(repo.dir, '..', `${path.basename(repo.dir)}.json`);
    try {
      const r = await runVitest(repo.dir, ['--reporter=json', `--outputFile=${out}`]);
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { testResults: Array<{ assertionResults: Array<{ title: string; duration: number }> }> };
      const behaveLike = report.testResults.flatMap((f) => f.assertionResults).find((t) => t.title.includes('inputs derived from its parameter types'));
      expect(behaveLike?.duration).toBeLessThan(scaledMs(400));
    } finally {
      fs.rmSync(out, { force: true });
    }
  }, scaledMs(180_000));
});
