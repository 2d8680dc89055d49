import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, expectValidReport, runCli, runsInTier } from '@patchprobe/test-utils';
import { createExampleRepo, listExamples } from '../../../../scripts/lib/example-repo.mjs';

const allNames: string[] = listExamples(EXAMPLES);

interface Expected {
  verdict: string;
  confidence: string;
  findings: string[];
  /** Kinds that must not appear: the honest shape a rule that can say regressive must not fire on. */
  absentFindings?: string[];
  /** Extra CLI arguments for this example (e.g. --scope). */
  args?: string[];
  /**
   * "full": run only by `pnpm test:full` (packages/test-utils/src/tier.ts). Only for another shape
   * of what fast-tier examples pin: every finding it expects is one a fast-tier example expects,
   * and never for an honest change that names a finding that must not fire (absentFindings).
   */
  tier?: 'full';
}

const expectedOf = (name: string): Expected => JSON.parse(fs.readFileSync(path.join(EXAMPLES, name, 'expected.json'), 'utf8')) as Expected;

/**
 * The examples of shard `shard` of `of`: those this tier runs, spread so that the shards take about
 * as long (an example with StrykerJS on costs about three without it), then the rest.
 */
function shardOf(shard: number, of: number): string[] {
  const cost = (n: string) => ((expectedOf(n).args ?? []).includes('--no-mutation') ? 1 : 3);
  const runs = allNames.filter((n) => runsInTier(expectedOf(n).tier !== 'full'));
  const load = Array.from({ length: of }, () => 0);
  const mine: string[] = [];
  for (const n of [...runs].sort((a, b) => cost(b) - cost(a))) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest]! += cost(n);
    if (lightest === shard) mine.push(n);
  }
  const rest = allNames.filter((n) => !runs.includes(n)).filter((_, i) => i % of === shard);
  return [...allNames.filter((n) => mine.includes(n)), ...rest];
}

/**
 * Every example is a real project with its own installed vitest: the CLI runs it for real. The
 * examples are split over two test files (shard 0 and 1 of 2) so vitest runs them on two workers.
 */
export function defineExampleTests(shard: number, of: number): void {
  const names = shardOf(shard, of);
  describe(`patchprobe verify on the examples (${shard + 1}/${of})`, () => {
    if (shard === 0) {
      it('has at least 3 examples per verdict', () => {
        const byVerdict = allNames.map((n) => expectedOf(n).verdict);
        for (const v of ['substantive', 'cosmetic', 'regressive']) expect(byVerdict.filter((x) => x === v).length).toBeGreaterThanOrEqual(3);
      });

      it('keeps every honest twin in the fast tier, every finding kind an example pins, and at least 3 examples per verdict', () => {
        const all = allNames.map((n) => [n, expectedOf(n)] as const);
        const fast = all.filter(([, e]) => e.tier === undefined).map(([, e]) => e);
        const full = all.filter(([, e]) => e.tier === 'full');
        // A false regressive is the worst error patchprobe can make: the honest changes that name a
        // finding that must not fire run on every CI run.
        expect(full.filter(([, e]) => (e.absentFindings ?? []).length > 0).map(([n]) => n)).toEqual([]);
        // A full-tier example is another shape of what the fast tier pins: each of its findings is one some fast-tier example expects too.
        const pinned = new Set(fast.flatMap((e) => e.findings));
        expect(full.flatMap(([n, e]) => e.findings.filter((k) => !pinned.has(k)).map((k) => `${n}: ${k}`))).toEqual([]);
        for (const v of ['substantive', 'cosmetic', 'regressive']) expect(fast.filter((e) => e.verdict === v).length).toBeGreaterThanOrEqual(3);
      });
    }

    for (const name of names) it.runIf(runsInTier(expectedOf(name).tier !== 'full'))(name, async () => {
      const expected = expectedOf(name);
      const repo = createExampleRepo(path.join(EXAMPLES, name));
      try {
        // No reruns unless the example asks (title-random-seed asks for two): the examples' tests
        // are deterministic, flake control has its own tests (that example, the baseline cache's
        // reruns, the shard merge), and a round of reruns is a vitest run per setup that changed,
        // measured at 2.7 of break-passing-test's 12.2 s of CPU (CI is CPU-bound).
        const args = expected.args ?? [];
        const reruns = args.includes('--reruns') ? [] : ['--reruns', '0'];
        // The agent brief of the same run too (--agent FILE): its head must state the same verdict.
        const brief = `${repo.dir}.agent.txt`;
        const r = await runCli(['verify', '--cwd', repo.dir, '--patch', path.join(EXAMPLES, name, 'patch.diff'), '--json', '-', '--agent', brief, ...reruns, ...args]);
        expect(r.stderr).toContain('Verdict');
        const report = JSON.parse(r.stdout);
        expectValidReport(report);
        expect({ verdict: report.verdict, confidence: report.confidence }).toEqual({ verdict: expected.verdict, confidence: expected.confidence });
        const kinds = report.findings.map((f: { kind: string }) => f.kind);
        expect(kinds).toEqual(expect.arrayContaining(expected.findings));
        for (const absent of expected.absentFindings ?? []) expect(kinds, `${absent} must not fire on ${name}`).not.toContain(absent);
        expect(r.exitCode).toBe(expected.verdict === 'regressive' ? 1 : 0);
        const head = fs.readFileSync(brief, 'utf8').split('\n');
        expect(head[0]).toBe(`patchprobe: ${expected.verdict.toUpperCase()} (${expected.confidence} confidence)`);
        expect(head[1]).toMatch(/^Next: \S/);
      } finally {
        fs.rmSync(`${repo.dir}.agent.txt`, { force: true });
        repo.cleanup();
      }
    });
  });
}
