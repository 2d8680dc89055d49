import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, expectValidReport, runCli, runsInTier } from '@patchprobe/test-utils';
import { createExampleRepo } from '../../../../scripts/lib/example-repo.mjs';

// examples/vitest-versions: one small library (library/) judged under five vitest versions, each
// folder with its own installed vitest and the config layout of its time (vite.config.ts with a
// test block on 0.34, a workspace file on 1.x, vitest.config.mts on 2.x, test.projects on 3.2,
// vitest.config.ts on 4.1). Through the real CLI with every stage on: the three patches on the
// versions before 3 (the older reporter path, no mutation below 2.0), the masked regression on 3.2,
// whose other shapes the rest of examples/ already covers on 3.2 and 4.1 (CI time). The v4 folder
// has no expected.json: examples/mutation-* and the others run vitest 4.1 with every stage.
const ROOT = path.join(EXAMPLES, 'vitest-versions');
const LIBRARY = path.join(ROOT, 'library');

interface Expected {
  verdict: string;
  confidence: string;
  findings: string[];
}

const casesOf = (versions: readonly string[]) => versions.flatMap((version) => {
  const expected = JSON.parse(fs.readFileSync(path.join(ROOT, version, 'expected.json'), 'utf8')) as Record<string, Expected>;
  return Object.entries(expected).map(([patch, want]) => ({ version, patch, want }));
});

/** The matrix is split over two test files (by version) so vitest runs them on two workers. */
export function defineVersionMatrix(versions: readonly string[]): void {
  const cases = casesOf(versions);
  describe(`patchprobe verify on vitest ${versions.join(', ')}`, () => {
    it('covers each version', () => {
      for (const v of versions) expect(cases.filter((c) => c.version === v).length).toBeGreaterThanOrEqual(v.startsWith('v0') || v === 'v1' || v === 'v2' ? 3 : 1);
    });

    // The fast tier (test-utils/src/tier.ts) keeps one verdict on each reporter path and the first
    // StrykerJS version: the masked regression on 0.34 and 3.2, the untested change on 2.x.
    const fast = (c: (typeof cases)[number]) => (c.version === 'v2' ? c.patch === 'untested-change' : c.version !== 'v1' && c.patch === 'masked-regression');
    for (const c of cases) it.runIf(runsInTier(fast(c)))(`${c.version}: ${c.patch}`, async () => {
      const { version, patch, want } = c;
      const repo = createExampleRepo(path.join(ROOT, version), { library: LIBRARY });
      try {
        const installed = JSON.parse(fs.readFileSync(path.join(ROOT, version, 'node_modules/vitest/package.json'), 'utf8')) as { version: string };
        // No reruns, as in the examples (CI time): reruns do not differ between vitest versions
        // (the shard merge reruns on vitest 1, merge.test.ts).
        const r = await runCli(['verify', '--cwd', repo.dir, '--patch', path.join(LIBRARY, 'patches', `${patch}.diff`), '--json', '-', '--reruns', '0']);
        expect(r.stderr).toContain(`vitest ${installed.version}`);
        const report = JSON.parse(r.stdout);
        expectValidReport(report);
        expect({ verdict: report.verdict, confidence: report.confidence }).toEqual({ verdict: want.verdict, confidence: want.confidence });
        expect(report.findings.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(want.findings));
        // Every stage ran on the project's own vitest: the suites, the type-check, the probes and,
        // from vitest 2.0, StrykerJS; below it, the report says why mutation did not run.
        expect(report.tests.totals.before.pass).toBe(8);
        expect(report.static.typecheck.status).toBe('ran');
        expect(report.probes.functions.length).toBeGreaterThan(0);
        if (installed.version.startsWith('0.') || installed.version.startsWith('1.')) {
          expect(report.mutation.status).toBe('skipped');
          expect(report.mutation.reason).toContain(`vitest ${installed.version}`);
        } else {
          expect(report.mutation.status).not.toBe('skipped');
          expect(report.mutation.runs.every((m: { status: string }) => m.status === 'ran')).toBe(true);
          // vitest 2.x–3.x: a run whose files share a worker keeps it warm from one mutant to the next.
          expect(report.mutation.runs.filter((m: { sharedWorker?: boolean }) => m.sharedWorker).every((m: { warmWorker?: boolean }) => m.warmWorker === true)).toBe(true);
        }
        expect(r.exitCode).toBe(want.verdict === 'regressive' ? 1 : 0);
      } finally {
        repo.cleanup();
      }
    });
  });
}
