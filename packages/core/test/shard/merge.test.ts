import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVitestProject, EXAMPLES, expectValidReport, itFull, runsInTier, type GitRepo } from '@patchprobe/test-utils';
import { createExampleRepo } from '../../../../scripts/lib/example-repo.mjs';
import { mergePartials, runShard, UsageError, verifyPatch, type PartialResult, type Report, type VerifyOptions } from '../../src/index.js';
import { comparable } from './normalize.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

/** Shards 1…n of one verification, run at the same time, each through JSON as a file would carry it. */
async function shards(options: VerifyOptions, n: number): Promise<PartialResult[]> {
  const parts = await Promise.all(Array.from({ length: n }, (_, i) => runShard({ ...options, shard: { index: i + 1, count: n } })));
  return parts.map((p) => JSON.parse(JSON.stringify(p)) as PartialResult);
}

async function expectMergeEqualsUnsharded(options: VerifyOptions, n: number): Promise<{ merged: Report; unsharded: Report; parts: PartialResult[] }> {
  const [unsharded, parts] = await Promise.all([verifyPatch(options), shards(options, n)]);
  const merged = await mergePartials([...parts].reverse());
  expectValidReport(merged);
  expect(comparable(merged)).toEqual(comparable(unsharded));
  return { merged, unsharded, parts };
}

describe('runShard + mergePartials', () => {
  itFull('merge to the unsharded report on examples/masked-regression (vitest 4)', async () => {
    const repo = createExampleRepo(path.join(EXAMPLES, 'masked-regression'));
    cleanups.push(repo.cleanup);
    const { merged } = await expectMergeEqualsUnsharded({ cwd: repo.dir, patch: path.join(EXAMPLES, 'masked-regression/patch.diff'), mutation: false }, 2);
    expect(merged.verdict).toBe('regressive');
    expect(merged.findings.map((f) => f.kind)).toContain('masked-regression');
  });

  itFull('merge to the unsharded report on examples/feature-with-tests (vitest 3, a test file added)', async () => {
    const repo = createExampleRepo(path.join(EXAMPLES, 'feature-with-tests'));
    cleanups.push(repo.cleanup);
    const { merged } = await expectMergeEqualsUnsharded({ cwd: repo.dir, patch: path.join(EXAMPLES, 'feature-with-tests/patch.diff'), mutation: false }, 2);
    expect(merged.tests.vitestVersion).toMatch(/^3\./);
    expect(merged.findings.map((f) => f.kind)).toContain('fail-to-pass');
  });

  // The shards are vitest's own --shard and the cache stores the reporter's runs: both must hold
  // on the older reporter path (onFinished, vitest 0.34–2.x), here with a 1.x workspace file and a
  // named project (the same path on 0.34 and 2.x splits by --shard in suites/reporter-versions.test.ts).
  itFull.each(['v1'])('merge to the unsharded report, and reuse a cached base run, on vitest %s', async (version) => {
    const root = path.join(EXAMPLES, 'vitest-versions');
    const repo = createExampleRepo(path.join(root, version), { library: path.join(root, 'library') });
    cleanups.push(repo.cleanup);
    const cacheDir = fs.mkdtempSync(path.join(repo.dir, '..', 'pp-cache-'));
    cleanups.push(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
    const options: VerifyOptions = { cwd: repo.dir, patch: path.join(root, 'library/patches/masked-regression.diff'), probes: false, mutation: false, typecheck: false };
    const { merged } = await expectMergeEqualsUnsharded(options, 2);
    expect(merged.verdict).toBe('regressive');
    expect(merged.tests.vitestVersion?.split('.')[0]).toBe(version.slice(1).split('.')[0]);
    const cold = await verifyPatch({ ...options, cacheDir });
    const warm = await verifyPatch({ ...options, cacheDir });
    expect([cold.cache.status, warm.cache.status]).toEqual(['miss', 'hit']);
    expect(comparable(warm)).toEqual(comparable(cold));
  });

  it('merge a patch that changes nothing to the same cosmetic report', async () => {
    const r = await createVitestProject({ 'src/a.ts': 'export const a = 1;\n', 'test/a.test.ts': "import { expect, it } from 'vitest';\nit('a', () => expect(1).toBe(1));\n" });
    cleanups.push(r.cleanup);
    const { merged, parts } = await expectMergeEqualsUnsharded({ cwd: r.dir }, 2);
    expect(parts.map((p) => p.suites)).toEqual([null, null]);
    expect(merged).toMatchObject({ verdict: 'cosmetic', confidence: 'high', findings: [{ kind: 'no-change' }] });
  });

  itFull('reuse each shard\'s cached before slice on the next run', async () => {
    const repo = createExampleRepo(path.join(EXAMPLES, 'masked-regression'));
    cleanups.push(repo.cleanup);
    const cacheDir = fs.mkdtempSync(path.join(repo.dir, '..', 'pp-shard-cache-'));
    cleanups.push(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
    const options: VerifyOptions = { cwd: repo.dir, patch: path.join(EXAMPLES, 'masked-regression/patch.diff'), cacheDir, typecheck: false, probes: false, mutation: false };
    const cold = await shards(options, 2);
    expect(cold.map((p) => p.cache.status)).toEqual(['miss', 'miss']);
    const warm = await shards(options, 2);
    expect(warm.map((p) => [p.cache.status, p.cache.reusedRuns])).toEqual([['hit', 1], ['hit', 1]]);
    // One entry per shard's slice, under the same key.
    expect(fs.readdirSync(path.join(cacheDir, warm[0]?.cache.key as string))).toHaveLength(2);
    const [coldMerged, warmMerged] = [await mergePartials(cold), await mergePartials(warm)];
    expect(warmMerged.cache).toEqual({ status: 'hit', key: cold[0]?.cache.key, dir: cacheDir, reusedRuns: 2 });
    expect(warmMerged.tests.runs[0]).toMatchObject({ setup: 'before', attempt: 0, cached: true });
    expect(comparable(warmMerged)).toEqual(comparable(coldMerged));
  });

  // Full tier (test-utils/src/tier.ts): the CLI's shards + merge run in the fast tier (gate-shard.test.ts).
  describe.runIf(runsInTier(false))('on a project whose patch moves a test file across a slice boundary', () => {
    let r: GitRepo;
    let scenario: ReturnType<typeof boundaryScenario>;
    let parts: PartialResult[];
    const options = (): VerifyOptions => ({ cwd: r.dir, typecheck: false, mutation: false });

    beforeAll(async () => {
      scenario = boundaryScenario();
      r = await createVitestProject(scenario.base);
      cleanups.push(r.cleanup);
      for (const [file, content] of Object.entries(scenario.after)) {
        if (content === null) fs.rmSync(path.join(r.dir, file));
        else r.write(file, content);
      }
    });

    it('merges n=2 shards to the unsharded verdict, findings and test changes', async () => {
      const result = await expectMergeEqualsUnsharded(options(), 2);
      parts = result.parts;
      const kinds = result.merged.findings.map((f) => f.kind);
      // clamp's edited test is a change of specification (toBe(5) → toBe(4), fails on the old code):
      // the merge reconciles it with the static evidence exactly as the unsharded run does.
      expect(kinds).toEqual(expect.arrayContaining(['test-broken', 'spec-changed', 'fail-to-pass', 'test-removed']));
      expect(kinds).not.toContain('masked-regression');
      expect(result.merged.verdict).toBe('regressive');
      // The shards settled disjoint sets of files that together are every test file of both trees.
      const owned = parts.map((p) => p.suites?.owned ?? []);
      expect(owned.flat().sort()).toEqual([...new Set(owned.flat())].sort());
      expect(owned.flat().sort()).toEqual(['test/add.test.ts', 'test/clamp.test.ts', 'test/half.test.ts', 'test/label.test.ts', 'test/mul.test.ts', scenario.added, scenario.deleted].sort());
      // The file vitest put in different shards on the two trees was run on both trees by one shard.
      const crossing = scenario.crossing;
      const owner = parts.find((p) => p.suites?.owned.includes(crossing));
      expect(parts.map((p) => p.suites?.completed)).toEqual(parts.map((p) => (p === owner ? [crossing] : [])));
      const beforeRun = owner?.suites?.runs.find((x) => x.setup === 'before' && x.attempt === 0);
      expect(beforeRun?.tests.some((t) => t.file === crossing)).toBe(true);
      expect(parts.filter((p) => p.suites?.runs.some((x) => x.tests.some((t) => t.file === crossing)))).toHaveLength(1);
    });

    it('refuses a missing, repeated, foreign or mixed set of shards', async () => {
      const [p1, p2] = parts as [PartialResult, PartialResult];
      const refusal = async (input: unknown[]): Promise<string> => {
        const error = await mergePartials(input).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(UsageError);
        return (error as UsageError).oneLine;
      };
      expect(await refusal([p1])).toMatch(/^shard 2\/2 is missing; run `patchprobe gate --shard 2\/2` on the same patch/);
      expect(await refusal([p2])).toMatch(/^shard 1\/2 is missing/);
      expect(await refusal([p1, p2, p1])).toMatch(/^shard 1\/2 was given more than once; pass each shard result once/);
      expect(await refusal([])).toMatch(/^there are no shard results to merge/);
      expect(await refusal([p1, { ...p2, shard: { index: 2, count: 3 } }])).toMatch(/different splits/);
      expect(await refusal([p1, { ...p2, tool: { name: 'patchprobe', version: '9.9.9' } }])).toMatch(/different patchprobe versions/);
      expect(await refusal([p1, { ...p2, settings: { ...p2.settings, reruns: 5 } }])).toMatch(/different options/);
      expect(await refusal([p1, { not: 'a partial' }])).toMatch(/^input 2 cannot be merged: it is not a patchprobe partial result/);
      expect(await refusal([p1, { ...p2, formatVersion: 2 }])).toMatch(/partial format 2/);
      expect(await refusal([{ ...p1, evidence: null }, p2])).toMatch(/shard 1 but carries no evidence/);
      // Shards asked for mutation probes, which do not run in shards yet: the merged report says so.
      const withMutation = await mergePartials([p1, p2].map((p) => ({ ...p, settings: { ...p.settings, mutation: true } })));
      expect(withMutation.findings.filter((f) => f.kind === 'mutation-skipped')).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/sharded verification/) })]);
      expect(withMutation.mutation).toBeNull();
      // A real shard of another patch on the same base.
      fs.appendFileSync(path.join(r.dir, 'src/calc.ts'), '// another patch\n');
      const other = await runShard({ ...options(), shard: { index: 2, count: 2 } });
      expect(await refusal([p1, JSON.parse(JSON.stringify(other))])).toMatch(/^the shards verified different changes/);
    });

    it('rejects a shard outside 1…n, and verifyPatch with a shard', async () => {
      await expect(runShard({ ...options(), shard: { index: 3, count: 2 } })).rejects.toThrow(/shard must be i\/n/);
      await expect(runShard({ ...options(), shard: { index: 0, count: 2 } })).rejects.toBeInstanceOf(UsageError);
      await expect(verifyPatch({ ...options(), shard: { index: 1, count: 2 } })).rejects.toThrow(/a shard is run by runShard/);
    });
  });
});

/**
 * Five test files, plus one the patch deletes and one it adds. vitest 4 sorts test files by the
 * sha1 of their path and splits them into slices (calculateShardRange, vitest 4.1): the names of
 * the deleted and the added file are searched so that one unchanged file lands in shard 1 on one
 * tree and in shard 2 on the other. The patch also breaks `half` (test-broken), changes `clamp`
 * and edits its test's expected value (masked-regression), and adds `triple` with its test
 * (fail-to-pass).
 */
function boundaryScenario(): { base: Record<string, string>; after: Record<string, string | null>; crossing: string; added: string; deleted: string } {
  const common = ['add', 'clamp', 'half', 'label', 'mul'].map((n) => `test/${n}.test.ts`);
  for (let k = 0; k < 500; k++) {
    const deleted = `test/legacy-${k}.test.ts`;
    const added = `test/triple-${k}.test.ts`;
    const before = vitestSlice([...common, deleted], 2);
    const after = vitestSlice([...common, added], 2);
    const crossing = common.find((f) => before.get(f) !== after.get(f));
    if (crossing === undefined) continue;
    const test = (imports: string, body: string): string => `import { expect, it } from 'vitest';\nimport { ${imports} } from '../src/calc';\n${body}`;
    return {
      base: {
        'src/calc.ts': 'export const add = (a: number, b: number) => a + b;\nexport const mul = (a: number, b: number) => a * b;\nexport const half = (x: number) => x / 2;\nexport const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);\nexport const label = (n: number) => `#${n}`;\n',
        'test/add.test.ts': test('add', "it('adds', () => expect(add(1, 2)).toBe(3));\nit('adds negatives', () => expect(add(-1, -2)).toBe(-3));\n"),
        'test/mul.test.ts': test('mul', "it('multiplies', () => expect(mul(2, 3)).toBe(6));\n"),
        'test/half.test.ts': test('half', "it('halves', () => expect(half(4)).toBe(2));\nit('halves odd', () => expect(half(3)).toBe(1.5));\n"),
        'test/clamp.test.ts': test('clamp', "it('clamps high', () => expect(clamp(9, 0, 5)).toBe(5));\nit('keeps inside', () => expect(clamp(3, 0, 5)).toBe(3));\n"),
        'test/label.test.ts': test('label', "it('labels', () => expect(label(3)).toBe('#3'));\n"),
        [deleted]: test('add', "it('still adds', () => expect(add(2, 2)).toBe(4));\n"),
      },
      after: {
        'src/calc.ts': 'export const add = (a: number, b: number) => a + b;\nexport const mul = (a: number, b: number) => a * b;\nexport const half = (x: number) => Math.floor(x / 2);\nexport const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi - 1);\nexport const label = (n: number) => `#${n}`;\nexport const triple = (x: number) => x * 3;\n',
        'test/clamp.test.ts': test('clamp', "it('clamps high', () => expect(clamp(9, 0, 5)).toBe(4));\nit('keeps inside', () => expect(clamp(3, 0, 5)).toBe(3));\n"),
        [deleted]: null,
        [added]: test('triple', "it('triples', () => expect(triple(2)).toBe(6));\n"),
      },
      crossing,
      added,
      deleted,
    };
  }
  throw new Error('no file names found that cross a slice boundary');
}

/** file → shard index, as vitest 4.1's BaseSequencer.shard assigns files of a project at the repository root. */
function vitestSlice(files: readonly string[], count: number): Map<string, number> {
  const sorted = files.map((f) => ({ f, h: createHash('sha1').update(`/${f}`).digest('hex') })).sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0));
  const out = new Map<string, number>();
  const base = Math.floor(sorted.length / count);
  const rem = sorted.length % count;
  for (let index = 1; index <= count; index++) {
    const start = index <= rem ? (base + 1) * (index - 1) : rem * (base + 1) + (index - rem - 1) * base;
    const size = index <= rem ? base + 1 : base;
    for (const { f } of sorted.slice(start, start + size)) out.set(f, index);
  }
  return out;
}
