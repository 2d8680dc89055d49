// One run of a project's own vitest, read through its JSON reporter (the same on vitest 0.34 to 4):
// which tests failed, whether a file failed to load, and the counts. The baselines and the evidence
// of every case come from here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectVitest, timeProcess } from '../measure.mjs';

/**
 * @typedef {{ ms: number, exitCode: number | null, passed: number, failed: Set<string>, skipped: number,
 *   loadError: boolean, total: number, summary: string, error?: string }} SuiteRun
 */

/** @returns {Promise<SuiteRun>} */
export async function runSuite(dir, { timeoutMs = 10 * 60_000 } = {}) {
  const vitest = projectVitest(dir);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-acc-suite-')), 'r.json');
  try {
    const r = await timeProcess(vitest.command, [...vitest.args, 'run', '--reporter=json', `--outputFile=${out}`], {
      cwd: dir,
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
      timeoutMs,
    });
    const base = { ms: r.ms, exitCode: r.code };
    if (r.timedOut) return { ...base, ...empty(), loadError: true, summary: 'timed out', error: `vitest did not finish in ${timeoutMs / 1000} s` };
    if (!fs.existsSync(out)) {
      const why = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ');
      return { ...base, ...empty(), loadError: true, summary: 'no report', error: `vitest wrote no JSON report (exit ${r.code}): ${why}` };
    }
    return { ...base, ...readJsonReport(JSON.parse(fs.readFileSync(out, 'utf8')), dir) };
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

function empty() {
  return { passed: 0, failed: new Set(), skipped: 0, total: 0 };
}

/** Test ids are "<file relative to the project> > <describe> > <test>", stable across runs. */
export function readJsonReport(report, dir) {
  const failed = new Set();
  let passed = 0;
  let skipped = 0;
  let total = 0;
  let loadError = false;
  for (const file of report.testResults ?? []) {
    const rel = path.relative(dir, file.name).split(path.sep).join('/');
    const tests = file.assertionResults ?? [];
    if (file.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
      // The file failed with no failing test in it: it did not load (or a hook threw).
      loadError = true;
      failed.add(`${rel} (file)`);
    }
    for (const t of tests) {
      total++;
      const id = [rel, ...(t.ancestorTitles ?? []), t.title].join(' > ');
      if (t.status === 'passed') passed++;
      else if (t.status === 'failed') failed.add(id);
      else skipped++;
    }
  }
  const summary = `${failed.size ? `${failed.size} failed | ` : ''}${passed} passed${skipped ? ` | ${skipped} skipped` : ''} (${total})`;
  return { passed, failed, skipped, total, loadError, summary };
}
