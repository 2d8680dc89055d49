// Real projects, real commits: patchprobe verify on upstream commit pairs (A = parent, B = commit)
// of TypeScript libraries, with the vitest each pinned at the time. The manifest
// (bench/real/<name>.json) holds only metadata: repository, the commit to install at, the install
// command that works there, and the commit pairs. No upstream code is kept in this repository.
//
//   node bench/real-trials.mjs [--manifest bench/real/vitest-versions.json] [--checkouts DIR]
//                              [--only ID[,ID]] [--args "--no-mutation"] [--out FILE]
//
// For each project: a clone in <checkouts>/<id> (cloned from its URL and installed with the
// manifest's command when missing), checked out at `checkout`; then, in one run, one plain
// `vitest run` of the checkout (the cost reference) and `patchprobe verify --base A --head B`
// for each pair, strictly one process at a time. Prints one line per pair (verdict, confidence,
// wall time, ratio to the plain run, the first reason) and writes every report to --out.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseVitestSummary, projectVitest, timeProcess } from './measure.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(BENCH, '..', 'packages', 'cli', 'bin', 'patchprobe.js');

const { values } = parseArgs({
  options: {
    manifest: { type: 'string', default: path.join(BENCH, 'real', 'vitest-versions.json') },
    checkouts: { type: 'string', default: path.join(os.tmpdir(), 'patchprobe-real') },
    only: { type: 'string' },
    args: { type: 'string', default: '' },
    out: { type: 'string', default: path.join(BENCH, 'results', 'real-trials.json') },
  },
});

const manifest = JSON.parse(fs.readFileSync(values.manifest, 'utf8'));
const only = values.only ? new Set(values.only.split(',')) : undefined;
const extra = values.args.split(' ').filter(Boolean);
const results = [];

for (const project of manifest) {
  if (only && !only.has(project.id)) continue;
  const dir = path.join(values.checkouts, project.id);
  if (!fs.existsSync(path.join(dir, 'node_modules'))) {
    console.log(`# ${project.id}: cloning ${project.url} and installing (${project.install})`);
    if (!fs.existsSync(dir)) execFileSync('git', ['clone', '-q', project.url, dir], { stdio: 'inherit' });
    execFileSync('git', ['checkout', '-q', project.checkout], { cwd: dir, stdio: 'inherit' });
    execFileSync('sh', ['-c', project.install], { cwd: dir, stdio: 'inherit' });
  }
  const vitest = projectVitest(dir);
  const plain = await timeProcess(vitest.command, [...vitest.args, 'run'], { cwd: dir, env: { ...process.env, CI: '1' } });
  const summary = parseVitestSummary(plain.stdout + plain.stderr);
  console.log(`# ${project.id} (${project.repo}, vitest ${project.vitest}): plain vitest run ${(plain.ms / 1000).toFixed(1)} s${summary.tests ? `, ${summary.tests.passed} passed, ${summary.tests.failed} failed` : ''}`);
  for (const c of project.cases) {
    const r = await timeProcess(process.execPath, [CLI, 'verify', '--cwd', dir, '--base', c.base, '--head', c.head, '--json', '-', ...extra], { cwd: dir, env: process.env });
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      report = undefined;
    }
    const line = {
      id: project.id,
      band: project.band,
      head: c.head.slice(0, 8),
      kind: c.kind,
      subject: c.subject,
      exitCode: r.code,
      verdict: report?.verdict ?? 'error',
      confidence: report?.confidence ?? '-',
      seconds: Number((r.ms / 1000).toFixed(1)),
      plainSeconds: Number((plain.ms / 1000).toFixed(1)),
      ratio: Number((r.ms / plain.ms).toFixed(1)),
      reason: report?.reasons?.[0] ?? r.stderr.trim().split('\n').at(-1),
      timings: report?.timings,
      mutation: report?.mutation ? report.mutation.status : undefined,
    };
    results.push({ ...line, report });
    console.log(`${line.band.padEnd(4)} ${project.id.padEnd(12)} ${line.head} ${line.kind.padEnd(18)} ${`${line.verdict}/${line.confidence}`.padEnd(22)} ${String(line.seconds).padStart(6)} s ${String(line.ratio).padStart(5)}× | ${line.reason}`);
  }
}
fs.mkdirSync(path.dirname(values.out), { recursive: true });
fs.writeFileSync(values.out, JSON.stringify(results, null, 2));
console.log(`# ${results.length} pairs; reports in ${values.out}`);
