import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, isolatedTmp, repoState, spawnCli, type GitRepo } from '@patchprobe/test-utils';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));
const tempDir = (prefix: string): string => {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};

const HALF = 'export const half = (x: number) => x / 2;\n';
const HALF_TEST = "import { expect, it } from 'vitest';\nimport { half } from '../src/half';\nit('halves', () => expect(half(4)).toBe(2));\nit('halves odd', () => expect(half(3)).toBe(1.5));\n";
const SUM = 'export const sum = (a: number, b: number) => a + b;\n';
const SUM_TEST = "import { expect, it } from 'vitest';\nimport { sum } from '../src/sum';\nit('adds', () => expect(sum(1, 2)).toBe(3));\n";

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
  it('give the verdicts of serial runs, leave every cache entry whole, and clean up', async () => {
    const r = await createVitestProject({ 'src/half.ts': HALF, 'src/sum.ts': SUM, 'test/half.test.ts': HALF_TEST, 'test/sum.test.ts': SUM_TEST });
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
