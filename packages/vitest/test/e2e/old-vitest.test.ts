import { execa } from 'execa';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLES, REPO_ROOT, createGitRepo, type GitRepo } from '@patchprobe/test-utils';

// Below vitest 3.2 the plugin's hooks are never called (configureVitest is 3.1+): without a word
// it would do nothing. It says so in one line at startup, and with failOn the run fails instead.
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

describe.each(['v1', 'v2'])('the plugin on vitest %s', (version) => {
  const installed = (JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'vitest-versions', version, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;

  it('names the minimum version in one line, and the tests still run', async () => {
    repo = await project(version, '');
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(r.exitCode, out).toBe(0);
    expect(out).toMatch(/Tests\s+1 passed/);
    const lines = out.split('\n').filter((l) => l.includes('@patchprobe/vitest needs vitest 3.2.0 or newer'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`this project has vitest ${installed}`);
  }, 180_000);

  it('fails the run when failOn is set, rather than pass a gate it cannot check', async () => {
    repo = await project(version, "{ failOn: ['regressive'] }");
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(r.exitCode, out).not.toBe(0);
    expect(out).toContain(`patchprobe: @patchprobe/vitest needs vitest 3.2.0 or newer and this project has vitest ${installed}`);
  }, 180_000);
});
