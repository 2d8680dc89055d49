import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectValidReport, isolatedTmp, itFull, repoState, runCli } from '@patchprobe/test-utils';
import { git } from '../../../../scripts/lib/example-repo.mjs';
import { createOutDir, createPullRequestRepo, EARLIER_STEP, type PullRequestRepo } from './pull-request-repo.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));
const pullRequestRepo = (example: string): PullRequestRepo => createPullRequestRepo(example, cleanups);
const outDir = (): string => createOutDir(cleanups);

// Two real gate runs, side by side (the shard + merge test is in gate-shard.test.ts, on another worker).
describe.concurrent('patchprobe gate in a GitHub Actions pull request', () => {
  it('regressive: exit 1, annotations on stdout, summary appended, SARIF/HTML/JSON written, repository unchanged', async () => {
    const pr = pullRequestRepo('masked-regression');
    const out = outDir();
    const summary = path.join(out, 'step-summary.md');
    fs.writeFileSync(summary, EARLIER_STEP);
    const files = { json: path.join(out, 'r.json'), sarif: path.join(out, 'r.sarif'), html: path.join(out, 'r.html') };
    const tmp = isolatedTmp();
    const before = repoState(pr.dir);

    const r = await runCli(['gate', '--cwd', pr.dir, '--no-probes', '--no-mutation', '--json', files.json, '--sarif', files.sarif, '--html', files.html], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary, TMPDIR: tmp },
    });

    expect(r.exitCode, r.stderr).toBe(1);
    // stdout is workflow commands only; the human report is on stderr.
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning|notice) /.test(l)), r.stdout).toBe(true);
    expect(lines[0]).toMatch(/^::error file=test\/shipping\.test\.ts,line=9,title=patchprobe%3A masked-regression::the old version of /);
    expect(r.stderr).toContain('Verdict  REGRESSIVE');
    expect(r.stderr).toContain(`patchprobe: base ${pr.forkPoint.slice(0, 7)}: the merge-base of origin/main (GITHUB_BASE_REF) and HEAD\n`);

    const report = JSON.parse(fs.readFileSync(files.json, 'utf8'));
    expectValidReport(report);
    expect(report.verdict).toBe('regressive');
    // The merge-base, not origin/main's tip: main's own later commit is not part of the change.
    expect(report.subject.base.commit).toBe(pr.forkPoint);
    expect(report.subject.after).toMatchObject({ kind: 'revision', rev: 'HEAD' });
    expect(report.changes.files.map((f: { path: string }) => f.path).sort()).toEqual(['src/shipping.ts', 'test/shipping.test.ts']);

    const stepSummary = fs.readFileSync(summary, 'utf8');
    expect(stepSummary.startsWith(EARLIER_STEP)).toBe(true);
    expect(stepSummary).toContain('patchprobe: REGRESSIVE');
    // The copies' vitest runs (its github-actions reporter) must not write into the job's summary.
    expect(stepSummary).not.toContain('Vitest Test Report');

    const sarif = JSON.parse(fs.readFileSync(files.sarif, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(JSON.stringify(sarif.runs[0].results)).toContain('masked-regression');
    expect(fs.readFileSync(files.html, 'utf8')).toMatch(/^<!doctype html>/i);

    expect(repoState(pr.dir)).toBe(before);
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(git(pr.dir, ['for-each-ref', '--format=%(refname)']).trim().split('\n')).toEqual(['refs/heads/pr', 'refs/remotes/origin/main']);
  });

  // Full tier (test-utils/src/tier.ts): the regressive run above writes every output.
  itFull('substantive with --fail-on cosmetic: exit 0; with --json - stdout is the JSON and annotations go to stderr', async () => {
    const pr = pullRequestRepo('fix-with-test');
    const out = outDir();
    const summary = path.join(out, 'step-summary.md');
    fs.writeFileSync(summary, EARLIER_STEP);
    const before = repoState(pr.dir);

    // --summary naming the step summary file: appended once, not replaced.
    const r = await runCli(['gate', '--cwd', pr.dir, '--no-probes', '--no-mutation', '--fail-on', 'cosmetic', '--json', '-', '--summary', summary], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary },
    });

    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expectValidReport(report);
    expect(report.verdict).toBe('substantive');
    expect(r.stderr).toMatch(/^::notice file=test\/cart\.test\.ts,line=\d+,title=patchprobe%3A fail-to-pass::/m);
    expect(r.stderr).toContain('Verdict  SUBSTANTIVE');
    const stepSummary = fs.readFileSync(summary, 'utf8');
    expect(stepSummary.startsWith(EARLIER_STEP)).toBe(true);
    expect(stepSummary.split('patchprobe: SUBSTANTIVE').length - 1).toBe(1);
    expect(repoState(pr.dir)).toBe(before);
  });

  it('a shallow clone without the base branch: exit 2, one line saying how to fetch it', async () => {
    const pr = pullRequestRepo('fix-with-test');
    const clone = path.join(outDir(), 'clone');
    git(pr.dir, ['push', '-q', 'origin', 'pr']);
    git(os.tmpdir(), ['clone', '-q', '--depth', '1', '--branch', 'pr', `file://${pr.remote}`, clone]);
    const r = await runCli(['gate', '--cwd', clone], { env: { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'main' } });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'patchprobe: the base branch origin/main (from GITHUB_BASE_REF) is not in this clone (a shallow checkout); check out with actions/checkout `fetch-depth: 0`, or run `git fetch --no-tags --deepen=200 origin +refs/heads/main:refs/remotes/origin/main` first',
    );
  });
});
