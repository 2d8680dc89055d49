import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, HALF_SUM_PROJECT, itFull, runsInTier, tempDirs, type GitRepo } from '@patchprobe/test-utils';
import { verifyPatch, type ProgressEvent, type Report, type VerifyOptions } from '../../src/index.js';
import { comparable } from '../shard/normalize.js';

const cleanups: Array<() => void> = [];
const dirs = tempDirs();
const { tempDir } = dirs;
afterAll(() => [...cleanups, dirs.cleanup].forEach((c) => c()));
// The suite is the subject here: the other stages stay off to keep each run short.
const FAST: VerifyOptions = { typecheck: false, probes: false, mutation: false };

async function project(extra: Record<string, string> = {}): Promise<GitRepo> {
  const r = await createVitestProject({
    ...HALF_SUM_PROJECT,
    'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    ...extra,
  });
  cleanups.push(r.cleanup);
  return r;
}

async function verify(r: GitRepo, options: VerifyOptions): Promise<{ report: Report; events: ProgressEvent[] }> {
  const events: ProgressEvent[] = [];
  const report = await verifyPatch({ cwd: r.dir, ...FAST, ...options, onEvent: (e) => events.push(e) });
  expectValidReport(report);
  return { report, events };
}

/** A tmpfs mounted with `options` on a fresh folder, unmounted after the file's tests. */
function mountTmpfs(options: string): string {
  const dir = tempDir('pp-cache-mount-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  cleanups.unshift(() => execFileSync('umount', [dir]));
  return dir;
}

/** Writes to `dir` until the disk refuses: ENOSPC from then on. */
function fillUp(dir: string): void {
  try {
    for (let i = 0; ; i++) fs.writeFileSync(path.join(dir, `fill-${i}`), Buffer.alloc(16 * 1024));
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
}

const ranBefore = (events: readonly ProgressEvent[]): number => events.filter((e) => e.type === 'suite-run-start' && e.setup === 'before' && e.attempt === 0 && e.files === 'all').length;
const runsOf = (report: Report): string[] => report.tests.runs.map((r) => `${r.setup}/${r.attempt}${r.cached ? ' cached' : ''}`);
const entries = (cacheDir: string, key: string): string[] => fs.readdirSync(path.join(cacheDir, key)).map((n) => path.join(cacheDir, key, n));

describe('the baseline cache', () => {
  it('misses on the first run and reuses the before run on the next run on the same base', async () => {
    const r = await project();
    r.write('src/half.ts', 'export const half = (x: number) => Math.floor(x / 2);\n');
    const cacheDir = tempDir('pp-cache-');

    const cold = await verify(r, { cacheDir });
    expect(cold.report.cache).toEqual({ status: 'miss', key: expect.stringMatching(/^[0-9a-f]{64}$/), dir: cacheDir, reusedRuns: 0 });
    expect(ranBefore(cold.events)).toBe(1);
    expect(runsOf(cold.report).slice(0, 2)).toEqual(['before/0', 'after/0']);
    expect(entries(cacheDir, cold.report.cache.key as string)).toHaveLength(1);

    const warm = await verify(r, { cacheDir });
    expect(warm.report.cache).toEqual({ ...cold.report.cache, status: 'hit', reusedRuns: 1 });
    // The before tree's full run did not run again; the reruns of the changed test's file did.
    expect(ranBefore(warm.events)).toBe(0);
    expect(runsOf(warm.report).sort()).toEqual(runsOf(cold.report).map((x) => (x === 'before/0' ? 'before/0 cached' : x)).sort());
    expect(warm.report.tests.runs[0]).toMatchObject({ setup: 'before', attempt: 0, cached: true, durationMs: 0, counts: cold.report.tests.runs[0]?.counts });
    expect(comparable(warm.report)).toEqual(comparable(cold.report));
    expect(warm.report.verdict).toBe('regressive');
  });

  it('writes nothing and reports off without a cache folder', async () => {
    const r = await project();
    r.write('src/half.ts', 'export const half = (x: number) => x * 0.5;\n');
    const { report } = await verify(r, {});
    expect(report.cache).toEqual({ status: 'off' });
    expect(report.tests.runs.some((x) => x.cached)).toBe(false);
  });

  const damage: Array<[string, (text: string) => string]> = [
    ['a truncated entry', (t) => t.slice(0, Math.floor(t.length * 0.6))],
    ['a foreign entry (another key inside)', (t) => t.replace(/"key":"[0-9a-f]{64}"/, `"key":"${'0'.repeat(64)}"`)],
    ['an entry whose runs were tampered with', (t) => t.replace('"state":"pass"', '"state":"passed"')],
  ];
  // The fast tier tries the first kind of damage; the full tier each (test tiers: test-utils/src/tier.ts).
  const ignoresDamage = async (_: string, edit: (text: string) => string): Promise<void> => {
    const r = await project();
    r.write('src/half.ts', 'export const half = (x: number) => Math.floor(x / 2);\n');
    const cacheDir = tempDir('pp-cache-');
    const cold = await verify(r, { cacheDir });
    const [file] = entries(cacheDir, cold.report.cache.key as string) as [string];
    fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));

    const damaged = await verify(r, { cacheDir });
    expect(damaged.report.cache).toMatchObject({ status: 'miss', reusedRuns: 0 });
    expect(ranBefore(damaged.events)).toBe(1);
    const ignored = damaged.report.findings.filter((f) => f.kind === 'cache-ignored');
    expect(ignored).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining(file) })]);
    expect(`${damaged.report.verdict}/${damaged.report.confidence}`).toBe(`${cold.report.verdict}/${cold.report.confidence}`);
    const withoutWarning: Report = {
      ...damaged.report,
      findings: damaged.report.findings.filter((f) => f.kind !== 'cache-ignored'),
      summary: damaged.report.summary.split('\n').filter((l) => !l.includes('baseline cache entry')).join('\n'),
    };
    expect(comparable(withoutWarning)).toEqual(comparable(cold.report));

    const again = await verify(r, { cacheDir });
    expect(again.report.cache.status).toBe('hit');
    expect(again.report.findings.some((f) => f.kind === 'cache-ignored')).toBe(false);
  };
  it.each(damage.slice(0, 1))('ignores %s with a cache-ignored warning, gives the same verdict, and replaces it', ignoresDamage);
  itFull.each(damage.slice(1))('ignores %s with a cache-ignored warning, gives the same verdict, and replaces it', ignoresDamage);

  // A cache on a read-only mount (a CI cache restored read-only) or a full disk must not cost the
  // verdict. tmpfs mounts make both for real; they need root, which CI has (a plain chmod does not
  // stop root from writing).
  const canMount = process.platform === 'linux' && process.getuid?.() === 0;
  it.runIf(runsInTier(false) && canMount)('a cache folder on a read-only or a full disk: a warning, the run goes on, the same verdict', async () => {
    const r = await project();
    r.write('src/half.ts', 'export const half = (x: number) => Math.floor(x / 2);\n');
    const plain = await verify(r, {});

    const readOnly = mountTmpfs('ro,size=1m');
    const full = mountTmpfs('size=64k');
    fillUp(full);
    for (const [cacheDir, code] of [[readOnly, 'EROFS'], [full, 'ENOSPC']] as const) {
      const { report } = await verify(r, { cacheDir });
      expect(report.cache.status).toBe('miss');
      const ignored = report.findings.filter((f) => f.kind === 'cache-ignored');
      expect(ignored.length, code).toBeGreaterThan(0);
      for (const f of ignored) expect(f).toMatchObject({ severity: 'warning', message: expect.stringContaining(`could not be written (${code})`) });
      expect(`${report.verdict}/${report.confidence}`).toBe(`${plain.report.verdict}/${plain.report.confidence}`);
      expect(report.tests.changed).toEqual(plain.report.tests.changed);
    }
  });

  itFull('misses when the lockfile or the base vitest config changes, not when only the patch edits the config', async () => {
    const r = await project({ 'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: {} });\n" });
    r.write('src/half.ts', 'export const half = (x: number) => Math.floor(x / 2);\n');
    const cacheDir = tempDir('pp-cache-');
    const first = await verify(r, { cacheDir });
    expect((await verify(r, { cacheDir })).report.cache.status).toBe('hit');

    // The patch edits the vitest config: the before run does not see it, so it is still reused.
    r.write('vitest.config.ts', "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { testTimeout: 9000 } });\n");
    const configInPatch = await verify(r, { cacheDir });
    expect(configInPatch.report.cache).toMatchObject({ status: 'hit', key: first.report.cache.key });

    // The installed dependencies change (the working tree's lockfile): a new key.
    r.write('pnpm-lock.yaml', "lockfileVersion: '9.0'\n# another install\n");
    const lockChanged = await verify(r, { cacheDir });
    expect(lockChanged.report.cache.status).toBe('miss');
    expect(lockChanged.report.cache.key).not.toBe(first.report.cache.key);
    expect(ranBefore(lockChanged.events)).toBe(1);

    // The base itself gets the config change: the before tree and its config differ.
    await r.git('add', 'vitest.config.ts', 'pnpm-lock.yaml');
    await r.git('commit', '-q', '-m', 'config');
    const baseChanged = await verify(r, { cacheDir });
    expect(baseChanged.report.cache.status).toBe('miss');
    expect(new Set([first, lockChanged, baseChanged].map((x) => x.report.cache.key)).size).toBe(3);
    expect((await verify(r, { cacheDir })).report.cache.status).toBe('hit');
  });

  // A cached before outcome is an old observation: when a test's outcome differs, the before tree
  // is run again (the reruns, or one confirmation run without reruns), so a stale or flaky cached
  // outcome reads as flaky instead of as a break.
  describe('when the cached before outcome no longer holds', () => {
    async function staleBaseline(): Promise<{ r: GitRepo; cacheDir: string; marker: string }> {
      const markerDir = tempDir('pp-cache-marker-');
      const marker = path.join(markerDir, 'present');
      const r = await project({
        'test/env.test.ts': `import fs from 'node:fs';\nimport { expect, it } from 'vitest';\nit('has a clean environment', () => expect(fs.existsSync(${JSON.stringify(marker)})).toBe(false));\n`,
      });
      r.write('src/sum.ts', 'export const sum = (a: number, b: number) => b + a;\n');
      const cacheDir = tempDir('pp-cache-');
      const cold = await verify(r, { cacheDir });
      expect(cold.report.tests.changed).toEqual([]);
      // Now the test fails on any code: the cached before run (pass) is stale.
      fs.writeFileSync(marker, '');
      return { r, cacheDir, marker };
    }

    it('reruns the before tree fresh, and the test reads as flaky, not broken', async () => {
      const { r, cacheDir } = await staleBaseline();
      const { report } = await verify(r, { cacheDir, reruns: 2 });
      expect(report.cache.status).toBe('hit');
      expect(runsOf(report).filter((x) => x.startsWith('before/'))).toEqual(['before/0 cached', 'before/1', 'before/2']);
      expect(report.tests.changed).toEqual([expect.objectContaining({ name: 'test/env.test.ts > has a clean environment', before: 'pass', after: 'fail', flaky: true })]);
      expect(report.findings.map((f) => f.kind)).not.toContain('test-broken');
      expect(report.verdict).not.toBe('regressive');
    });

    it('confirms the cached outcome with one fresh before run when reruns are off', async () => {
      const { r, cacheDir } = await staleBaseline();
      const { report } = await verify(r, { cacheDir, reruns: 0 });
      expect(runsOf(report)).toEqual(['before/0 cached', 'after/0', 'before/1']);
      expect(report.tests.runs[2]?.files).toEqual(['test/env.test.ts']);
      expect(report.findings.map((f) => f.kind)).toContain('test-flaky');
      expect(report.findings.map((f) => f.kind)).not.toContain('test-broken');
    });
  });
});
