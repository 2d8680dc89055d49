import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, isolatedTmp, processesUnder, runCli, type GitRepo } from '@patchprobe/test-utils';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));
async function project(files: Record<string, string>, withVitest = true): Promise<GitRepo> {
  const r = await createVitestProject(files, { withVitest });
  repos.push(r);
  return r;
}

const TEST = "import { it, expect } from 'vitest';\nit('works', () => expect(1).toBe(1));\n";

/** Exit 2, exactly one line on stderr naming the problem and the remedy, no stack trace. */
function expectSetupError(r: { exitCode: number | undefined; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(r.exitCode, `stderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 2000)}`).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^patchprobe: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

describe('setup and usage errors exit 2 with one line', () => {
  it('an unknown flag', async () => {
    expectSetupError(await runCli(['verify', '--frobnicate']), /unknown option --frobnicate; run `patchprobe verify --help`/);
  });

  it('--head with --patch', async () => {
    expectSetupError(await runCli(['verify', '--head', 'HEAD', '--patch', 'x.diff']), /cannot be used together/);
  });

  it('a folder that is not a git repository', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-nogit-'));
    expectSetupError(await runCli(['verify', '--cwd', dir]), /is not inside a git repository; run patchprobe in a git checkout/);
  });

  it('an unknown revision', async () => {
    const r = await project({ 'a.test.ts': TEST });
    expectSetupError(await runCli(['verify', '--cwd', r.dir, '--base', 'v9.9.9']), /unknown revision --base v9\.9\.9; pass a branch, tag or commit/);
  });

  it('a patch file that does not exist', async () => {
    const r = await project({ 'a.test.ts': TEST });
    expectSetupError(await runCli(['verify', '--cwd', r.dir, '--patch', 'nope.diff']), /patch file nope\.diff does not exist/);
  });

  it('a patch that does not apply', async () => {
    const r = await project({ 'a.test.ts': TEST });
    const patch = path.join(r.dir, '..', `${path.basename(r.dir)}.diff`);
    fs.writeFileSync(patch, 'diff --git a/a.test.ts b/a.test.ts\n--- a/a.test.ts\n+++ b/a.test.ts\n@@ -1 +1 @@\n-not there\n+x\n');
    expectSetupError(await runCli(['verify', '--cwd', r.dir, '--patch', patch]), /does not apply to the base revision .*regenerate the patch/);
    fs.rmSync(patch);
  });

  it('no vitest installed', async () => {
    const r = await project({ 'a.test.ts': TEST }, false);
    r.write('a.test.ts', TEST.replace('toBe(1)', 'toBe(2)'));
    expectSetupError(await runCli(['verify', '--cwd', r.dir]), /vitest is not installed for \.; install the project dependencies first/);
  });

  it('a vitest older than the oldest supported (0.34)', async () => {
    // Only the installed package.json is read before the refusal: no vitest of that age is needed.
    const r = await project({ 'a.test.ts': TEST, 'node_modules/vitest/package.json': '{"name":"vitest","version":"0.33.0","bin":{"vitest":"vitest.mjs"}}' }, false);
    r.write('a.test.ts', TEST.replace('toBe(1)', 'toBe(2)'));
    expectSetupError(await runCli(['verify', '--cwd', r.dir]), /vitest 0\.33\.0 is installed for \.; patchprobe needs vitest 0\.34\.0 or newer; upgrade the project's vitest to 0\.34\.0/);
  });

  it("Yarn Plug'n'Play", async () => {
    const r = await project({ 'a.test.ts': TEST, '.pnp.cjs': '// yarn pnp runtime\n' }, false);
    r.write('a.test.ts', TEST.replace('toBe(1)', 'toBe(2)'));
    expectSetupError(await runCli(['verify', '--cwd', r.dir]), /\. installs its packages with Yarn Plug'n'Play \(\.pnp\.cjs\).*nodeLinker: node-modules/);
  });

  it('a vitest config that fails to load', async () => {
    const r = await project({ 'a.test.ts': TEST, 'vitest.config.ts': "throw new Error('broken config');\n" });
    r.write('a.test.ts', TEST.replace('works', 'still works'));
    expectSetupError(await runCli(['verify', '--cwd', r.dir]), /vitest could not run the base version of \.: .*broken config/);
  });

  it('a suite run that times out, with no process left behind', async () => {
    const hang = "import { it } from 'vitest';\nit('hangs', () => { while (true) {} });\n";
    const r = await project({ 'a.test.ts': hang });
    r.write('b.test.ts', TEST);
    const tmp = isolatedTmp();
    const started = Date.now();
    expectSetupError(await runCli(['verify', '--cwd', r.dir, '--suite-timeout', '3'], { env: { TMPDIR: tmp } }), /the before test run timed out after 3 s; raise --suite-timeout/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(processesUnder(tmp)).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
