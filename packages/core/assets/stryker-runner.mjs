// patchprobe's StrykerJS child (issue 5). Started by src/mutation/run-stryker.ts with cwd = the project
// folder of a PRIVATE copy (Stryker takes process.cwd() as the project root and mutates in place there).
// argv[2] is a JSON job file; the result goes to job.outFile as JSON. Never prints on success.
// Or argv[2] is `--wait` (run-stryker.ts prestartStryker, while the suites still run): StrykerJS and
// its instrumenter are loaded first (argv[3]: where they are), then the job comes on stdin as one
// JSON line `{ jobFile, cwd }`; stdin closed without one means there is nothing to do.
//
// Two steps in one process, so the budget costs no second vitest start:
//  1. enumerate the mutants of the touched ranges with Stryker's own instrumenter (the same code, the
//     same ignorers as the real run, so the numbers match) and, past --max-mutants, sample mutant
//     locations evenly over the declarations;
//  2. run Stryker (vitest runner, perTest coverage) on the sampled ranges with the job's test files,
//     skipping the job's failing tests by name and, when the job says so, without bail.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectTinypool, projectWarmPool } from './stryker-warm-worker.mjs';

const PRELOAD = fileURLToPath(new URL('./stryker-runner-preload.mjs', import.meta.url));
const job = await readJob();
const write = (result) => fs.writeFileSync(job.outFile, JSON.stringify(result));

async function readJob() {
  if (process.argv[2] !== '--wait') return JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const preload = JSON.parse(process.argv[3]);
  const loaded = Promise.all([preload.instrumenterEntry, preload.strykerEntry, preload.aridPlugin, preload.progressReporter].map((entry) => import(pathToFileURL(entry).href)));
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  await loaded;
  if (!input.trim()) process.exit(0);
  const { jobFile, cwd } = JSON.parse(input);
  process.chdir(cwd);
  return JSON.parse(fs.readFileSync(jobFile, 'utf8'));
}

// The same ignorer object the real run loads as a plugin, so enumeration and run agree.
const { strykerPlugins } = await import(pathToFileURL(job.aridPlugin).href);
const arid = strykerPlugins[0].value;
const { trimMutant } = await import(pathToFileURL(job.progressReporter).href);

// StrykerJS's vitest runner loads `vitest/node` from process.cwd() and, when that fails, silently
// falls back to the vitest installed next to itself (patchprobe's own). vitest 0.34 exports
// `vitest/node` for `import` only, so that fallback happens there. Refuse rather than judge the
// project with a vitest it does not use.
function assertProjectVitest() {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  let version;
  try {
    // Also what StrykerJS's runner is made to import in place of its own vitest (stryker-runner-hooks.mjs).
    process.env.PATCHPROBE_PROJECT_VITEST_NODE = require.resolve('vitest/node');
    version = require(require.resolve('vitest/package.json')).version;
  } catch {
    throw new Error(`StrykerJS cannot load the project's vitest ${job.vitestVersion} (vitest/node does not resolve from ${process.cwd()})`);
  }
  if (job.vitestVersion && version !== job.vitestVersion) {
    throw new Error(`StrykerJS would load vitest ${version}, not the project's ${job.vitestVersion}`);
  }
}

async function main() {
  assertProjectVitest();
  const { Instrumenter } = await import(pathToFileURL(job.instrumenterEntry).href);
  const quiet = { isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => false, isErrorEnabled: () => false, isFatalEnabled: () => false, trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };
  const instrumenter = new Instrumenter(quiet);
  const mutatorOptions = { plugins: null, excludedMutations: [], ignorers: [arid], noHeader: true };
  // Ranges here: 1-based lines, 0-based columns, as Stryker's "file:line:col-line:col" strings.
  const enumerate = async (ranges) => {
    const byFile = new Map();
    for (const r of ranges) {
      const list = byFile.get(r.file) ?? [];
      list.push({ start: { line: r.sl - 1, column: r.sc }, end: { line: r.el - 1, column: r.ec } });
      byFile.set(r.file, list);
    }
    const files = [...byFile].map(([name, mutate]) => ({ name: path.resolve(name), mutate, content: fs.readFileSync(name, 'utf8') }));
    const { mutants } = await instrumenter.instrument(files, mutatorOptions);
    // The instrumenter's locations are 0-based in lines and columns.
    return mutants.filter((m) => m.status !== 'Ignored');
  };

  const whole = job.ranges.map((r) => ({ file: r.file, sl: r.start, sc: 0, el: r.end, ec: Number.MAX_SAFE_INTEGER }));
  const all = await enumerate(whole);
  let ranges = whole;
  let sampled = false;
  if (all.length > job.maxMutants) {
    ranges = sampleLocations(all, whole, job.maxMutants);
    sampled = true;
  }
  const planned = sampled ? await enumerate(ranges) : all;
  if (planned.length === 0) {
    write({ status: 'ran', generated: all.length, planned: 0, sampled, mutants: [] });
    return;
  }

  const { Stryker } = await import(pathToFileURL(job.strykerEntry).href);
  await skipCheckerProcess();
  // A shared worker also stays warm between runs where the project's vitest allows it (2.x, 3.x:
  // tinypool; 4.x: its Pool rewritten as it loads, through a module loaded with --import into each
  // test runner process; stryker-warm-worker.mjs). PATCHPROBE_WARM_WORKER=0 in patchprobe's
  // environment turns it off.
  const warmOff = process.env.PATCHPROBE_WARM_WORKER === '0';
  const warmPool = warmOff ? undefined : projectWarmPool(process.cwd());
  const warmable = !warmOff && (projectTinypool(process.cwd()) !== undefined || warmPool !== undefined);
  if (warmPool) process.env.PATCHPROBE_WARM_POOL_CHUNK = warmPool;
  // Decided again if the run falls back to a worker per file (replan).
  let runners = runnersFor(planned.length, job.sharedWorker === true && warmable);
  // What a run cut short by its time budget still has: the plan, then each mutant as it is tested.
  const progress = job.progressFile !== undefined;
  if (progress) {
    fs.writeFileSync(job.progressFile, `${JSON.stringify({ plan: { generated: all.length, planned: planned.length, sampled, runners, sharedWorker: job.sharedWorker === true, warmWorker: job.sharedWorker === true && warmable } })}\n`);
    process.env.PATCHPROBE_MUTANT_LOG = job.progressFile;
  }
  // Tests that failed in the suite run are skipped one by one (the rest of their file still runs):
  // StrykerJS's vitest runner plus our skipping setup file (assets/stryker-vitest-runner.mjs). The same
  // runner shares one vitest worker between a run's test files (job.sharedWorker). Its worker
  // processes inherit this environment.
  if (job.skipTestsFile !== undefined) process.env.PATCHPROBE_SKIP_TESTS = job.skipTestsFile;
  process.env.PATCHPROBE_STRYKER_VITEST_RUNNER = job.vitestRunnerEntry;
  // The worker mode is read by the runner from PATCHPROBE_SHARED_WORKER, set before each run.
  const options = () => ({
    // Ours always (assets/stryker-vitest-runner.mjs): StrykerJS's own, plus skipped tests, vitest's
    // typecheck off, and the shared worker.
    testRunner: 'patchprobe-vitest',
    // Module hooks in each test runner process: one vitest import there, and vitest 4's warm pool.
    testRunnerNodeArgs: ['--import', pathToFileURL(PRELOAD).href],
    // Under pnpm Stryker's own plugin discovery globs next to its install and finds nothing (api-notes §4).
    plugins: [job.vitestRunnerEntry, job.aridPlugin, job.skippingRunner, ...(progress ? [job.progressReporter] : [])],
    ignorers: ['patchprobe-arid'],
    // The same ranges the enumeration used.
    mutate: ranges.map((r) => (r.ec === Number.MAX_SAFE_INTEGER && r.sc === 0 ? `${r.file}:${r.sl}-${r.el}` : `${r.file}:${r.sl}:${r.sc}-${r.el}:${r.ec}`)),
    testFiles: job.testFiles,
    coverageAnalysis: 'perTest',
    reporters: [...(job.htmlReportFile ? ['html'] : []), ...(progress ? ['patchprobe-progress'] : [])],
    tempDirName: job.tempDir,
    cleanTempDir: 'always',
    // In place, because cwd is patchprobe's private copy: the sandbox would copy the project again and
    // its symlinked node_modules would point workspace packages back at the user's tree (api-notes §4).
    inPlace: true,
    logLevel: 'off',
    fileLogLevel: 'off',
    allowConsoleColors: false,
    concurrency: runners,
    timeoutMS: job.timeoutMs,
    timeoutFactor: 1.5,
    dryRunTimeoutMinutes: job.dryRunTimeoutMinutes,
    incremental: false,
    // With the old versions of edited tests in the run, every test runs on every mutant, so that
    // killedBy says which of the old and the new tests kill it (the tests-weakened comparison).
    disableBail: job.disableBail === true,
    disableTypeChecks: true,
    // related: vitest's own module graph narrows each run to the test files that import the mutated
    // files (package imports included); without per-test coverage on vitest 4 (stryker-js#5928)
    // this is what keeps a mutant from running the whole suite.
    vitest: { related: true, ...(job.configFile ? { configFile: job.configFile } : {}) },
    ...(job.htmlReportFile ? { htmlReporter: { fileName: job.htmlReportFile } } : {}),
  });
  // A shared worker is tried first when the job allows it. A project whose test files need a worker
  // each (module state one file leaves for the next) fails StrykerJS's initial run there. On vitest
  // 2.x and 3.x the files that failed then get a worker of their own each and the rest keep sharing
  // one (radashi: one polyfill test among 125 files made the whole initial run isolated, 51 s of a
  // 70 s run); otherwise, or if that run is not green either, the run is repeated with vitest's own
  // isolation. All of it before any mutant is judged.
  let shared = job.sharedWorker === true;
  let isolated = [];
  const failuresFile = path.join(path.dirname(job.outFile), 'shared-failures.txt');
  // Written by a test runner whose repeated initial run showed the warm worker changes outcomes.
  const warmDroppedFile = path.join(path.dirname(job.outFile), 'warm-dropped.txt');
  const attempt = (mode) => {
    process.env.PATCHPROBE_SHARED_WORKER = mode.shared ? '1' : '0';
    process.env.PATCHPROBE_WARM_WORKER = mode.shared && warmable ? '1' : '0';
    process.env.PATCHPROBE_ISOLATED_FILES = JSON.stringify(mode.isolated);
    process.env.PATCHPROBE_WARM_DROPPED = warmDroppedFile;
    fs.rmSync(warmDroppedFile, { force: true });
    fs.rmSync(failuresFile, { force: true });
    if (mode.shared) process.env.PATCHPROBE_SHARED_FAILURES = failuresFile;
    else delete process.env.PATCHPROBE_SHARED_FAILURES;
    return new Stryker(options()).runMutationTest();
  };
  const notGreen = (error) => /initial test run/i.test(String(error?.message ?? error));
  const replan = () => {
    runners = runnersFor(planned.length, shared && warmable);
    if (progress) fs.appendFileSync(job.progressFile, `${JSON.stringify({ plan: { generated: all.length, planned: planned.length, sampled, runners, sharedWorker: shared, warmWorker: shared && warmable } })}\n`);
  };
  let results;
  try {
    results = await attempt({ shared, isolated: [] });
  } catch (error) {
    if (!shared || !notGreen(error)) throw error;
    // The initial run stops at its first failing file (bail), so the files that fail in a shared
    // worker come to light a few at a time: up to three more runs, each isolating what failed so far.
    const major = Number.parseInt(job.vitestVersion ?? '', 10);
    let failed = readLines(failuresFile);
    for (let round = 0; round < 3 && (major === 2 || major === 3) && !results; round++) {
      const next = [...new Set([...isolated, ...failed])];
      // Nothing new (an isolated file fails on its own), or nothing left to share: isolation it is.
      if (next.length === isolated.length || next.length >= job.testFiles.length) break;
      isolated = next;
      try {
        results = await attempt({ shared: true, isolated });
      } catch (again) {
        if (!notGreen(again)) throw again;
        failed = readLines(failuresFile);
      }
    }
    if (!results) {
      shared = false;
      isolated = [];
      replan();
      results = await attempt({ shared: false, isolated: [] });
    }
  }
  write({
    status: 'ran',
    generated: all.length,
    planned: planned.length,
    sampled,
    runners,
    sharedWorker: shared,
    warmWorker: shared && warmable && !fs.existsSync(warmDroppedFile),
    // Why a worker that could stay warm did not (the runner that dropped it wrote why).
    ...(shared && warmable && fs.existsSync(warmDroppedFile) ? { warmDropped: fs.readFileSync(warmDroppedFile, 'utf8').trim() || 'dropped' } : {}),
    isolatedTestFiles: isolated.map((f) => path.relative(process.cwd(), f)).sort(),
    mutants: results.map(trimMutant),
  });
}

/** The distinct lines of a file (the files noted by stryker-skip-setup.mjs), or none. */
function readLines(file) {
  try {
    return [...new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean))];
  } catch {
    return [];
  }
}

/**
 * Test runner processes for `planned` mutants: each one starts the project's vitest (1.1–1.5 s of CPU
 * on this 2-core machine before its first test), and a mutant costs about StrykerJS's overhead plus
 * its related tests (job.testMs, the selected files' test time in the suite run). A second runner
 * pays for itself only when the mutants' work is larger than its start; below that it costs the
 * probes running beside it a core and saves nothing (10 mutants of an example: 4.7 s with one
 * runner, 4.3–4.5 s with two for 1.1 s more CPU). The overhead is ~0.15 s per mutant in a fresh
 * worker per run, less in a warm one, where a runner's vitest keeps both cores of a 2-core machine
 * busy on its own: there one warm runner was as fast or faster than two on every project measured
 * (examples' 10–15 mutants 0.4–0.7 s faster; unjs/pathe 15 and 18 mutants 7.2 / 7.4 s and 5.3 /
 * 6.7 s; unjs/ufo 46, 7.9 / 8.7 s; unjs/cookie-es 100, 11.0 / 12.0 s; docs/benchmarks.md,
 * fourteenth session), so a second one needs ten times the work. A project whose test files are
 * slow (jsdom, React: zustand's 29 mutants) still gets two, and needs them if the warm worker is
 * dropped.
 */
function runnersFor(planned, warm) {
  const work = planned * ((warm ? WARM_MUTANT_OVERHEAD_MS : MUTANT_OVERHEAD_MS) + (job.testMs ?? 0));
  const enough = warm && os.availableParallelism() <= 2 ? WARM_SECOND_RUNNER_WORK_MS : SECOND_RUNNER_WORK_MS;
  return work >= enough ? job.concurrency : 1;
}
const MUTANT_OVERHEAD_MS = 150;
const WARM_MUTANT_OVERHEAD_MS = 50;
const SECOND_RUNNER_WORK_MS = 1000;
const WARM_SECOND_RUNNER_WORK_MS = 10_000;

/**
 * StrykerJS 9.6 starts a checker process even when no checker is configured (its
 * ConcurrencyTokenProvider says the facade will not, but the factory does), and waits for it to load
 * every plugin before the sandbox and the test runners start: about a second on the critical path of
 * every mutation run, and a process competing for the cores. patchprobe configures no checker
 * (`checkers: []`), so nothing would ever be sent to it: this stands in for that process in this one.
 * A StrykerJS whose files are laid out otherwise keeps its own behaviour.
 */
async function skipCheckerProcess() {
  let ChildProcessProxy;
  try {
    ({ ChildProcessProxy } = await import(new URL('./child-proxy/child-process-proxy.js', pathToFileURL(job.strykerEntry)).href));
  } catch {
    return;
  }
  if (typeof ChildProcessProxy?.create !== 'function') return;
  const create = ChildProcessProxy.create;
  ChildProcessProxy.create = function (modulePath, ...rest) {
    if (String(modulePath).endsWith('/checker-worker.js')) {
      const refuse = async () => {
        throw new Error('patchprobe configures no StrykerJS checker');
      };
      return { proxy: { init: async () => {}, check: refuse, group: refuse }, dispose: async () => {} };
    }
    return create.call(this, modulePath, ...rest);
  };
}

/**
 * Mutant locations, chosen evenly across declarations (round robin, each declaration's locations
 * spread out), until the budget is spent. Stryker mutates every node inside a range, so a location
 * costs the mutants nested in it too; a location that no longer fits is passed over.
 */
function sampleLocations(mutants, ranges, max) {
  const key = (m) => `${m.fileName}:${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}`;
  const inside = (outer, inner) =>
    outer.fileName === inner.fileName &&
    (outer.location.start.line < inner.location.start.line || (outer.location.start.line === inner.location.start.line && outer.location.start.column <= inner.location.start.column)) &&
    (outer.location.end.line > inner.location.end.line || (outer.location.end.line === inner.location.end.line && outer.location.end.column >= inner.location.end.column));
  const locations = new Map();
  for (const m of mutants) if (!locations.has(key(m))) locations.set(key(m), m);
  const perRange = ranges.map((r) => {
    const mine = [...locations.values()].filter((m) => path.resolve(r.file) === m.fileName && m.location.start.line + 1 >= r.sl && m.location.end.line + 1 <= r.el);
    mine.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    return { r, locations: spread(mine) };
  });
  const chosen = [];
  const taken = new Set();
  for (let round = 0; perRange.some((x) => x.locations.length > round); round++) {
    for (const { r, locations: list } of perRange) {
      const loc = list[round];
      if (!loc) continue;
      const cost = mutants.filter((m) => !taken.has(m) && inside(loc, m));
      if (cost.length === 0 || taken.size + cost.length > max) continue;
      cost.forEach((m) => taken.add(m));
      chosen.push({ file: r.file, sl: loc.location.start.line + 1, sc: loc.location.start.column, el: loc.location.end.line + 1, ec: loc.location.end.column });
    }
  }
  return chosen;
}

/** Reorders items so that any prefix is spread over the whole list (0, n/2, n/4, 3n/4, …). */
function spread(items) {
  const out = [];
  const seen = new Set();
  for (let step = items.length; out.length < items.length; step = Math.max(1, Math.floor(step / 2))) {
    for (let i = 0; i < items.length; i += step) {
      if (!seen.has(i)) {
        seen.add(i);
        out.push(items[i]);
      }
    }
    if (step === 1) break;
  }
  return out;
}

main().catch((error) => {
  write({ status: 'failed', error: String(error?.message ?? error).split('\n')[0], stack: String(error?.stack ?? '') });
  process.exitCode = 1;
});
