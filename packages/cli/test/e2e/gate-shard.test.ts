import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectValidReport, repoState, runCli } from '@patchprobe/test-utils';
import { createOutDir, createPullRequestRepo, EARLIER_STEP } from './pull-request-repo.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

describe('patchprobe gate --shard and patchprobe merge', () => {
  it('two shards write partial results and no verdict; merge gives the verdict with the same outputs and exit codes', async () => {
    const pr = createPullRequestRepo('fix-with-test', cleanups);
    const out = createOutDir(cleanups);
    const summary = path.join(out, 'step-summary.md');
    fs.writeFileSync(summary, EARLIER_STEP);
    const env = { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary };
    const before = repoState(pr.dir);
    const partial = (i: number): string => path.join(out, `p${i}.json`);

    const shards = await Promise.all(
      [1, 2].map((i) => runCli(['gate', '--cwd', pr.dir, '--no-probes', '--no-mutation', '--shard', `${i}/2`, '--partial', partial(i)], { env })),
    );
    for (const [i, r] of shards.entries()) {
      expect(r.exitCode, r.stderr).toBe(0);
      // One line, no verdict, no annotations; the step summary is the merge job's.
      expect(r.stdout).toMatch(new RegExp(`^patchprobe: shard ${i + 1}/2 done \\(base [0-9a-f]{7}: the merge-base of origin/main \\(GITHUB_BASE_REF\\) and HEAD\\); partial result in .*p${i + 1}\\.json: join the 2 shards with \`patchprobe merge\`$`));
    }
    expect(fs.readFileSync(summary, 'utf8')).toBe(EARLIER_STEP);

    const merged = await runCli(['merge', partial(2), partial(1), '--json', '-', '--fail-on', 'substantive'], { env });
    expect(merged.exitCode, merged.stderr).toBe(1);
    const report = JSON.parse(merged.stdout);
    expectValidReport(report);
    expect(report.verdict).toBe('substantive');
    expect(report.subject.base.commit).toBe(pr.forkPoint);
    expect(merged.stderr).toMatch(/^::notice file=test\/cart\.test\.ts,line=\d+,title=patchprobe%3A fail-to-pass::/m);
    expect(merged.stderr).toContain('Verdict  SUBSTANTIVE');
    const stepSummary = fs.readFileSync(summary, 'utf8');
    expect(stepSummary.startsWith(EARLIER_STEP)).toBe(true);
    expect(stepSummary).toContain('patchprobe: SUBSTANTIVE');

    // An incomplete set, and a file that is not there: exit 2, one line.
    const incomplete = await runCli(['merge', partial(1)], { env });
    expect(incomplete.exitCode).toBe(2);
    expect(incomplete.stdout).toBe('');
    expect(incomplete.stderr).toMatch(/^patchprobe: [^\n]+$/);
    expect(await runCli(['merge', partial(1), path.join(out, 'p3.json')])).toMatchObject({
      exitCode: 2,
      stdout: '',
      stderr: `patchprobe: partial result ${path.join(out, 'p3.json')} does not exist; pass the files \`patchprobe gate --shard I/N\` wrote, one per shard (patchprobe-shard-I-of-N.json)`,
    });
    expect(repoState(pr.dir)).toBe(before);
  });
});
