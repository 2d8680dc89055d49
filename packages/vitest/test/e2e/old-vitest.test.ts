import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProjectVitest } from './run-project-vitest.js';
import { createGitRepo, EXAMPLES, type GitRepo, itFull, REPO_ROOT, repoState, runsInTier, scaledMs } from '@patchprobe/test-utils';
import { git } from '../../../../scripts/lib/example-repo.mjs';
import { pluginVersionProblem } from '../../src/plugin.js';

// vitest 0.34–3.0 have no configureVitest: the plugin wires itself in through its config hook (the
// setup file, a reporter beside the user's) and reports from onFinished. examples/vitest-plugin-v3's
// library and tests (a base import, toBehaveLike) run here under vitest 0.34 (vite 4) and 2.1.
const PLUGIN = path.join(REPO_ROOT, 'packages/vitest/dist/index.js');
const example = path.join(EXAMPLES, 'vitest-plugin-v3');

let repo: GitRepo | undefined;
afterEach(() => repo?.cleanup());

function project(version: string, options: string): Promise<GitRepo> {
  const files: Record<string, string> = {
    'package.json': '{"name":"plugin-old-vitest","private":true,"type":"module"}',
    'vitest.config.mjs': `import { patchprobe } from ${JSON.stringify(PLUGIN)};\nexport default { plugins: [patchprobe(${options})], test: { include: ['test/**/*.test.ts'] } };\n`,
  };
  for (const rel of ['tsconfig.json', 'src/money.ts', 'test/money.test.ts', 'test/money.behaviour.test.ts']) files[rel] = fs.readFileSync(path.join(example, rel), 'utf8');
  return createGitRepo(files, { nodeModulesFrom: path.join(EXAMPLES, 'vitest-versions', version) });
}

const runVitest = runProjectVitest;

describe.each(['v0.34', 'v2'])('the plugin on vitest %s (no configureVitest)', (version) => {
  // The fast tier runs the oldest (test-utils/src/tier.ts).
  it.runIf(runsInTier(version === 'v0.34'))('runs base imports and toBehaveLike, and prints the verdict of the uncommitted change once', async () => {
    repo = await project(version, "{ base: 'HEAD', probes: { runs: 200 } }");
    git(repo.dir, ['apply', path.join(example, 'patch.diff')]);
    const before = repoState(repo.dir);
    const log = `${repo.dir}.derive.log`;
    const r = await runVitest(repo.dir, [], { PATCHPROBE_DERIVE_LOG: log });
    const out = r.stdout + r.stderr;
    expect(out, out).toMatch(/Tests\s+5 passed/);
    // toBehaveLike's inputs were derived in the main process (onPathsCollected), not in a worker.
    // Only this run's: the live verdict's own vitest children pass --reporter, which replaces the
    // plugin's reporter before 3.1, so their workers derive for themselves (through the run's cache).
    const programs = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { worker: boolean; tsconfig: string | null })
      .filter((p) => p.tsconfig?.startsWith(`${repo!.dir}/`));
    fs.rmSync(log, { force: true });
    expect(programs.filter((p) => !p.worker).length).toBeGreaterThan(0);
    expect(programs.filter((p) => p.worker)).toEqual([]);
    expect(r.exitCode, out).toBe(0);
    expect(out.match(/patchprobe {2}SUBSTANTIVE \(medium confidence\) · working tree vs HEAD/g), out).toHaveLength(1);
    expect(out).toMatch(/src\/money\.ts#formatPrice\s+semantic\s+probe: diverged/);
    expect(repoState(repo.dir)).toBe(before);
  }, scaledMs(180_000));
});

describe('the plugin on vitest 2.1 with failOn', () => {
  itFull('fails the run when the verdict is in failOn', async () => {
    repo = await project('v2', "{ base: 'HEAD', failOn: ['substantive'] }");
    git(repo.dir, ['apply', path.join(example, 'patch.diff')]);
    const r = await runVitest(repo.dir);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/Tests\s+5 passed/);
    expect(out).toContain('failing the run: the verdict is substantive');
    expect(r.exitCode).toBe(1);
  }, scaledMs(180_000));
});

// Below 0.34 the hooks would not run and the plugin would do nothing, silently: it says so in one
// line at startup (and, with failOn, fails the run). No vitest that old is installed here, so the
// rule itself is checked.
describe('below vitest 0.34', () => {
  it('names the minimum and the alternative in one line', () => {
    expect(pluginVersionProblem('0.33.0')).toBe(
      '@patchprobe/vitest needs vitest 0.34.0 or newer and this project has vitest 0.33.0: no live verdict, base imports or toBehaveLike in this run. `npx patchprobe verify` judges a change on vitest 0.34 and later.',
    );
    for (const ok of ['0.34.0', '0.34.6', '1.6.1', '2.1.9', '3.0.0', '3.2.7', '4.1.12', undefined]) expect(pluginVersionProblem(ok)).toBeUndefined();
  });
});
