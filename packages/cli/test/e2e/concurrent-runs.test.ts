import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { createVitestProject, HALF_SUM_PROJECT, isolatedTmp, itFull, repoState, spawnCli, tempDirs, type GitRepo } from '@patchprobe/test-utils';

const cleanups: Array<() => void> = [];
const dirs = tempDirs();
const { tempDir } = dirs;
afterAll(() => [...cleanups, dirs.cleanup].forEach((c) => c()));

interface Outcome {
  verdict: string;
  confidence: string;
  changed: unknown;
  kinds: string[];
  cache: string;
}

/** One `patchprobe verify --json` run as a process; what the comparison needs from its report. */
async function verify(r: GitRepo, cacheDir: string, tmp: string): Promise<Outcome> {
  const json = path.join(tempDir('pp-concurrent-json-'), 'report.json');
  // Mutation stays off to keep the file short: the stages that share state between runs (the
  // cache, the temp folder, the derived-input cache, the suites) all run.
  const result = await spawnCli(['verify', '--cwd', r.dir, '--cache-dir', cacheDir, '--no-mutation', '--fail-on', 'none', '--json', json], { env: { TMPDIR: tmp } });
  expect(result.exitCode, String(result.stderr)).toBe(0);
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  return {
    verdict: report.verdict,
    confidence: report.confidence,
    changed: report.tests.changed,
    kinds: report.findings.map((f: { kind: string }) => f.kind).filter((k: string) => k !== 'cache-ignored').sort(),
    cache: report.cache.status,
  };
}

describe('two runs at the same time on one repository and one cache folder', () => {
  // Full tier (test-utils/src/tier.ts): four verifications, two at a time.
  itFull('give the verdicts of serial runs, leave every cache entry whole, and clean up', async () => {
    const r = await createVitestProject(HALF_SUM_PROJECT);
    cleanups.push(r.cleanup);
    r.write('src/half.ts', 'export const half = (x: number) => Math.floor(x / 2);\n');
    r.write('src/sum.ts', 'export const sum = (a: number, b: number) => b + a;\n');
    const before = repoState(r.dir);
    const tmp = isolatedTmp();

    const serial = await verify(r, tempDir('pp-concurrent-serial-'), tmp);
    expect(serial.verdict).toBe('regressive');

    const shared = tempDir('pp-concurrent-cache-');
    const together = await Promise.all([verify(r, shared, tmp), verify(r, shared, tmp)]);
    for (const outcome of together) expect({ ...outcome, cache: undefined }).toEqual({ ...serial, cache: undefined });

    // Whichever writer won, the entries are whole: the next run reuses them without a warning.
    const keys = fs.readdirSync(shared);
    expect(keys).toHaveLength(1);
    const files = fs.readdirSync(path.join(shared, keys[0] as string));
    expect(files.filter((f) => !f.endsWith('.json'))).toEqual([]);
    for (const f of files) expect(JSON.parse(fs.readFileSync(path.join(shared, keys[0] as string, f), 'utf8'))).toMatchObject({ key: keys[0] });
    const next = await verify(r, shared, tmp);
    expect(next).toEqual({ ...serial, cache: 'hit' });

    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(repoState(r.dir)).toBe(before);
  });
});
