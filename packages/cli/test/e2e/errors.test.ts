import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, type GitRepo, isolatedTmp, processesUnder, runCli, scaledMs } from '@patchprobe/test-utils';

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
  // Every other bad input (flags, revisions, patches, projects, output paths) is a row of the table
  // in docs/cli.md, walked by bad-inputs.test.ts.
  it('a suite run that times out, with no process left behind', async () => {
    const hang = "import { it } from 'vitest';\nit('hangs', () => { while (true) {} });\n";
    const r = await project({ 'a.test.ts': hang });
    r.write('b.test.ts', TEST);
    const tmp = isolatedTmp();
    const started = Date.now();
    // The patch only adds b.test.ts, so no test file of the before tree is related to it: the
    // after tree's full run is the one that meets the hang.
    expectSetupError(await runCli(['verify', '--cwd', r.dir, '--suite-timeout', '3'], { env: { TMPDIR: tmp } }), /the after test run timed out after 3 s; raise --suite-timeout/);
    expect(Date.now() - started).toBeLessThan(scaledMs(30_000));
    expect(processesUnder(tmp)).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
