import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, expectValidReport, repoState, runCli, runsInTier } from '@patchprobe/test-utils';
import { createExampleRepo } from '../../../../scripts/lib/example-repo.mjs';

// Package managers other than pnpm, installed by their own tool (scripts/install-layout-examples.mjs,
// run by `pnpm install`): npm's hoisted node_modules with workspace links, and yarn classic's.
const LAYOUTS = path.join(EXAMPLES, 'layouts');

const cases = [
  {
    name: 'npm-workspaces',
    // One root vitest (2.1) runs every package's tests; the app's test reaches core through the
    // workspace link, which must land on the copy's own core, not the user's.
    want: { verdict: 'regressive', confidence: 'high', finding: 'test-broken', changed: 'packages/app/test/greet.test.ts > greets by the full name' },
  },
  {
    name: 'yarn-classic',
    // vitest 1.6 from yarn 1's node_modules; a fix with the test that pins it.
    want: { verdict: 'substantive', confidence: 'high', finding: 'fail-to-pass', changed: 'test/slug.test.ts > drops leading and trailing dashes' },
  },
];

describe('patchprobe verify on other package managers', () => {
  // Full tier (test-utils/src/tier.ts): the suites stage reads every layout through the same node_modules farm.
  for (const c of cases) it.runIf(runsInTier(false))(c.name, async () => {
    const { name, want } = c;
    const repo = createExampleRepo(path.join(LAYOUTS, name));
    try {
      const state = repoState(repo.dir);
      const r = await runCli(['verify', '--cwd', repo.dir, '--patch', path.join(LAYOUTS, `${name}.diff`), '--json', '-']);
      const report = JSON.parse(r.stdout);
      expectValidReport(report);
      expect({ verdict: report.verdict, confidence: report.confidence }, r.stderr).toEqual({ verdict: want.verdict, confidence: want.confidence });
      expect(report.findings.map((f: { kind: string }) => f.kind)).toContain(want.finding);
      expect(report.tests.changed.map((t: { name: string }) => t.name)).toContain(want.changed);
      expect(repoState(repo.dir)).toBe(state);
    } finally {
      repo.cleanup();
    }
  });
});
