// Checks the generated benchmark project for real, without patchprobe:
//   1. generate + commit it, run its vitest suite at base: every test must pass, ~1,000 of them
//   2. `git apply --check` both patches
//   3. cosmetic.diff applied: every test still passes
//   4. regressive.diff applied: 1-3 tests fail, and they are the ones the generator predicted
// Prints the plain `vitest run` wall time at base. Exit code 0 = all checks passed.
//
//   node bench/selfcheck.mjs [--source-files N] [--tests-per-file N] [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createGeneratedProject, git } from './generate.mjs';
import { parseVitestSummary, projectVitest } from './measure.mjs';
import { parseBenchArgs } from './args.mjs';

const parsed = parseBenchArgs(process.argv.slice(2), (message) => {
  console.error(`selfcheck: ${message}`);
  process.exit(2);
});
const options = { sourceFiles: parsed.sourceFiles, testsPerFile: parsed.testsPerFile };
const keep = parsed.keep;

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failures++;
};

/** Runs the project's vitest with the JSON reporter; returns wall ms and the parsed report. */
function vitest(dir, { timed = false } = {}) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-check-')), 'report.json');
  const bin = projectVitest(dir);
  const runArgs = [...bin.args, ...(timed ? ['run'] : ['run', '--reporter=json', `--outputFile=${out}`])];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin.command, runArgs, { cwd: dir, env: { ...process.env, CI: '1' }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let report = null;
  if (!timed) {
    try {
      report = JSON.parse(fs.readFileSync(out, 'utf8'));
    } catch {
      console.error(r.stdout.slice(-3000), r.stderr.slice(-3000));
    }
  }
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return { ms, status: r.status, report, stdout: r.stdout, stderr: r.stderr };
}

function failedNames(report) {
  const names = [];
  for (const file of report.testResults) {
    for (const a of file.assertionResults) if (a.status !== 'passed') names.push(a.fullName);
  }
  return names;
}

const t0 = process.hrtime.bigint();
const p = createGeneratedProject(options);
console.log(`generated ${p.stats.sourceFiles} source files, ${p.stats.tests} tests in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms: ${p.dir}`);
try {
  // 1. base
  check(git(p.dir, ['status', '--porcelain']).trim() === '', 'working tree clean after commit');
  const base = vitest(p.dir);
  check(base.status === 0 && base.report?.success === true, `base run exits 0 (exit ${base.status})`);
  if (base.report) {
    const { numTotalTests, numPassedTests, numTotalTestSuites, numFailedTestSuites } = base.report;
    check(numTotalTests === p.stats.tests && numPassedTests === numTotalTests, `base: ${numPassedTests}/${numTotalTests} tests pass (expected ${p.stats.tests})`);
    check(numFailedTestSuites === 0, `base: ${numTotalTestSuites} suites, ${numFailedTestSuites} failed`);
  }
  const plain = vitest(p.dir, { timed: true });
  check(plain.status === 0, `plain \`vitest run\` (default reporter, CI=1) exits 0`);
  const summary = parseVitestSummary(plain.stdout);
  check(summary.tests?.passed === p.stats.tests, `plain run summary parsed: ${JSON.stringify(summary)}`);
  console.log(`      plain vitest run: ${(plain.ms / 1000).toFixed(2)} s wall`);

  // 2. patches apply
  for (const name of ['cosmetic', 'regressive']) {
    let ok = true;
    try {
      git(p.dir, ['apply', '--check', p.patches[name]]);
    } catch {
      ok = false;
    }
    check(ok, `git apply --check ${name}.diff`);
  }

  // 3. cosmetic keeps everything green
  git(p.dir, ['apply', p.patches.cosmetic]);
  const changed = git(p.dir, ['diff', '--name-only']).trim().split('\n');
  check(changed.length === 3 && changed.every((f) => f.startsWith('src/')), `cosmetic touches 3 source files: ${changed.join(', ')}`);
  const cos = vitest(p.dir);
  check(cos.status === 0 && cos.report?.numPassedTests === p.stats.tests, `cosmetic: ${cos.report?.numPassedTests}/${cos.report?.numTotalTests} pass`);
  git(p.dir, ['checkout', '-q', '--', '.']);

  // 4. regressive breaks 1-3 tests, the predicted ones
  git(p.dir, ['apply', p.patches.regressive]);
  const reg = vitest(p.dir);
  const failed = reg.report ? failedNames(reg.report) : [];
  check(reg.status === 1 && failed.length >= 1 && failed.length <= 3, `regressive: ${failed.length} test(s) fail (exit ${reg.status})`);
  for (const f of failed) console.log(`      - ${f}`);
  const predicted = p.regression.expectedFailures.map((n) => n.split(' > ').slice(1).join(' ')).sort();
  const actual = failed.sort();
  check(
    predicted.length === actual.length && predicted.every((n) => actual.some((a) => a.endsWith(n))),
    `regressive: failures match the generator's prediction (${p.regression.fn} in ${p.regression.file})`,
  );
  git(p.dir, ['checkout', '-q', '--', '.']);
} finally {
  if (keep) console.log(`kept: ${p.root}`);
  else p.cleanup();
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
