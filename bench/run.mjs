// patchprobe benchmark: for every example under examples/, for a generated project of ~200
// source files and 1,000 tests (with a cosmetic and a regressive patch) and for a small project of
// 12 pure functions that a patch rewrites equivalently (`probes`, bench/probes.mjs), measure
//   - one plain `vitest run` of the project (its own node_modules/.bin/vitest, CI=1), and
//   - `patchprobe verify --cwd <dir> --patch <patch> --json -` (for `probes`, with
//     `--probe-runs 1000 --no-typecheck`),
// both as wall time around the spawned process, and report patchprobe / plain vitest plus
// patchprobe's own per-stage timings; for `probes`, also each probed function's samples per
// second and the probe stage's parts. Runs are strictly sequential.
// The `small-lib` subjects (issue 18, "verdicts in seconds on real libraries") use the same
// generator at the size of a small library (SMALL_LIB below: 30 source files, 390 tests in 6 test
// files, a plain `vitest run` of about 2.5 s on an idle 2-core machine) with a cosmetic, a
// regressive and a substantive patch (a string helper fixed, with a new test that pins the fix);
// each runs patchprobe twice, with every stage and with --no-mutation, and reports both ratios to
// the plain run and both sets of per-stage timings. A verdict other than the patch's kind is an error.
// The `plugin-overhead` subject (bench/plugin-overhead.mjs) measures something else: the generated
// project, unchanged, run with its plain vitest config and with `plugins: [patchprobe()]`
// alternately (1 warm-up each, then --runs rounds, 5 unless given), and reports the overhead of the
// @patchprobe/vitest plugin against the target of < 5 %.
//
//   node bench/run.mjs [--only NAME[,NAME]]... [--runs N] [--timeout SECONDS]
//                      [--source-files N] [--tests-per-file N] [--modules-per-test-file N]
//                      [--probe-runs N] [--out FILE]
//                      [--plugin-parts] [--plugin-package DIR] [--keep] [--list]
//
// Writes the full results to bench/results/latest.json (or --out). Exit code 0 when every
// subject was measured, 1 when any measurement recorded an error, 2 on bad usage.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBenchArgs } from './args.mjs';
import { fileURLToPath } from 'node:url';

import { createExampleRepo, listExamples } from '../scripts/lib/example-repo.mjs';
import { createGeneratedProject } from './generate.mjs';
import { killRunning, lastLine, median, parseVitestSummary, projectVitest, timeProcess } from './measure.mjs';
import { createProbeProject, PROBE_FUNCTIONS, probeId, TARGET_SAMPLES_PER_SECOND } from './probes.mjs';
import { CONFIGS as PLUGIN_CONFIGS, createPluginOverheadProject, measurePluginOverhead, pluginEnv, TARGET_OVERHEAD_PCT } from './plugin-overhead.mjs';
import { measureMutationSubject, printMutation } from './mutation.mjs';
import { CACHE_EXAMPLE, measureCache, printCache } from './cache.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '..');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const CLI = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'patchprobe.js');
const DEFAULT_OUT = path.join(BENCH_DIR, 'results', 'latest.json');
const TARGET_RATIO = 2.5;
const PLUGIN_DEFAULT_RUNS = 5;
// The small-library subject's project: 30 source files x 13 tests = 390 tests (391 with the
// substantive patch's new test); the tests of 5 neighbouring modules share a test file (6 files).
// vitest starts a worker per test file, so the test-file count, not the test count, sets the plain
// run's time. A plain `vitest run` (vitest 4.1.12, CI=1) on this 2-core machine, 3 runs each at a
// load average below 1 (wall; user + system CPU is about the same, vitest barely overlaps here):
//   1 module per test file  (30 files): 7.9-8.7 s      3 per test file (11 files): 3.5-4.2 s
//   2 modules per test file (15 files): 4.9-5.6 s      4 per test file  (8 files): 2.8-3.2 s
//   5 modules per test file  (6 files): 2.4-2.5 s  <- the issue's 2-3 s
// (With a load average of 7-9 from other work the same 6-file suite takes roughly 2-3x as long.)
const SMALL_LIB = { sourceFiles: 30, testsPerFile: 13, modulesPerTestFile: 5 };

// ---------------------------------------------------------------------------------------------
// options

const USAGE = `usage: node bench/run.mjs [options]     (or: pnpm bench [options])

  --only NAME        measure only this subject (repeatable, or comma-separated); "generated"
                     selects both generated subjects, "small-lib" the three small-library
                     subjects (30 source files, 390 tests; a cosmetic, a regressive and a
                     substantive patch, each verified with every stage and with --no-mutation,
                     both against one plain vitest run), "examples" every example, "probes" the
                     property-probe throughput subject, "plugin-overhead" the cost of the
                     @patchprobe/vitest plugin on the unchanged generated project, "mutation"
                     a scoped StrykerJS run against a full-project one (example + generated
                     project of 50 files unless --source-files is given), "cache" the
                     baseline cache (the same verification twice on one --cache-dir)
  --runs N           measure each subject N times and report medians (default 1; for
                     plugin-overhead, N rounds of plain + plugin run, default 5)
  --timeout SECONDS  give up on one process after this long (default 1200)
  --source-files N   size of the generated project (default 200; not the small library's)
  --tests-per-file N tests per generated module (default 5; not the small library's)
  --modules-per-test-file N
                     modules whose tests share one test file in the generated project
                     (default 1; not the small library's, which has 5)
  --probe-runs N     samples per function for the probes subject (default 1000)
  --plugin-parts     plugin-overhead: also run configs with parts of the plugin (import only,
                     reporter, reporter + setup file, tagger) to see where an overhead goes
  --plugin-package DIR
                     plugin-overhead: link this folder as @patchprobe/vitest instead of
                     packages/vitest (another build of the plugin, to compare versions)
  --out FILE         where to write the JSON results (default bench/results/latest.json)
  --keep             keep the temporary projects and print where they are
  --list             list the subjects and exit
  -h, --help         this text`;

function parseArgs(argv) {
  const o = parseBenchArgs(argv, usage);
  if (o.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return { ...o, out: o.out ?? DEFAULT_OUT };
}

function usage(message) {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// subjects

function allSubjects() {
  const subjects = [];
  const examples = fs.existsSync(EXAMPLES_DIR) ? listExamples(EXAMPLES_DIR) : [];
  for (const name of examples) {
    const dir = path.join(EXAMPLES_DIR, name);
    let expected = null;
    try {
      expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    } catch {}
    subjects.push({ name, kind: 'example', exampleDir: dir, patch: path.join(dir, 'patch.diff'), expected: expected?.verdict ?? null });
  }
  for (const patch of ['cosmetic', 'regressive']) {
    subjects.push({ name: `generated-${patch}`, kind: 'generated', patchName: patch, expected: patch });
  }
  // A small library (SMALL_LIB) with a patch of each verdict; patchprobe with and without mutation.
  for (const patch of ['cosmetic', 'regressive', 'substantive']) {
    subjects.push({ name: `small-lib-${patch}`, kind: 'small-lib', patchName: patch, expected: patch });
  }
  // Equivalent rewrites of 12 pure functions: every probe must run its whole budget and agree.
  subjects.push({ name: 'probes', kind: 'probes', expected: 'cosmetic' });
  // The @patchprobe/vitest plugin on the unchanged generated project: overhead < 5 %.
  subjects.push({ name: 'plugin-overhead', kind: 'plugin-overhead', expected: null });
  // StrykerJS on the touched declarations only vs the whole project (bench/mutation.mjs): >= 20x, same statuses.
  subjects.push({ name: 'mutation', kind: 'mutation', expected: null });
  // The baseline cache: cold vs warm run on the same base, one example and the generated project (bench/cache.mjs).
  subjects.push({ name: 'cache', kind: 'cache', expected: null });
  return subjects;
}

function selectSubjects(subjects, only) {
  if (only.length === 0) return subjects;
  const unknown = only.filter(
    (n) => !GROUPS.includes(n) && !subjects.some((s) => s.name === n),
  );
  if (unknown.length) usage(`unknown subject(s): ${unknown.join(', ')}; known: ${[...GROUPS, ...subjects.map((s) => s.name)].join(', ')}`);
  return subjects.filter((s) => only.includes(s.name) || (only.includes(GROUP_OF_KIND[s.kind]) && GROUPS.includes(GROUP_OF_KIND[s.kind])));
}

// --only names that select every subject of a kind.
const GROUP_OF_KIND = { generated: 'generated', example: 'examples', 'small-lib': 'small-lib' };
const GROUPS = ['generated', 'examples', 'small-lib'];

// ---------------------------------------------------------------------------------------------
// measuring

const ENV = { ...process.env, CI: '1' };
// Colour codes would only get in the way of parsing; vitest honours NO_COLOR.
delete ENV.FORCE_COLOR;
ENV.NO_COLOR = '1';

async function measurePlain(dir, opts) {
  let bin;
  try {
    bin = projectVitest(dir);
  } catch (err) {
    return { ms: null, error: err.message };
  }
  const r = await timeProcess(bin.command, [...bin.args, 'run'], { cwd: dir, env: ENV, timeoutMs: opts.timeoutMs });
  const summary = parseVitestSummary(r.stdout + '\n' + r.stderr);
  const result = { ms: round(r.ms), cpuMs: r.cpuMs === null ? null : round(r.cpuMs), exitCode: r.code, ...summary };
  if (r.timedOut) result.error = `vitest timed out after ${opts.timeoutMs / 1000} s`;
  else if (r.spawnError) result.error = r.spawnError;
  else if (!summary.tests && !summary.files) result.error = `vitest printed no summary (exit ${r.code}): ${lastLine(r.stderr) || lastLine(r.stdout)}`;
  return result;
}

// The probes subject asks for --probe-runs samples per function (1,000 unless told); the
// type-check delta is not what it measures.
const probeArgs = (opts) => ['--probe-runs', String(opts.probeRuns), '--no-typecheck'];

async function measurePatchprobe(dir, patch, opts, extraArgs = []) {
  const args = [CLI, 'verify', '--cwd', dir, '--patch', patch, '--json', '-', ...extraArgs];
  const r = await timeProcess(process.execPath, args, { cwd: dir, env: ENV, timeoutMs: opts.timeoutMs });
  const result = { ms: round(r.ms), cpuMs: r.cpuMs === null ? null : round(r.cpuMs), exitCode: r.code };
  let report = null;
  try {
    report = JSON.parse(r.stdout);
  } catch {}
  if (report && typeof report === 'object') {
    result.verdict = report.verdict ?? null;
    result.confidence = report.confidence ?? null;
    result.durationMs = typeof report.durationMs === 'number' ? round(report.durationMs) : null;
    result.timings = report.timings && typeof report.timings === 'object' ? roundAll(report.timings) : {};
    // The static stage's parts, so its cost with and without the type-check delta can be read apart.
    if (report.static?.timings) for (const [k, v] of Object.entries(roundAll(report.static.timings))) result.timings[`static:${k}`] = v;
    if (report.static?.typecheck) result.typecheck = report.static.typecheck;
    if (report.probes && typeof report.probes === 'object') result.probes = probeFigures(report.probes);
    if (report.cache && typeof report.cache === 'object') result.cache = report.cache;
    if (result.durationMs !== null) result.overheadMs = round(r.ms - result.durationMs);
  }
  if (r.timedOut) result.error = `patchprobe timed out after ${opts.timeoutMs / 1000} s`;
  else if (r.spawnError) result.error = r.spawnError;
  else if (r.code === 2) result.error = lastLine(r.stderr) || 'exit code 2 with nothing on stderr';
  else if (!report) result.error = `exit code ${r.code}, no JSON report on stdout${lastLine(r.stderr) ? `: ${lastLine(r.stderr)}` : ''}`;
  else if (r.code !== 0 && r.code !== 1) result.error = `exit code ${r.code}${r.signal ? ` (${r.signal})` : ''}: ${lastLine(r.stderr)}`;
  if (result.error) result.stderr = r.stderr.slice(-4000);
  return result;
}

/** What the bench keeps of `report.probes`: per function its outcome, runs, time and samples per second. */
function probeFigures(p) {
  const functions = (Array.isArray(p.functions) ? p.functions : []).map((f) => ({
    id: f.id,
    outcome: f.outcome,
    runs: f.runs,
    durationMs: f.durationMs,
    samplesPerSecond: samplesPerSecond(f.runs, f.durationMs),
    async: f.async,
    inputs: f.inputs,
    ...(f.reason ? { reason: f.reason } : {}),
    ...(f.counterexample ? { counterexample: { call: f.counterexample.call, before: f.counterexample.before, after: f.counterexample.after } } : {}),
  }));
  return {
    seed: p.seed,
    runs: p.runs,
    callTimeoutMs: p.callTimeoutMs,
    processes: p.processes,
    timings: p.timings ?? {},
    functionsMs: functions.reduce((t, f) => t + (f.durationMs ?? 0), 0),
    uncovered: p.uncovered ?? [],
    functions,
  };
}

// durationMs is whole milliseconds (and includes loading both versions of the module); a function
// that finishes within the rounding counts as half a millisecond rather than infinitely fast.
function samplesPerSecond(runs, ms) {
  if (typeof runs !== 'number' || typeof ms !== 'number') return null;
  return Math.round(runs / (Math.max(ms, 0.5) / 1000));
}

/** Probe problems that make the probes subject an error: a function not probed, not equivalent, or cut short. */
function probeErrors(probes, probeRuns) {
  if (!probes) return ['no probe section in the report'];
  const errors = [];
  for (const f of PROBE_FUNCTIONS) {
    const id = probeId(f);
    const got = probes.functions.find((x) => x.id === id);
    if (!got) errors.push(`${id} was not probed`);
    else if (got.outcome !== 'equivalent') {
      const why = got.counterexample ? `${got.counterexample.call}: before ${got.counterexample.before}, after ${got.counterexample.after}` : got.reason ?? '';
      errors.push(`${id} is ${got.outcome}, not equivalent${why ? ` (${why})` : ''}`);
    } else if (got.runs < probeRuns) errors.push(`${id} ran ${got.runs} of ${probeRuns} samples`);
  }
  return errors;
}

const round = (ms) => Math.round(ms * 10) / 10;
const roundAll = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));

/** Medians over the runs of one way of running patchprobe (`pps`: its result in each run). */
function summarisePatchprobe(pps, plainMs) {
  const patchprobeMs = median(pps.map((p) => (p.error ? null : p.ms)));
  const stageNames = [];
  for (const p of pps) for (const k of Object.keys(p.timings ?? {})) if (!stageNames.includes(k)) stageNames.push(k);
  const timings = {};
  for (const k of stageNames) {
    const m = median(pps.map((p) => p.timings?.[k]));
    if (m !== null) timings[k] = round(m);
  }
  const verdicts = [...new Set(pps.map((p) => p.verdict).filter(Boolean))];
  const last = pps.filter((p) => p.verdict).at(-1) ?? {};
  return {
    patchprobeMs: patchprobeMs === null ? null : round(patchprobeMs),
    ratio: plainMs && patchprobeMs !== null ? Math.round((patchprobeMs / plainMs) * 100) / 100 : null,
    verdict: verdicts.length === 1 ? verdicts[0] : verdicts.length ? verdicts.join('|') : null,
    confidence: last.confidence ?? null,
    durationMs: median(pps.map((p) => p.durationMs)),
    timings,
  };
}

function summarise(runs, subject) {
  const plainMs = median(runs.map((r) => r.plain.ms));
  const main = summarisePatchprobe(runs.map((r) => r.patchprobe), plainMs);
  // small-lib: the same verification with --no-mutation, and CPU time (less sensitive to load).
  const noMutation = runs.some((r) => r.patchprobeNoMutation) ? summarisePatchprobe(runs.map((r) => r.patchprobeNoMutation ?? {}), plainMs) : null;
  const cpu = (list) => median(list.map((x) => (x?.error ? null : x?.cpuMs)));
  const cpuRatio = (a, b) => (a && b !== null ? Math.round((b / a) * 100) / 100 : null);
  return {
    plainMs: plainMs === null ? null : round(plainMs),
    patchprobeMs: main.patchprobeMs,
    ratio: main.ratio,
    ...(noMutation
      ? {
          patchprobeNoMutationMs: noMutation.patchprobeMs,
          ratioNoMutation: noMutation.ratio,
          plainTests: median(runs.map((r) => r.plain.tests?.total)),
          plainCpuMs: cpu(runs.map((r) => r.plain)),
          cpuRatio: cpuRatio(cpu(runs.map((r) => r.plain)), cpu(runs.map((r) => r.patchprobe))),
          cpuRatioNoMutation: cpuRatio(cpu(runs.map((r) => r.plain)), cpu(runs.map((r) => r.patchprobeNoMutation))),
        }
      : {}),
    verdict: main.verdict,
    confidence: main.confidence,
    durationMs: main.durationMs,
    timings: main.timings,
    ...(noMutation
      ? { verdictNoMutation: noMutation.verdict, confidenceNoMutation: noMutation.confidence, durationMsNoMutation: noMutation.durationMs, timingsNoMutation: noMutation.timings }
      : {}),
    ...(subject.kind === 'probes' && runs.some((r) => r.patchprobe.probes) ? { probes: summariseProbes(runs) } : {}),
    errors: [
      ...new Set(
        runs.flatMap((r) =>
          [
            r.plain.error,
            r.patchprobe.error,
            ...(r.patchprobe.probeErrors ?? []),
            r.patchprobeNoMutation?.error && `--no-mutation: ${r.patchprobeNoMutation.error}`,
            ...(r.checkErrors ?? []),
          ].filter(Boolean),
        ),
      ),
    ],
  };
}

/**
 * What the small-lib subjects check besides the timings: the plain run at base passes all the
 * generated tests, and both verifications give the patch's verdict.
 */
function smallLibChecks(subject, stats, plain, runsByLabel) {
  const errors = [];
  if (plain.tests && (plain.tests.total !== stats.tests || plain.tests.passed !== stats.tests)) {
    errors.push(`plain vitest ran ${plain.tests.passed} passing of ${plain.tests.total} tests, expected ${stats.tests} passing`);
  }
  for (const [label, pp] of runsByLabel) {
    if (pp.verdict && pp.verdict !== subject.expected) errors.push(`${label}: verdict ${pp.verdict} (${pp.confidence ?? '-'}), expected ${subject.expected}`);
  }
  return errors;
}

/** Medians over the runs, per probed function and for the probe stage. */
function summariseProbes(runs) {
  const reports = runs.map((r) => r.patchprobe.probes).filter(Boolean);
  const ids = [];
  for (const p of reports) for (const f of p.functions) if (!ids.includes(f.id)) ids.push(f.id);
  const params = new Map(PROBE_FUNCTIONS.map((f) => [probeId(f), f]));
  const functions = ids.map((id) => {
    const xs = reports.map((p) => p.functions.find((f) => f.id === id)).filter(Boolean);
    return {
      id,
      ...(params.has(id) ? { params: params.get(id).params, rewrite: params.get(id).rewrite } : {}),
      outcome: [...new Set(xs.map((f) => f.outcome))].join('|'),
      runs: median(xs.map((f) => f.runs)),
      durationMs: median(xs.map((f) => f.durationMs)),
      samplesPerSecond: median(xs.map((f) => f.samplesPerSecond)),
    };
  });
  // Throughput only means something for a probe that ran its whole budget: a divergence stops early.
  const measured = functions.filter((f) => f.outcome === 'equivalent' && typeof f.samplesPerSecond === 'number');
  const rates = measured.map((f) => f.samplesPerSecond);
  const slowest = [...measured].sort((a, b) => a.samplesPerSecond - b.samplesPerSecond)[0];
  const stage = (k) => median(reports.map((p) => p.timings?.[k]));
  const totalRuns = median(reports.map((p) => p.functions.reduce((t, f) => t + (f.runs ?? 0), 0)));
  const functionsMs = median(reports.map((p) => p.functionsMs));
  return {
    runsPerFunction: median(reports.map((p) => p.runs)),
    functions,
    medianSamplesPerSecond: median(rates),
    minSamplesPerSecond: slowest ? slowest.samplesPerSecond : null,
    slowest: slowest ? slowest.id : null,
    // All samples of all functions over the time spent inside the functions' probes.
    overallSamplesPerSecond: functionsMs ? Math.round(totalRuns / (functionsMs / 1000)) : null,
    stageMs: median(runs.map((r) => r.patchprobe.timings?.probes)),
    selectMs: stage('select'),
    recordMs: stage('record'),
    executeMs: stage('execute'),
    functionsMs,
    processes: median(reports.map((p) => p.processes)),
    uncovered: [...new Set(reports.flatMap((p) => p.uncovered.map((u) => u.symbol)))],
    targetSamplesPerSecond: TARGET_SAMPLES_PER_SECOND,
    measuredFunctions: measured.length,
    targetMet: slowest ? slowest.samplesPerSecond >= TARGET_SAMPLES_PER_SECOND : false,
  };
}

// ---------------------------------------------------------------------------------------------
// output

const sec = (ms) => (typeof ms === 'number' ? (ms / 1000).toFixed(2) : '-');

function table(rows, align) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (align[c] === 'r' ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c]))).join('  ');
      return i === 0 ? `${line.trimEnd()}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line.trimEnd();
    })
    .join('\n');
}

function printReport(results, opts) {
  const subjects = results.subjects.filter((s) => s.kind !== 'plugin-overhead' && s.kind !== 'mutation' && s.kind !== 'cache');
  const note = opts.runs > 1 ? ` (median of ${opts.runs} runs)` : '';
  if (subjects.length) printVerifyReport(results, subjects, note);
  for (const s of results.subjects.filter((x) => x.kind === 'plugin-overhead' && x.summary.configs)) printPluginOverhead(s.summary, results.pluginOverhead);
  for (const s of results.subjects.filter((x) => x.kind === 'mutation' && x.summary.projects)) printMutation(s, results.mutation);
  for (const s of results.subjects.filter((x) => x.kind === 'cache')) printCache(s, opts.runs);

  const errors = results.subjects.filter((s) => s.summary.errors.length);
  if (errors.length) {
    console.log('\nerrors:');
    for (const s of errors) for (const e of s.summary.errors) console.log(`  ${s.name}: ${e}`);
  }
}

function printPluginOverhead(m, info) {
  const signed = (x, unit) => (typeof x === 'number' ? `${x >= 0 ? '+' : ''}${x}${unit}` : '-');
  console.log(
    `\n@patchprobe/vitest plugin on the unchanged generated project (${info.sourceFiles} source files, ${info.tests} tests): ` +
      `wall time of \`vitest run\`, median of ${info.runs} run${info.runs === 1 ? '' : 's'} per config after ${info.warmups} warm-up each\n`,
  );
  const rows = [['config', 'file', 'median s', 'min s', 'max s', 'overhead', 'cpu s', 'cpu overhead', 'transform s*', 'setup s*', 'import s*']];
  for (const [name, c] of Object.entries(m.configs)) {
    const v = c.vitestSums ?? {};
    const base = name === 'plain';
    rows.push([name, c.file, sec(c.medianMs), sec(c.minMs), sec(c.maxMs), base ? '-' : signed(c.overheadPct, ' %'), sec(c.cpuMedianMs), base ? '-' : signed(c.cpuOverheadPct, ' %'), sec(v.transformMs), sec(v.setupMs), sec(v.importMs)]);
  }
  console.log(table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  console.log('cpu: user + system time of vitest and its workers (median). * vitest\'s own "Duration" parts, summed over the test files, not wall time (medians)');
  console.log(
    `\nplugin overhead = (plugin - plain) / plain of the medians: ${signed(m.overheadPct, ' %')} (${signed(m.overheadMs === null ? null : Math.round(m.overheadMs) / 1000, ' s')}); ` +
      `per round (plugin run vs the plain run before it): ${m.pairedOverheadPct.map((x) => signed(x, '')).join(', ') || '-'} %, median ${signed(m.pairedMedianPct, ' %')}`,
  );
  console.log(`target < ${m.targetPct} %: ${m.targetMet === null ? 'not measured' : m.targetMet ? 'met' : 'NOT met'}`);
  if (m.fingerprint?.medianMs !== undefined) console.log(`the reporter's git fingerprint alone (changeFingerprint, in-process): ${m.fingerprint.medianMs} ms median`);
  console.log(`the project's working tree after the runs: ${m.workingTreeClean ? 'clean (git status --porcelain empty)' : 'CHANGED'}`);
}

function printVerifyReport(results, subjects, note) {
  console.log(`\npatchprobe benchmark${note}: wall time of patchprobe verify vs one plain \`vitest run\`\n`);
  // Subjects that also ran patchprobe with --no-mutation (small-lib) get two more columns.
  const withNoMutation = subjects.some((s) => 'ratioNoMutation' in s.summary);
  const verdictCell = (verdict, confidence, expected) => {
    const mark = verdict && expected ? (verdict === expected ? ' ok' : ' MISMATCH') : '';
    return verdict ? `${verdict}${confidence ? ` (${confidence})` : ''}${mark}` : 'error';
  };
  const ratioCell = (x) => (typeof x === 'number' ? x.toFixed(2) : '-');
  const rows = [['subject', 'expected', 'verdict', 'vitest s', 'patchprobe s', 'ratio', ...(withNoMutation ? ['no-mutation s', 'ratio no-mutation', 'verdict no-mutation'] : [])]];
  for (const s of subjects) {
    const m = s.summary;
    const noMut = 'ratioNoMutation' in m;
    rows.push([
      s.name,
      s.expected ?? '-',
      verdictCell(m.verdict, m.confidence, s.expected),
      sec(m.plainMs),
      sec(m.patchprobeMs),
      ratioCell(m.ratio),
      ...(withNoMutation
        ? noMut
          ? [sec(m.patchprobeNoMutationMs), ratioCell(m.ratioNoMutation), verdictCell(m.verdictNoMutation, m.confidenceNoMutation, s.expected)]
          : ['-', '-', '-']
        : []),
    ]);
  }
  console.log(table(rows, ['l', 'l', 'l', 'r', 'r', 'r', ...(withNoMutation ? ['r', 'r', 'l'] : [])]));

  const stages = [];
  for (const s of subjects) for (const k of Object.keys({ ...s.summary.timings, ...s.summary.timingsNoMutation })) if (!stages.includes(k)) stages.push(k);
  if (stages.length) {
    console.log(`\npatchprobe time per stage, seconds${note}\n`);
    const srows = [['subject', ...stages, 'durationMs', 'wall']];
    for (const s of subjects) {
      const m = s.summary;
      srows.push([s.name, ...stages.map((k) => sec(m.timings[k])), sec(m.durationMs), sec(m.patchprobeMs)]);
      if (m.timingsNoMutation) srows.push([`${s.name} --no-mutation`, ...stages.map((k) => sec(m.timingsNoMutation[k])), sec(m.durationMsNoMutation), sec(m.patchprobeNoMutationMs)]);
    }
    console.log(table(srows, ['l', ...stages.map(() => 'r'), 'r', 'r']));
  } else {
    console.log('\n(no per-stage timings: no patchprobe report was produced)');
  }

  const generated = subjects.filter((s) => s.kind === 'generated' && s.summary.ratio !== null);
  if (generated.length) {
    const g = results.generated;
    console.log(
      `\ngenerated project (${g.sourceFiles} source files, ${g.tests} tests): ` +
        generated.map((s) => `${s.patchName} ${s.summary.ratio.toFixed(2)}`).join(', ') +
        ` - target <= ${TARGET_RATIO}: ${generated.every((s) => s.summary.ratio <= TARGET_RATIO) ? 'met' : 'NOT met'}`,
    );
  }
  const small = subjects.filter((s) => s.kind === 'small-lib');
  if (small.length && results.smallLib) {
    const g = results.smallLib;
    const plain = small.map((s) => s.summary.plainMs).filter((x) => typeof x === 'number');
    const cpu = small.map((s) => s.summary.plainCpuMs).filter((x) => typeof x === 'number');
    const counts = [...new Set(small.map((s) => s.summary.plainTests).filter((x) => typeof x === 'number'))];
    console.log(
      `\nsmall library (${g.sourceFiles} source files, ${g.testFiles} test files, ${g.tests} tests; plain \`vitest run\` ` +
        `${plain.length ? `${[...new Set([Math.min(...plain), Math.max(...plain)])].map(sec).join('-')} s wall` : '-'}` +
        `${cpu.length ? `, ${sec(median(cpu))} s CPU` : ''}, ${counts.length ? counts.join('/') : '-'} tests in its summary; ` +
        `load average ${results.machine.loadavgStart?.[0] ?? '-'} at the start of the bench, ${results.machine.loadavgEnd?.[0] ?? '-'} at the end):`,
    );
    const rows = [['patch', 'verdict', 'ratio', 'verdict --no-mutation', 'ratio --no-mutation', 'CPU ratio', 'CPU ratio --no-mutation']];
    for (const s of small) {
      const m = s.summary;
      rows.push([s.patchName, verdictCell(m.verdict, m.confidence, s.expected), ratioCell(m.ratio), verdictCell(m.verdictNoMutation, m.confidenceNoMutation, s.expected), ratioCell(m.ratioNoMutation), ratioCell(m.cpuRatio), ratioCell(m.cpuRatioNoMutation)]);
    }
    console.log('');
    console.log(table(rows, ['l', 'l', 'r', 'l', 'r', 'r', 'r']));
    console.log('ratio: patchprobe wall time / plain vitest wall time; CPU ratio: the same for user + system CPU time of the process trees');
  }
  for (const s of subjects.filter((x) => x.kind === 'probes' && x.summary.probes)) printProbes(s.summary.probes, note);
}

const int = (n) => (typeof n === 'number' ? Math.round(n).toLocaleString('en-US') : '-');

function printProbes(p, note) {
  console.log(`\nproperty probes: samples per second per function (--probe-runs ${p.runsPerFunction ?? '-'})${note}\n`);
  const rows = [['function', 'parameters', 'outcome', 'runs', 'ms', 'samples/s']];
  for (const f of p.functions) rows.push([f.id, f.params ?? '-', f.outcome, int(f.runs), int(f.durationMs), int(f.samplesPerSecond)]);
  console.log(table(rows, ['l', 'l', 'l', 'r', 'r', 'r']));
  console.log(
    `\nprobe stage ${sec(p.stageMs)} s: select ${sec(p.selectMs)} + record ${sec(p.recordMs)} + execute ${sec(p.executeMs)} ` +
      `(${p.processes ?? '-'} vitest process${p.processes === 1 ? '' : 'es'}; inside the ${p.functions.length} functions' probes ${sec(p.functionsMs)} s, ` +
      `${int(p.overallSamplesPerSecond)} samples/s overall)`,
  );
  if (p.uncovered.length) console.log(`not probed: ${p.uncovered.join(', ')}`);
  console.log(
    `samples/s per function${p.measuredFunctions < p.functions.length ? ` (the ${p.measuredFunctions} equivalent ones)` : ''}: ` +
      `median ${int(p.medianSamplesPerSecond)}, minimum ${int(p.minSamplesPerSecond)}${p.slowest ? ` (${p.slowest})` : ''}` +
      ` - target >= ${int(p.targetSamplesPerSecond)} for pure functions: ${p.targetMet ? 'met' : 'NOT met'}`,
  );
}

function repoState() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { commit: head, packagesDirty: dirty };
  } catch {
    return null;
  }
}

function vitestVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'node_modules', 'vitest', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const subjects = selectSubjects(allSubjects(), opts.only);
  if (opts.list) {
    for (const s of subjects) console.log(`${s.name}${s.expected ? `  (expected ${s.expected})` : ''}`);
    return 0;
  }
  if (subjects.length === 0) usage('nothing to measure');

  const cleanups = [];
  const cleanupAll = () => {
    if (opts.keep) return;
    while (cleanups.length) {
      try {
        cleanups.pop()();
      } catch {}
    }
  };
  process.on('SIGINT', () => {
    console.error('\nbench: interrupted; stopping the running process and removing temp projects');
    killRunning();
    cleanupAll();
    process.exit(130);
  });

  const results = {
    startedAt: new Date().toISOString(),
    finishedAt: null,
    options: { only: opts.only, runs: opts.runs, timeoutMs: opts.timeoutMs, sourceFiles: opts.sourceFiles, testsPerFile: opts.testsPerFile, modulesPerTestFile: opts.modulesPerTestFile, probeRuns: opts.probeRuns, pluginParts: opts.pluginParts, pluginPackage: opts.pluginPackage ?? null },
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, arch: os.arch(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryMb: Math.round(os.totalmem() / 2 ** 20), loadavgStart: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    repo: repoState(),
    vitest: vitestVersion(),
    cli: CLI,
    targetRatio: TARGET_RATIO,
    generated: null,
    smallLib: null,
    probes: null,
    pluginOverhead: null,
    subjects: [],
  };

  let generated = null;
  let smallLib = null;
  const log = (msg) => console.error(`bench: ${msg}`);
  try {
    for (const [i, subject] of subjects.entries()) {
      const tag = `[${i + 1}/${subjects.length}] ${subject.name}`;
      if (subject.kind === 'plugin-overhead') {
        results.subjects.push(await measurePluginSubject(subject, opts, { tag, log, results, cleanups }));
        continue;
      }
      if (subject.kind === 'mutation') {
        results.subjects.push(await measureMutationSubject(subject, opts, { tag, log, results, cleanups }));
        continue;
      }
      if (subject.kind === 'cache') {
        results.subjects.push(await measureCacheSubject(subject, opts, { tag, log, results, cleanups }));
        continue;
      }
      let dir;
      let patch;
      let cleanup = null;
      try {
        if (subject.kind === 'example') {
          const repo = createExampleRepo(subject.exampleDir, { prefix: 'pp-bench-example-' });
          dir = repo.dir;
          cleanup = repo.cleanup;
          patch = subject.patch;
        } else if (subject.kind === 'probes') {
          const project = createProbeProject();
          dir = project.dir;
          cleanup = project.cleanup;
          patch = project.patch;
          results.probes = {
            probeRuns: opts.probeRuns,
            args: probeArgs(opts),
            targetSamplesPerSecond: TARGET_SAMPLES_PER_SECOND,
            functions: project.functions,
            ...(opts.keep ? { dir: project.dir, patch: project.patch } : {}),
          };
        } else if (subject.kind === 'small-lib') {
          if (!smallLib) {
            const t0 = process.hrtime.bigint();
            log(`generating the small library: ${SMALL_LIB.sourceFiles} source files x ${SMALL_LIB.testsPerFile} tests, ${SMALL_LIB.modulesPerTestFile} modules per test file...`);
            smallLib = createGeneratedProject(SMALL_LIB);
            cleanups.push(smallLib.cleanup);
            const fix = smallLib.fix;
            results.smallLib = {
              ...smallLib.stats,
              modulesPerTestFile: SMALL_LIB.modulesPerTestFile,
              generateMs: round(Number(process.hrtime.bigint() - t0) / 1e6),
              cosmeticFiles: smallLib.patches.cosmeticFiles,
              regression: { file: smallLib.regression.file, fn: smallLib.regression.fn, expectedFailures: smallLib.regression.expectedFailures },
              fix: { file: fix.file, testFile: fix.testFile, fn: fix.fn, change: `${fix.mutation.from} -> ${fix.mutation.to}`, test: fix.test.title, input: fix.test.cases[0].input, expected: fix.test.cases[0].expected, before: fix.before },
              ...(opts.keep ? { dir: smallLib.dir, patches: { cosmetic: smallLib.patches.cosmetic, regressive: smallLib.patches.regressive, substantive: smallLib.patches.substantive } } : {}),
            };
            log(`generated ${smallLib.stats.sourceFiles} source files, ${smallLib.stats.testFiles} test files, ${smallLib.stats.tests} tests in ${sec(results.smallLib.generateMs)} s: ${smallLib.dir}`);
          }
          dir = smallLib.dir;
          patch = smallLib.patches[subject.patchName];
        } else {
          if (!generated) {
            const t0 = process.hrtime.bigint();
            log(`generating a project of ${opts.sourceFiles} source files x ${opts.testsPerFile} tests...`);
            generated = createGeneratedProject({ sourceFiles: opts.sourceFiles, testsPerFile: opts.testsPerFile, modulesPerTestFile: opts.modulesPerTestFile });
            cleanups.push(generated.cleanup);
            results.generated = {
              ...generated.stats,
              generateMs: round(Number(process.hrtime.bigint() - t0) / 1e6),
              cosmeticFiles: generated.patches.cosmeticFiles,
              regression: { file: generated.regression.file, fn: generated.regression.fn, expectedFailures: generated.regression.expectedFailures },
              ...(opts.keep ? { dir: generated.dir, patches: { cosmetic: generated.patches.cosmetic, regressive: generated.patches.regressive } } : {}),
            };
            log(`generated ${generated.stats.sourceFiles} source files, ${generated.stats.tests} tests in ${sec(results.generated.generateMs)} s: ${generated.dir}`);
          }
          dir = generated.dir;
          patch = generated.patches[subject.patchName];
        }
      } catch (err) {
        log(`${tag}: setup failed: ${err.message}`);
        const error = `setup failed: ${err.message}`;
        const runs = [{ plain: { ms: null, error }, patchprobe: { ms: null, error } }];
        results.subjects.push(subjectResult(subject, null, runs));
        continue;
      }
      if (cleanup) cleanups.push(cleanup);

      const runs = [];
      for (let r = 0; r < opts.runs; r++) {
        const runTag = opts.runs > 1 ? `${tag} run ${r + 1}/${opts.runs}` : tag;
        const plain = await measurePlain(dir, opts);
        log(`${runTag}: plain vitest ${sec(plain.ms)} s${plain.tests ? ` (${plain.tests.passed} passed, ${plain.tests.failed} failed)` : ''}${plain.error ? ` - ${plain.error}` : ''}`);
        const pp = await measurePatchprobe(dir, patch, opts, subject.kind === 'probes' ? probeArgs(opts) : []);
        if (subject.kind === 'probes' && !pp.error) {
          const problems = probeErrors(pp.probes, opts.probeRuns);
          if (problems.length) pp.probeErrors = problems;
        }
        log(`${runTag}: patchprobe ${sec(pp.ms)} s -> ${pp.verdict ?? 'no verdict'}${pp.error ? ` - ${pp.error}` : ''}${pp.probeErrors ? ` - ${pp.probeErrors.length} probe problem(s)` : ''}`);
        if (subject.kind === 'small-lib') {
          const ppNoMutation = await measurePatchprobe(dir, patch, opts, ['--no-mutation']);
          log(`${runTag}: patchprobe --no-mutation ${sec(ppNoMutation.ms)} s -> ${ppNoMutation.verdict ?? 'no verdict'}${ppNoMutation.error ? ` - ${ppNoMutation.error}` : ''}`);
          const checkErrors = smallLibChecks(subject, smallLib.stats, plain, [['all stages', pp], ['--no-mutation', ppNoMutation]]);
          for (const e of checkErrors) log(`${runTag}: ${e}`);
          runs.push({ plain, patchprobe: pp, patchprobeNoMutation: ppNoMutation, ...(checkErrors.length ? { checkErrors } : {}) });
          continue;
        }
        if (pp.probes && subject.kind === 'probes') {
          const rates = pp.probes.functions.map((f) => f.samplesPerSecond).filter((x) => typeof x === 'number');
          if (rates.length) log(`${runTag}: probes ${sec(pp.timings?.probes)} s, ${pp.probes.functions.length} functions, ${int(median(rates))} samples/s median, ${int(Math.min(...rates))} minimum`);
        }
        runs.push({ plain, patchprobe: pp });
      }
      results.subjects.push(subjectResult(subject, patch, runs));
      if (cleanup && !opts.keep) {
        cleanup();
        cleanups.splice(cleanups.indexOf(cleanup), 1);
      } else if (cleanup) log(`${tag}: kept ${dir}`);
    }
  } finally {
    if (opts.keep && generated) log(`kept generated project: ${generated.root}`);
    if (opts.keep && smallLib) log(`kept small library: ${smallLib.root}`);
    cleanupAll();
  }

  results.finishedAt = new Date().toISOString();
  results.machine.loadavgEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');
  printReport(results, opts);
  console.log(`\nfull results: ${path.relative(process.cwd(), opts.out) || opts.out}`);
  return results.subjects.some((s) => s.summary.errors.length) ? 1 : 0;
}

/**
 * The plugin-overhead subject: its own generated project (the configs are committed on top, and
 * its node_modules links @patchprobe/vitest), warm-ups, then alternating plain / plugin runs.
 */
async function measurePluginSubject(subject, opts, { tag, log, results, cleanups }) {
  const runs = opts.runsGiven ? opts.runs : PLUGIN_DEFAULT_RUNS;
  const fail = (error) => ({ name: subject.name, kind: subject.kind, patch: null, expected: null, summary: { errors: [error] }, runs: [] });
  let project;
  try {
    const t0 = process.hrtime.bigint();
    log(`${tag}: generating a project of ${opts.sourceFiles} source files x ${opts.testsPerFile} tests with the plugin configs...`);
    project = createPluginOverheadProject({ sourceFiles: opts.sourceFiles, testsPerFile: opts.testsPerFile, ...(opts.pluginPackage ? { pluginPackage: opts.pluginPackage } : {}) });
    cleanups.push(project.cleanup);
    log(`${tag}: generated ${project.stats.sourceFiles} source files, ${project.stats.tests} tests in ${sec(Number(process.hrtime.bigint() - t0) / 1e6)} s: ${project.dir}`);
  } catch (err) {
    log(`${tag}: setup failed: ${err.message}`);
    return fail(`setup failed: ${err.message}`);
  }
  results.pluginOverhead = {
    ...project.stats,
    runs,
    warmups: 1,
    parts: opts.pluginParts,
    pluginPackage: project.pluginPackage,
    targetPct: TARGET_OVERHEAD_PCT,
    configs: PLUGIN_CONFIGS.filter((c) => opts.pluginParts || !c.part).map((c) => ({ name: c.name, file: c.file, what: c.what })),
    ...(opts.keep ? { dir: project.dir } : {}),
  };
  let m;
  try {
    m = await measurePluginOverhead(project, { runs, parts: opts.pluginParts, timeoutMs: opts.timeoutMs, env: pluginEnv(process.env), log, tag });
  } catch (err) {
    log(`${tag}: ${err.message}`);
    return fail(err.message);
  } finally {
    if (opts.keep) log(`${tag}: kept ${project.dir}`);
    else {
      project.cleanup();
      cleanups.splice(cleanups.indexOf(project.cleanup), 1);
    }
  }
  const { runs: measured, warmups, ...summary } = m;
  return { name: subject.name, kind: subject.kind, patch: null, expected: null, summary, warmups, runs: measured };
}

/**
 * The cache subject (bench/cache.mjs): one example and a generated project of its own (regressive
 * patch), each verified twice per round with one fresh cache folder.
 */
async function measureCacheSubject(subject, opts, { tag, log, results, cleanups }) {
  const fail = (error) => ({ name: subject.name, kind: subject.kind, patch: null, expected: null, summary: { errors: [error] }, targets: [] });
  const targets = [];
  try {
    const example = createExampleRepo(path.join(EXAMPLES_DIR, CACHE_EXAMPLE), { prefix: 'pp-bench-cache-' });
    cleanups.push(example.cleanup);
    targets.push({ name: CACHE_EXAMPLE, dir: example.dir, patch: path.join(EXAMPLES_DIR, CACHE_EXAMPLE, 'patch.diff') });
    log(`${tag}: generating a project of ${opts.sourceFiles} source files x ${opts.testsPerFile} tests...`);
    const g = createGeneratedProject({ sourceFiles: opts.sourceFiles, testsPerFile: opts.testsPerFile });
    cleanups.push(g.cleanup);
    targets.push({ name: 'generated-regressive', dir: g.dir, patch: g.patches.regressive });
    results.cache = { example: CACHE_EXAMPLE, generated: { ...g.stats, patch: 'regressive' }, rounds: opts.runs };
  } catch (err) {
    log(`${tag}: setup failed: ${err.message}`);
    return fail(`setup failed: ${err.message}`);
  }
  const measured = await measureCache(targets, opts, { measure: (dir, patch, extra) => measurePatchprobe(dir, patch, opts, extra), measurePlain: (dir) => measurePlain(dir, opts), log, tag });
  const errors = measured.flatMap((t) => t.summary.errors.map((e) => `${t.name}: ${e}`));
  return { name: subject.name, kind: subject.kind, patch: null, expected: null, summary: { errors }, targets: measured };
}

function subjectResult(subject, patch, runs) {
  return {
    name: subject.name,
    kind: subject.kind,
    ...(subject.patchName ? { patchName: subject.patchName } : {}),
    patch: patch && path.relative(REPO_ROOT, patch).startsWith('..') ? path.basename(patch) : patch && path.relative(REPO_ROOT, patch),
    expected: subject.expected,
    summary: summarise(runs, subject),
    runs,
  };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.stack ?? err);
    process.exit(2);
  },
);
