import { execa } from 'execa';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLES, REPO_ROOT, createGitRepo, repoState, type GitRepo } from '@patchprobe/test-utils';
import { git } from '../../../../scripts/lib/example-repo.mjs';

// vitest 2.x–3.0 have no configureVitest: the plugin wires itself in through its config hook and
// reports from onFinished. Below 2.0 its hooks would never run: without a word it would do
// nothing, so it says so in one line at startup, and with failOn the run fails instead.
const PLUGIN = path.join(REPO_ROOT, 'packages/vitest/dist/index.js');

let repo: GitRepo | undefined;
afterEach(() => repo?.cleanup());

function project(version: string, options: string): Promise<GitRepo> {
  return createGitRepo(
    {
      'package.json': '{"name":"old-vitest","private":true,"type":"module"}',
      'vitest.config.mjs': `import { patchprobe } from ${JSON.stringify(PLUGIN)};\nexport default { plugins: [patchprobe(${options})] };\n`,
      'add.test.ts': "import { expect, it } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\n",
    },
    { nodeModulesFrom: path.join(EXAMPLES, 'vitest-versions', version) },
  );
}

function runVitest(dir: string) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST') env[k] = v;
  return execa(process.execPath, [path.join(dir, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd: dir, env: { ...env, CI: '1', NO_COLOR: '1' }, extendEnv: false, reject: false, timeout: 120_000 });
}

describe.each(['v1'])('the plugin on vitest %s', (version) => {
  const installed = (JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'vitest-versions', version, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;

  it('names the minimum version in one line, and the tests still run', async () => {
    repo = await project(version, '');
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(r.exitCode, out).toBe(0);
    expect(out).toMatch(/Tests\s+1 passed/);
    const lines = out.split('\n').filter((l) => l.includes('@patchprobe/vitest needs vitest 2.0.0 or newer'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`this project has vitest ${installed}`);
  }, 180_000);

  it('fails the run when failOn is set, rather than pass a gate it cannot check', async () => {
    repo = await project(version, "{ failOn: ['regressive'] }");
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(r.exitCode, out).not.toBe(0);
    expect(out).toContain(`patchprobe: @patchprobe/vitest needs vitest 2.0.0 or newer and this project has vitest ${installed}`);
  }, 180_000);
});

describe('the plugin on vitest 2.1 (no configureVitest)', () => {
  // examples/vitest-plugin-v3's library and tests (a base import, toBehaveLike) under vitest 2.1.
  const example = path.join(EXAMPLES, 'vitest-plugin-v3');
  async function v2Project(options: string): Promise<GitRepo> {
    const files: Record<string, string> = {
      'package.json': '{"name":"plugin-v2","private":true,"type":"module"}',
      'vitest.config.mjs': `import { patchprobe } from ${JSON.stringify(PLUGIN)};\nexport default { plugins: [patchprobe(${options})], test: { include: ['test/**/*.test.ts'] } };\n`,
    };
    for (const rel of ['tsconfig.json', 'src/money.ts', 'test/money.test.ts', 'test/money.behaviour.test.ts']) files[rel] = fs.readFileSync(path.join(example, rel), 'utf8');
    return createGitRepo(files, { nodeModulesFrom: path.join(EXAMPLES, 'vitest-versions', 'v2') });
  }

  it('runs base imports and toBehaveLike, and prints the verdict of the uncommitted change once', async () => {
    repo = await v2Project("{ base: 'HEAD', probes: { runs: 200 } }");
    git(repo.dir, ['apply', path.join(example, 'patch.diff')]);
    const before = repoState(repo.dir);
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(out, out).toMatch(/Tests\s+5 passed/);
    expect(r.exitCode, out).toBe(0);
    expect(out.match(/patchprobe {2}SUBSTANTIVE \(medium confidence\) · working tree vs HEAD/g), out).toHaveLength(1);
    expect(out).toMatch(/src\/money\.ts#formatPrice\s+semantic\s+probe: diverged/);
    expect(out).not.toContain('needs vitest');
    expect(repoState(repo.dir)).toBe(before);
  }, 180_000);

  it('fails the run when the verdict is in failOn', async () => {
    repo = await v2Project("{ base: 'HEAD', failOn: ['substantive'] }");
    git(repo.dir, ['apply', path.join(example, 'patch.diff')]);
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/Tests\s+5 passed/);
    expect(out).toContain('failing the run: the verdict is substantive');
    expect(r.exitCode).toBe(1);
  }, 180_000);
});
