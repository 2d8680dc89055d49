// The benchmark's `mutation` subject (issue 5 §4): patchprobe's mutation stage runs StrykerJS only
// on the line ranges of the declarations a patch touched. This measures that scoped run against a
// full-project StrykerJS run with the same settings, on
//   1. an example (examples/fix-with-test, its patch applied), and
//   2. the generated project (bench/generate.mjs) with one function changed: the function the
//      regressive patch breaks, rewritten *equivalently* (`return X;` -> `const result = X;
//      return result;`), so that the whole suite stays green and every test file takes part.
//      (With the regressive patch itself patchprobe leaves out the failing test file, the only one
//      that reaches the function, and every in-scope mutant is NoCoverage: a vacuous comparison.)
//
// Both runs go through the very code path patchprobe uses: `runStryker` of packages/core/dist
// (assets/stryker-runner.mjs in its own process group), with
//   - scoped: `mergeRanges(declarationRanges(...))` of the touched declarations, which the bench gets
//     from patchprobe's own static stage (`inspectChange` on the patched working tree);
//   - full: one range per source file covering all of its lines (what `mutate: ['src/**']` does);
//   - both: the test files that pass after the patch (a vitest JSON run, as patchprobe's suite
//     stage finds them), maxMutants 100000 (no sampling), concurrency 2, the stage's 2 s mutant
//     timeout, each run in its own fresh private copy of the patched project (StrykerJS mutates in
//     place), never in examples/.
// Reported: wall time (and CPU time of the runner's process tree) per run, medians, full / scoped,
// and status agreement: every mutant of a scoped run must be in the full run (same file, start and
// end position, mutator, replacement) with the same status. Killed <-> Timeout flips are counted
// apart from other mismatches: a mutant that makes a test loop or crawl is Killed when an assertion
// fails first and Timeout when the per-mutant limit (2 s + 1.5 x the test's dry-run time) runs out
// first, which depends on how busy the machine is.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createExampleRepo } from '../scripts/lib/example-repo.mjs';
import { createGeneratedProject } from './generate.mjs';
import { childrenCpuMs, median, projectVitest } from './measure.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '..');
const CORE_DIST = path.join(REPO_ROOT, 'packages', 'core', 'dist');

export const MUTATION_TARGET_SPEEDUP = 20;
/** The example of the subject (its patch.diff is applied in a private copy). */
export const MUTATION_EXAMPLE = 'fix-with-test';
/**
 * Size of the generated project for this subject unless --source-files is given. A full StrykerJS
 * run over all 200 files of the default project takes far too long for a bench on 2 cores (see
 * docs/benchmarks.md), so the full run is real but on a smaller generated project.
 */
export const MUTATION_SOURCE_FILES = 50;
const MAX_MUTANTS = 100_000;
const CONCURRENCY = 2;
/** The mutation stage's MUTANT_TIMEOUT_MS (packages/core/src/mutation/run-mutation-stage.ts). */
const MUTANT_TIMEOUT_MS = 2_000;

const round = (ms) => (typeof ms === 'number' ? Math.round(ms * 10) / 10 : null);
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
const sec = (ms) => (typeof ms === 'number' ? (ms / 1000).toFixed(2) : '-');

const RUNNER = path.join(REPO_ROOT, 'packages', 'core', 'assets', 'stryker-runner.mjs');

/**
 * Which runner measured: its sha256 and its vitest `related` setting (a mutant runs only the test
 * files that import the mutated file when true, the whole selected test set when false).
 */
function runnerInfo() {
  try {
    const text = fs.readFileSync(RUNNER, 'utf8');
    const related = /vitest:\s*\{\s*related:\s*(true|false)/.exec(text)?.[1];
    return { sha256: createHash('sha256').update(text).digest('hex').slice(0, 16), vitestRelated: related === undefined ? null : related === 'true' };
  } catch {
    return null;
  }
}

let core;
/** packages/core's built modules (imported lazily: `--list` needs no build). */
async function loadCore() {
  if (core) return core;
  const mod = (rel) => import(pathToFileURL(path.join(CORE_DIST, rel)).href);
  const all = () => Promise.all([mod('mutation/run-stryker.js'), mod('mutation/ranges.js'), mod('index.js')]);
  // A build in progress (tsc rewriting dist/) can leave a file missing for a moment: wait up to 2 min.
  let loaded;
  for (let waited = 0; !loaded; waited += 5_000) {
    try {
      loaded = await all();
    } catch (err) {
      if (err?.code !== 'ERR_MODULE_NOT_FOUND' || waited >= 120_000) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  }
  const [stryker, ranges, index] = loaded;
  core = { runStryker: stryker.runStryker, declarationRanges: ranges.declarationRanges, mergeRanges: ranges.mergeRanges, inspectChange: index.inspectChange };
  return core;
}

/** Whether --source-files was given on the command line (args.mjs does not say). */
const sourceFilesGiven = () => process.argv.slice(2).some((a) => a === '--source-files' || a.startsWith('--source-files='));

const isTestFile = (rel) => /(^|\/)(test|tests|__tests__)\//.test(rel) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(rel);
const isSourceFile = (rel) => /\.[cm]?[jt]sx?$/.test(rel) && !rel.endsWith('.d.ts') && !isTestFile(rel) && !/(^|\/)[^/]*\.config\.[cm]?[jt]s$/.test(rel);

function gitIn(cwd, args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull } });
}

/** Every tracked source file of the project (not tests, not configs), with its line count. */
function sourceFiles(dir) {
  return gitIn(dir, ['ls-files', '-z'])
    .split('\0')
    .filter((f) => f && isSourceFile(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return { file, lines: text.split('\n').length };
    });
}

/** The test files that pass in the patched project: one vitest run with the JSON reporter. */
function passingTestFiles(dir, workDir) {
  const out = path.join(workDir, 'vitest-results.json');
  const bin = projectVitest(dir);
  try {
    execFileSync(bin.command, [...bin.args, 'run', '--reporter=json', `--outputFile=${out}`], {
      cwd: dir,
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    // Failing tests exit non-zero; the JSON file says which.
  }
  const json = JSON.parse(fs.readFileSync(out, 'utf8'));
  const all = json.testResults.map((r) => ({ file: path.relative(dir, r.name).split(path.sep).join('/'), passed: r.status === 'passed' }));
  return { passing: all.filter((r) => r.passed).map((r) => r.file).sort(), failing: all.filter((r) => !r.passed).map((r) => r.file).sort(), tests: json.numTotalTests, failedTests: json.numFailedTests };
}

/** The scoped ranges exactly as the mutation stage computes them (after side), from patchprobe's static stage. */
async function scopedRanges(dir) {
  const { inspectChange, declarationRanges, mergeRanges } = await loadCore();
  const report = await inspectChange({ cwd: dir, probes: false, typecheck: false, isTestFile });
  const declarations = report.static?.declarations ?? [];
  const ranges = declarationRanges(declarations, 'after', { projectDir: '', isTestFile });
  return { declarations: ranges.map((r) => ({ symbol: r.symbol, file: r.file, start: r.start, end: r.end })), ranges: mergeRanges(ranges) };
}

/**
 * The generated project's change: the regression's function, rewritten equivalently so the suite
 * stays green (its last `return X;` becomes `const result = X;` + `return result;`).
 * @returns {{ file: string, fn: string, patch: string }}
 */
function rewriteOneFunction(dir, file, fn) {
  const abs = path.join(dir, file);
  const lines = fs.readFileSync(abs, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`export function ${fn}(`));
  if (start < 0) throw new Error(`mutation: ${fn} not found in ${file}`);
  const end = lines.findIndex((l, i) => i > start && l === '}');
  const body = lines.slice(start, end + 1).join('\n');
  if (/\bresult\b/.test(body)) throw new Error(`mutation: ${fn} already uses the name "result"`);
  let ret = -1;
  for (let i = end - 1; i > start; i--) if (/^  return .*;$/.test(lines[i])) { ret = i; break; }
  if (ret < 0) throw new Error(`mutation: ${fn} has no final "return ...;" line`);
  const expr = /^  return (.*);$/.exec(lines[ret])[1];
  lines.splice(ret, 1, `  const result = ${expr};`, '  return result;');
  fs.writeFileSync(abs, lines.join('\n'));
  return { file, fn, patch: gitIn(dir, ['diff', '--no-color', '--no-ext-diff']) };
}

/** A fresh private copy of the patched project for one StrykerJS run (no .git; node_modules links kept as links). */
function copyProject(from, to) {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => path.basename(src) !== '.git' });
}

const mutantKey = (m, root) => {
  const rel = path.relative(root, m.fileName).split(path.sep).join('/');
  const { start, end } = m.location;
  return `${rel}:${start.line}:${start.column}-${end.line}:${end.column} ${m.mutatorName} ${JSON.stringify(m.replacement)}`;
};

function countStatuses(mutants) {
  const out = {};
  for (const m of mutants) out[m.status] = (out[m.status] ?? 0) + 1;
  return out;
}

/** Stryker's score over the given mutants: (killed + timeout) / (all - ignored - errors), in %. */
function score(counts) {
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return valid ? Math.round((detected / valid) * 1000) / 10 : null;
}

/** One StrykerJS run through runStryker, in a fresh copy of `projectDir`. */
async function strykerRun(mode, { projectDir, ranges, testFiles, budgetMs, scratch, index }) {
  const { runStryker } = await loadCore();
  const runRoot = fs.mkdtempSync(path.join(scratch, `${mode}-${index}-`));
  const copy = path.join(runRoot, 'project');
  copyProject(projectDir, copy);
  const tmpDir = path.join(runRoot, 'tmp');
  fs.mkdirSync(tmpDir);
  const loadStart = load();
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const outcome = await runStryker({
    projectRoot: copy,
    ranges,
    testFiles,
    maxMutants: MAX_MUTANTS,
    mutantTimeoutMs: MUTANT_TIMEOUT_MS,
    budgetMs,
    concurrency: CONCURRENCY,
    workDir: path.join(runRoot, 'work'),
    tmpDir,
    userRoot: projectDir,
    treeRoot: copy,
    // No before tree: these projects do not use the @patchprobe/vitest plugin's base imports.
    beforeRoot: undefined,
  });
  const ms = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  const run = {
    mode,
    ms: round(ms),
    cpuMs: cpu0 === null || cpu1 === null ? null : round(cpu1 - cpu0),
    loadavgStart: loadStart,
    loadavgEnd: load(),
    status: outcome.status,
  };
  let mutants = [];
  if (outcome.status === 'ran') {
    mutants = outcome.mutants.map((m) => ({ key: mutantKey(m, copy), status: m.status }));
    const counts = countStatuses(mutants);
    Object.assign(run, { generated: outcome.generated, planned: outcome.planned, sampled: outcome.sampled, mutants: mutants.length, statuses: counts, score: score(counts) });
    if (outcome.sampled) run.error = `the ${mode} run sampled mutants (more than ${MAX_MUTANTS})`;
  } else run.error = `${mode} StrykerJS run failed: ${outcome.reason}`;
  fs.rmSync(runRoot, { recursive: true, force: true });
  return { run, mutants };
}

/** Every scoped mutant looked up in a full run. */
function compareRuns(scoped, full) {
  const byKey = new Map();
  for (const m of full) {
    const list = byKey.get(m.key) ?? [];
    list.push(m.status);
    byKey.set(m.key, list);
  }
  const result = { scopedMutants: scoped.length, matched: 0, sameStatus: 0, killedTimeoutFlips: [], mismatches: [], missing: [] };
  const seen = new Map();
  for (const m of scoped) {
    const n = seen.get(m.key) ?? 0;
    seen.set(m.key, n + 1);
    const other = byKey.get(m.key)?.[n];
    if (other === undefined) {
      result.missing.push(m.key);
      continue;
    }
    result.matched++;
    if (other === m.status) result.sameStatus++;
    else if (new Set([other, m.status]).size === 2 && [other, m.status].every((s) => s === 'Killed' || s === 'Timeout')) result.killedTimeoutFlips.push({ mutant: m.key, scoped: m.status, full: other });
    else result.mismatches.push({ mutant: m.key, scoped: m.status, full: other });
  }
  return result;
}

/**
 * Sets up one project (example or generated) and measures it: scoped runs, then full runs.
 * @returns {Promise<object>} the project's part of the subject's summary
 */
async function measureProject(p, opts, { log, tag, scratch, scopedRuns, fullRuns }) {
  const out = { name: p.name, ...p.info, sourceFiles: null, testFiles: null, scoped: null, full: null, comparisons: [], errors: [] };
  const work = fs.mkdtempSync(path.join(scratch, `${p.name}-setup-`));
  const tests = passingTestFiles(p.dir, work);
  out.testFiles = tests.passing.length;
  out.tests = tests.tests;
  if (tests.failing.length) out.failingTestFiles = tests.failing;
  const files = sourceFiles(p.dir);
  out.sourceFiles = files.length;
  out.sourceLines = files.reduce((t, f) => t + f.lines, 0);
  const scope = await scopedRanges(p.dir);
  out.declarations = scope.declarations;
  out.ranges = scope.ranges;
  out.scopedLines = scope.ranges.reduce((t, r) => t + r.end - r.start + 1, 0);
  log(
    `${tag}: ${p.name}: ${files.length} source files (${out.sourceLines} lines), ${tests.passing.length} passing test files (${tests.tests} tests); ` +
      `scope: ${scope.declarations.map((d) => `${d.symbol} ${d.start}-${d.end}`).join(', ') || 'nothing'}`,
  );
  if (scope.ranges.length === 0) {
    out.errors.push(`${p.name}: the patch touches no declaration the mutation stage would mutate`);
    return out;
  }
  const common = { projectDir: p.dir, testFiles: tests.passing, budgetMs: opts.timeoutMs, scratch };
  const fullRanges = files.map((f) => ({ file: f.file, start: 1, end: f.lines }));
  const measure = async (mode, ranges, count) => {
    const runs = [];
    const mutants = [];
    for (let i = 0; i < count; i++) {
      const r = await strykerRun(mode, { ...common, ranges, index: i });
      runs.push(r.run);
      mutants.push(r.mutants);
      const s = r.run;
      log(
        `${tag}: ${p.name}: ${mode} run ${i + 1}/${count}: ${sec(s.ms)} s (cpu ${sec(s.cpuMs)} s)` +
          (s.status === 'ran' ? `, ${s.mutants} mutants ${JSON.stringify(s.statuses)}` : '') +
          `, load ${s.loadavgStart[0]} -> ${s.loadavgEnd[0]}${s.error ? ` - ${s.error}` : ''}`,
      );
      if (s.error) out.errors.push(`${p.name}: ${s.error}`);
    }
    return { runs, mutants };
  };
  const scoped = await measure('scoped', scope.ranges, scopedRuns);
  const full = await measure('full', fullRanges, fullRuns);
  const summary = (runs) => {
    const ok = runs.filter((r) => r.status === 'ran');
    return { runs, medianMs: round(median(ok.map((r) => r.ms))), medianCpuMs: round(median(ok.map((r) => r.cpuMs))), mutants: ok[0]?.mutants ?? null, statuses: ok[0]?.statuses ?? null, score: ok[0]?.score ?? null };
  };
  out.scoped = summary(scoped.runs);
  out.full = summary(full.runs);
  out.speedup = out.scoped.medianMs && out.full.medianMs ? Math.round((out.full.medianMs / out.scoped.medianMs) * 10) / 10 : null;
  out.cpuSpeedup = out.scoped.medianCpuMs && out.full.medianCpuMs ? Math.round((out.full.medianCpuMs / out.scoped.medianCpuMs) * 10) / 10 : null;
  for (const [i, s] of scoped.runs.entries()) {
    for (const [j, f] of full.runs.entries()) {
      if (s.status !== 'ran' || f.status !== 'ran') continue;
      const c = compareRuns(scoped.mutants[i], full.mutants[j]);
      out.comparisons.push({ scopedRun: i + 1, fullRun: j + 1, ...c });
      if (c.missing.length) out.errors.push(`${p.name}: scoped run ${i + 1}: ${c.missing.length} mutant(s) not in full run ${j + 1}, e.g. ${c.missing[0]}`);
      if (c.mismatches.length) out.errors.push(`${p.name}: scoped run ${i + 1} vs full run ${j + 1}: ${c.mismatches.length} status mismatch(es), e.g. ${JSON.stringify(c.mismatches[0])}`);
    }
  }
  // The scoped mutants' statuses in the full run, for the table: the first full run.
  const c0 = out.comparisons[0];
  out.agreement = c0
    ? {
        comparisons: out.comparisons.length,
        scopedMutants: c0.scopedMutants,
        matched: Math.min(...out.comparisons.map((c) => c.matched)),
        sameStatus: Math.min(...out.comparisons.map((c) => c.sameStatus)),
        killedTimeoutFlips: out.comparisons.reduce((t, c) => t + c.killedTimeoutFlips.length, 0),
        mismatches: out.comparisons.reduce((t, c) => t + c.mismatches.length, 0),
        missing: out.comparisons.reduce((t, c) => t + c.missing.length, 0),
        identical: out.comparisons.every((c) => c.missing.length === 0 && c.mismatches.length === 0 && c.killedTimeoutFlips.length === 0),
      }
    : null;
  fs.rmSync(work, { recursive: true, force: true });
  return out;
}

/**
 * The `mutation` subject: the example, then the generated project, each scoped then full.
 * @returns {Promise<object>} the subject's entry for results.subjects
 */
export async function measureMutationSubject(subject, opts, { tag, log, results, cleanups }) {
  const t0 = performance.now();
  const scopedRuns = opts.runsGiven ? opts.runs : 3;
  const sourceFilesCount = sourceFilesGiven() ? opts.sourceFiles : MUTATION_SOURCE_FILES;
  const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-mutation-')));
  const dropScratch = () => fs.rmSync(scratch, { recursive: true, force: true });
  cleanups.push(dropScratch);
  const info = {
    example: MUTATION_EXAMPLE,
    generatedSourceFiles: sourceFilesCount,
    testsPerFile: opts.testsPerFile,
    maxMutants: MAX_MUTANTS,
    concurrency: CONCURRENCY,
    mutantTimeoutMs: MUTANT_TIMEOUT_MS,
    targetSpeedup: MUTATION_TARGET_SPEEDUP,
    runner: runnerInfo(),
    projects: [],
  };
  results.mutation = info;
  const errors = [];
  const projects = [
    {
      name: `example ${MUTATION_EXAMPLE}`,
      fullRuns: opts.runsGiven ? opts.runs : 3,
      setup: () => {
        const repo = createExampleRepo(path.join(REPO_ROOT, 'examples', MUTATION_EXAMPLE), { prefix: 'pp-bench-mutation-example-' });
        gitIn(repo.dir, ['apply', path.join(REPO_ROOT, 'examples', MUTATION_EXAMPLE, 'patch.diff')]);
        return { dir: repo.dir, cleanup: repo.cleanup, info: { kind: 'example', patch: `examples/${MUTATION_EXAMPLE}/patch.diff` } };
      },
    },
    {
      name: `generated ${sourceFilesCount} files`,
      fullRuns: opts.runsGiven ? opts.runs : 1,
      setup: () => {
        log(`${tag}: generating a project of ${sourceFilesCount} source files x ${opts.testsPerFile} tests...`);
        const g = createGeneratedProject({ sourceFiles: sourceFilesCount, testsPerFile: opts.testsPerFile });
        try {
          const change = rewriteOneFunction(g.dir, g.regression.file, g.regression.fn);
          return { dir: g.dir, cleanup: g.cleanup, info: { kind: 'generated', ...g.stats, change: { file: change.file, fn: change.fn, what: 'last `return X;` -> `const result = X; return result;` (equivalent)', diff: change.patch } } };
        } catch (err) {
          g.cleanup();
          throw err;
        }
      },
    },
  ];
  for (const spec of projects) {
    let p;
    try {
      const s = spec.setup();
      p = { name: spec.name, ...s };
      cleanups.push(p.cleanup);
    } catch (err) {
      log(`${tag}: ${spec.name}: setup failed: ${err.message}`);
      errors.push(`${spec.name}: setup failed: ${err.message}`);
      continue;
    }
    try {
      const m = await measureProject(p, opts, { log, tag, scratch, scopedRuns, fullRuns: spec.fullRuns });
      info.projects.push(m);
      errors.push(...m.errors);
      if (m.speedup !== null) log(`${tag}: ${spec.name}: full ${sec(m.full.medianMs)} s / scoped ${sec(m.scoped.medianMs)} s = ${m.speedup}x`);
    } catch (err) {
      log(`${tag}: ${spec.name}: ${err.message}`);
      errors.push(`${spec.name}: ${err.message}`);
    } finally {
      if (opts.keep) log(`${tag}: kept ${p.dir}`);
      else {
        p.cleanup();
        cleanups.splice(cleanups.indexOf(p.cleanup), 1);
      }
    }
  }
  dropScratch();
  cleanups.splice(cleanups.indexOf(dropScratch), 1);
  const runnerAfter = runnerInfo();
  if (runnerAfter?.sha256 !== info.runner?.sha256) {
    info.runnerAfter = runnerAfter;
    errors.push(`packages/core/assets/stryker-runner.mjs changed during the measurement (${info.runner?.sha256} -> ${runnerAfter?.sha256}): the runs are not comparable`);
  }
  const summary = {
    projects: info.projects.map((m) => ({
      name: m.name,
      scopedMs: m.scoped?.medianMs ?? null,
      fullMs: m.full?.medianMs ?? null,
      speedup: m.speedup ?? null,
      cpuSpeedup: m.cpuSpeedup ?? null,
      scopedMutants: m.scoped?.mutants ?? null,
      fullMutants: m.full?.mutants ?? null,
      agreement: m.agreement ?? null,
      targetMet: typeof m.speedup === 'number' ? m.speedup >= MUTATION_TARGET_SPEEDUP : null,
    })),
    scopedRuns,
    subjectMs: round(performance.now() - t0),
    errors,
  };
  return { name: subject.name, kind: subject.kind, patch: null, expected: null, summary, runs: [] };
}

/** The subject's table (printed by run.mjs's printReport). */
export function printMutation(s, info) {
  const m = s.summary;
  console.log(
    `\nmutation probes: scoped StrykerJS run (touched declarations only) vs full-project run, same settings ` +
      `(concurrency ${info?.concurrency ?? CONCURRENCY}, maxMutants ${info?.maxMutants ?? MAX_MUTANTS}, mutant timeout ${info?.mutantTimeoutMs ?? MUTANT_TIMEOUT_MS} ms)\n`,
  );
  const rows = [['project', 'scoped runs', 'scoped s', 'full runs', 'full s', 'full/scoped', 'cpu full/scoped', 'scoped mutants', 'full mutants', 'same status', 'Killed<->Timeout', 'other mismatches']];
  for (const [i, p] of m.projects.entries()) {
    const d = info?.projects?.[i];
    const a = p.agreement;
    rows.push([
      p.name,
      String(d?.scoped?.runs?.length ?? '-'),
      sec(p.scopedMs),
      String(d?.full?.runs?.length ?? '-'),
      sec(p.fullMs),
      p.speedup === null ? '-' : `${p.speedup}x`,
      p.cpuSpeedup === null ? '-' : `${p.cpuSpeedup}x`,
      String(p.scopedMutants ?? '-'),
      String(p.fullMutants ?? '-'),
      a ? `${a.sameStatus}/${a.scopedMutants}` : '-',
      a ? String(a.killedTimeoutFlips) : '-',
      a ? String(a.mismatches + a.missing) : '-',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  console.log(rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n'));
  console.log('times: medians of wall time around runStryker (node child, mutant enumeration, StrykerJS dry run and mutants); cpu: user + system time of that process tree');
  console.log('same status: in-scope mutants with the same status in the full run (worst over every scoped x full pair of runs)');
  for (const p of m.projects) {
    if (p.speedup !== null) console.log(`${p.name}: ${p.speedup}x - target >= ${MUTATION_TARGET_SPEEDUP}x: ${p.targetMet ? 'met' : 'NOT met'}; statuses ${p.agreement?.identical ? 'identical' : 'NOT identical'}`);
  }
  if (info?.runner) console.log(`runner: stryker-runner.mjs ${info.runner.sha256}, vitest related: ${info.runner.vitestRelated}`);
  console.log(`mutation subject took ${sec(m.subjectMs)} s in all`);
}
