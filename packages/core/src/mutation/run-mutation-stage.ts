import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyTree, type Snapshot } from '../snapshot/snapshot.js';
import type { StaticEvidence } from '../static/run-static.js';
import type { MatrixResult } from '../suites/matrix.js';
import { isTypeTestFile } from '../suites/test-files.js';
import { displayName, type SuiteRun } from '../suites/types.js';
import type { Finding } from '../verdict/finding.js';
import { WEAKENED_DROP, WEAKENED_MIN_MUTANTS } from '../verdict/finding-kinds.js';
import { declarationRanges, mergeRanges, type DeclarationRange } from './ranges.js';
import { runStryker, type StrykerOutcome, type StrykerPrestart } from './run-stryker.js';
import { countMutants, describeMutant, toEntries, type TestSets } from './summarize.js';
import type { MutantEntry, MutationDeclaration, MutationReport, MutationRun } from './types.js';

export interface MutationStageInput {
  snapshot: Snapshot;
  matrix: MatrixResult;
  staticEvidence: StaticEvidence;
  maxMutants: number;
  minScore: number;
  /** Wall-clock budget of the whole stage. */
  budgetMs: number;
  /** Where Stryker's HTML report goes (index.html), when asked for. */
  reportDir?: string | undefined;
  workDir: string;
  tmpDir: string;
  signal?: AbortSignal | undefined;
  /** The StrykerJS child the suites stage started (run-stryker.ts prestartStryker): run or killed here. */
  prestarted?: StrykerPrestart | undefined;
}

/** Where the mutation stage copies the after tree (StrykerJS mutates it in place). */
export const mutationTreeRoot = (workDir: string): string => path.join(workDir, 'tree');

export interface MutationEvidence {
  report: MutationReport;
  findings: Finding[];
}

/** A 2-core machine runs two Stryker workers; bigger ones keep a core for the main process. */
const CONCURRENCY = ((n: number) => (n <= 2 ? n : Math.min(n - 1, 4)))(os.availableParallelism());
const MUTANT_TIMEOUT_MS = 2_000;
const SURVIVOR_FINDINGS = 10;
/** Mutants a tests-weakened message names; the rest are in the report (mutation.mutants, killedByOld). */
const LET_THROUGH_NAMED = 3;

/** StrykerJS 9.6's vitest runner (`@stryker-mutator/vitest-runner` peer range >= 2.0). */
export const MIN_MUTATION_VITEST_MAJOR = 2;

/**
 * Why this vitest cannot run the mutation probes, or undefined when it can. vitest 1.x lacks the
 * `provide` API the runner calls; 0.34 does not export `vitest/node` to it at all. StrykerJS 8.x's
 * runner accepted vitest >= 0.31.2, but two StrykerJS majors in one install cost more than the
 * evidence is worth for projects that also run every other stage (docs/compatibility.md).
 */
export function unsupportedVitest(vitest: { version: string; major: number }): string | undefined {
  if (vitest.major >= MIN_MUTATION_VITEST_MAJOR) return undefined;
  return `the project has vitest ${vitest.version}, and StrykerJS 9.6's vitest runner needs vitest ${MIN_MUTATION_VITEST_MAJOR}.0 or newer (StrykerJS 8.x's runner would run it; every other stage ran)`;
}

/**
 * Stage 6: mutation probes. StrykerJS mutates only the touched declarations (never whole files) in the
 * private after copy and runs the tests that passed in the suite stage (a file's failing tests are
 * skipped by name, its other tests run). When the patch edited or deleted test files, the old versions
 * of those files run in the same StrykerJS run, next to the new tests and without bail: each mutant of
 * the new code is then judged by the old tests and by the new tests alike, and a mutant the old tests
 * kill and the new tests let through is evidence of weakened tests (issue 16: like with like).
 */
export async function runMutationStage(input: MutationStageInput): Promise<MutationEvidence> {
  let prestarted = input.prestarted;
  try {
    return await mutate(input, () => {
      const child = prestarted;
      prestarted = undefined;
      return child;
    });
  } finally {
    prestarted?.group.kill();
  }
}

async function mutate(input: MutationStageInput, takePrestarted: () => StrykerPrestart | undefined): Promise<MutationEvidence> {
  const { snapshot, matrix } = input;
  const projectDir = snapshot.repo.projectDir;
  const ctx = { projectDir, isTestFile: matrix.isTestFile };
  const base: Omit<MutationReport, 'status'> = { maxMutants: input.maxMutants, minScore: input.minScore, score: null, beforeScore: null, runs: [], declarations: [], mutants: [] };
  const afterRanges = declarationRanges(input.staticEvidence.declarations, ctx);
  const unsupported = unsupportedVitest(matrix.vitest);
  if (unsupported && afterRanges.length > 0) {
    return { report: { ...base, status: 'skipped', reason: unsupported }, findings: [{ kind: 'mutation-skipped', severity: 'warning', message: `mutation probes skipped: ${unsupported}` }] };
  }
  if (afterRanges.length === 0) {
    return { report: { ...base, status: 'skipped', reason: 'no touched source declaration whose behaviour may have changed (formatting, types-only and renames are proven equivalent)' }, findings: [] };
  }
  const suite = matrix.runs.find((r) => r.setup === 'after' && r.attempt === 0);
  const selection = suite ? selectTests(suite, projectDir, matrix.relatedAfter) : { files: [], skip: [] };
  const skipped = (reason: string, status: 'skipped' | 'failed' = 'skipped', durationMs = 0): MutationEvidence => {
    const run: MutationRun = { side: 'after', status, reason, durationMs, generated: 0, tested: 0, testFiles: selection.files };
    const report: MutationReport = { ...base, status: 'ran', runs: [run], declarations: summarizeDeclarations(afterRanges, [], { ran: false, compared: false }) };
    return { report, findings: [{ kind: 'mutation-skipped', severity: 'warning', message: `mutation probes (after the patch) ${status === 'skipped' ? 'skipped' : 'gave no result'}: ${reason}` }] };
  };
  if (!suite || suite.status === 'crashed') return skipped('the after suite run crashed, so StrykerJS cannot get the green initial run it needs');
  if (selection.files.length === 0) return skipped('no test passed after the patch, so StrykerJS has no green initial run to start from');

  // StrykerJS mutates the sources in place: in its own copy of the after tree, so the probes can
  // run in the after tree at the same time.
  const treeRoot = (await copyTree(snapshot.afterTree, mutationTreeRoot(input.workDir), snapshot.repo.root)).root;
  const projectRoot = path.join(treeRoot, projectDir);
  const findings: Finding[] = [];
  const old = oldTestVersions(matrix, snapshot, selection);
  if (old.unusable.length > 0) {
    findings.push({ kind: 'mutation-score', severity: 'info', message: `the old versions of ${old.unusable.map((u) => `${u.file} (${u.reason})`).join(', ')} are not compared with the new tests` });
  }
  const skipTests = [...selection.skip, ...old.skip];
  const htmlReportFile = input.reportDir ? path.resolve(input.reportDir, 'index.html') : undefined;
  // One StrykerJS run; `shared`: its test files share one vitest worker (see StrykerJob.sharedWorker).
  const runOnce = async (shared: boolean, findings: Finding[]): Promise<MutationEvidence> => {
    // The old versions are written into the after copy under their stand-in names for this run only.
    const written: string[] = [];
    let outcome: StrykerOutcome;
    try {
      for (const v of old.versions) {
        const to = path.join(treeRoot, v.standIn);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, v.content);
        written.push(to);
      }
      outcome = await runStryker({
        projectRoot,
        ranges: mergeRanges(afterRanges),
        testFiles: [...selection.files, ...old.versions.map((v) => rel(projectDir, v.standIn))].sort(),
        skipTests: skipTests.map((t) => ({ file: path.join(treeRoot, t.file), path: t.path })),
        disableBail: old.versions.length > 0,
        sharedWorker: shared,
        maxMutants: input.maxMutants,
        mutantTimeoutMs: MUTANT_TIMEOUT_MS,
        budgetMs: input.budgetMs,
        concurrency: CONCURRENCY,
        testMs: testTime(suite, selection.files.map((f) => (projectDir ? `${projectDir}/${f}` : f))),
        workDir: path.join(input.workDir, shared ? 'after' : 'after-isolated'),
        tmpDir: input.tmpDir,
        userRoot: snapshot.repo.root,
        treeRoot,
        beforeRoot: snapshot.before.root,
        htmlReportFile,
        vitestVersion: matrix.vitest.version,
        signal: input.signal,
        prestarted: takePrestarted(),
      });
    } finally {
      for (const f of written) fs.rmSync(f, { force: true });
    }
    if (outcome.status === 'failed') return skipped(outcome.reason, 'failed', outcome.durationMs);

    const compared = old.versions.length > 0;
    const tests: TestSets | undefined = compared
      ? {
          old: new Map(old.versions.map((v) => [rel(projectDir, v.standIn), rel(projectDir, v.file)])),
          newOnly: new Set([...matrix.testFiles.edited, ...matrix.testFiles.added].filter((f) => inProject(projectDir, f)).map((f) => rel(projectDir, f))),
        }
      : undefined;
    const mutants = toEntries(outcome.mutants, 'after', afterRanges, projectRoot, tests, path.join(snapshot.afterTree.root, projectDir));
    if (outcome.cutShort) {
      findings.push({
        kind: 'mutation-skipped',
        severity: 'warning',
        message: `mutation probes stopped at their time budget of ${Math.round(input.budgetMs / 1000)} s (--mutation-timeout) after ${mutants.length} of ${outcome.planned} mutants: the scores count those ${mutants.length} (raise --mutation-timeout to test them all)`,
      });
    }
    if (outcome.sharedWorker && outcome.warmDropped) {
      findings.push({ kind: 'mutation-score', severity: 'info', message: `a fresh vitest worker for each mutant in the mutation probes, not one kept warm: ${outcome.warmDropped}` });
    }
    if (outcome.sharedWorker && outcome.isolatedTestFiles?.length) {
      const files = outcome.isolatedTestFiles;
      findings.push({ kind: 'mutation-score', severity: 'info', message: `${files.length === 1 ? `${files[0]} fails` : `${files.length} test files (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}) fail`} when it shares one vitest worker with the other test files, so it ran in a worker of its own in the mutation probes` });
    }
    if (outcome.sampled) {
      findings.push({ kind: 'mutation-score', severity: 'info', message: `${outcome.generated} mutants in the touched code after the patch; ${mutants.length} sampled evenly over the declarations (--max-mutants ${input.maxMutants})` });
    }
    const run: MutationRun = {
      side: 'after',
      status: 'ran',
      durationMs: outcome.durationMs,
      generated: outcome.generated,
      tested: mutants.length,
      testFiles: selection.files,
      runners: outcome.runners,
      sharedWorker: outcome.sharedWorker,
      ...(outcome.sharedWorker ? { warmWorker: outcome.warmWorker === true } : {}),
      ...(outcome.sharedWorker && outcome.isolatedTestFiles?.length ? { isolatedTestFiles: outcome.isolatedTestFiles } : {}),
      ...(outcome.cutShort ? { cutShort: true, planned: outcome.planned } : {}),
      ...(compared ? { oldTestFiles: old.versions.map((v) => v.file) } : {}),
      ...(skipTests.length > 0 ? { skippedTests: skipTests.map((t) => displayName({ file: old.versions.find((v) => v.standIn === t.file)?.file ?? t.file, path: t.path })) } : {}),
    };
    const report: MutationReport = {
      ...base,
      status: 'ran',
      score: countMutants(mutants).score,
      beforeScore: compared ? countMutants(underOldTests(mutants)).score : null,
      runs: [run],
      declarations: summarizeDeclarations(afterRanges, mutants, { ran: true, compared }),
      mutants,
    };
    if (htmlWritten(input.reportDir)) report.htmlReport = path.resolve(input.reportDir!);
    findings.push(...mutationFindings(report, afterRanges));
    return { report, findings };
  };
  // PATCHPROBE_MUTATION_SHARED_WORKER=0 keeps a worker per file everywhere (docs/architecture.md, mutation).
  const evidence = await runOnce(process.env.PATCHPROBE_MUTATION_SHARED_WORKER !== '0', [...findings]);
  // tests-weakened can say regressive, and it rests on which of the old and the new tests kill each
  // mutant: in a shared worker one file's leftovers could decide that. Before it counts, the run is
  // repeated with vitest's own isolation (a worker per file), and that run is the evidence.
  if (evidence.report.runs[0]?.sharedWorker === true && evidence.findings.some((f) => f.kind === 'tests-weakened')) {
    const confirmed = await runOnce(false, [...findings]);
    if (confirmed.report.runs[0]?.status === 'ran') {
      confirmed.findings.push({ kind: 'mutation-score', severity: 'info', message: 'the run whose test files shared one vitest worker found weakened tests; it was repeated with a worker per file, and that run is the one reported' });
      return confirmed;
    }
    // Unconfirmed, it does not count: said, not decided.
    const why = confirmed.report.runs[0]?.reason ?? 'it gave no result';
    return {
      report: evidence.report,
      findings: evidence.findings.map((f) =>
        f.kind === 'tests-weakened'
          ? { kind: 'mutation-skipped', severity: 'warning', message: `not counted: ${f.message} (found with the test files in one vitest worker; the check with a worker per file gave no result: ${why})` }
          : f,
      ),
    };
  }
  return evidence;
}

/** The suite run's test time of `files` (repository-relative): what running them for one mutant costs. */
function testTime(run: SuiteRun, files: readonly string[]): number {
  const wanted = new Set(files);
  let ms = 0;
  for (const t of run.tests.values()) if (wanted.has(t.file)) ms += t.durationMs ?? 0;
  return Math.round(ms);
}

const inProject = (projectDir: string, file: string): boolean => !projectDir || file.startsWith(`${projectDir}/`);
/** Repository-relative → project-relative (StrykerJS's cwd is the project folder). */
const rel = (projectDir: string, file: string): string => (projectDir && file.startsWith(`${projectDir}/`) ? file.slice(projectDir.length + 1) : file);

/** A test to skip, repository-relative. */
interface SkipTest {
  file: string;
  path: string[];
}

interface TestSelection {
  /** Project-relative test files that run. */
  files: string[];
  /** Their tests that failed in the suite run: skipped by name. */
  skip: SkipTest[];
}

/**
 * The tests the mutation run starts from: every test file the suite run collected that loaded and
 * has a passing test; the tests of those files that failed are skipped by name (StrykerJS needs a
 * green initial run, and a failing test would "kill" every mutant). A file with no passing test
 * (or one that failed to load) is left out.
 */
export function selectTests(run: SuiteRun, projectDir: string, related?: readonly string[]): TestSelection {
  const passing = new Set<string>();
  const failing = new Map<string, SkipTest[]>();
  for (const t of run.tests.values()) {
    if (t.state === 'pass') passing.add(t.file);
    if (t.state === 'fail') failing.set(t.file, [...(failing.get(t.file) ?? []), { file: t.file, path: t.path }]);
  }
  // A type test (`*.test-d.ts`) only runs `tsc` over types, and a mutant changes only what the
  // code does: it cannot kill one (radashi's typecheck-on suite listed 24 among its 169 files).
  const usable = [...run.modules]
    .filter((f) => inProject(projectDir, f) && !isTypeTestFile(f) && !run.moduleErrors.has(f) && (passing.has(f) || !failing.has(f)))
    .sort();
  // Only the files vitest relates to the changed files can kill a mutant of them (each mutant's run
  // is narrowed the same way: `vitest.related` in the runner's options), so the dry run needs no
  // other. None related: all of them, and the mutants read as reached by no test, as before.
  const relatedSet = new Set(related ?? []);
  const narrowed = related === undefined ? usable : usable.filter((f) => relatedSet.has(f));
  const files = narrowed.length > 0 ? narrowed : usable;
  return { files: files.map((f) => rel(projectDir, f)), skip: files.flatMap((f) => failing.get(f) ?? []) };
}

/** The old version of an edited or deleted test file, run on the new code under `standIn`. */
interface OldVersion {
  /** Repository-relative: the file it is the old version of. */
  file: string;
  /** Repository-relative: where it runs in the after copy (its own path for a deleted file). */
  standIn: string;
  content: Buffer;
}

/**
 * The old versions of the test files the patch edited or deleted, to run next to the new tests.
 * Only their tests that passed on the new code (the matrix's old-tests-new-code run) take part: an
 * old test that fails on the new code unmutated pins behaviour the patch changed, which is a
 * behaviour change, not weaker tests. An edited file is left out of the comparison when its new
 * version has a failing test (the new side would lose tests for a reason other than the edit), and
 * when the project's globs would not collect its stand-in name.
 */
function oldTestVersions(matrix: MatrixResult, snapshot: Snapshot, selection: TestSelection): { versions: OldVersion[]; skip: SkipTest[]; unusable: Array<{ file: string; reason: string }> } {
  const projectDir = snapshot.repo.projectDir;
  const changed = [...matrix.testFiles.edited.map((f) => ({ f, edited: true })), ...matrix.testFiles.deleted.map((f) => ({ f, edited: false }))].filter((x) => inProject(projectDir, x.f));
  const versions: OldVersion[] = [];
  const skip: SkipTest[] = [];
  const unusable: Array<{ file: string; reason: string }> = [];
  if (changed.length === 0) return { versions, skip, unusable };
  const oldRun = matrix.runs.find((r) => r.setup === 'old-tests-new-code' && r.attempt === 0);
  const afterSuite = matrix.runs.find((r) => r.setup === 'after' && r.attempt === 0);
  const taken = new Set(snapshot.afterTree.files);
  for (const { f, edited } of changed) {
    const no = (reason: string) => unusable.push({ file: f, reason });
    if (!oldRun || oldRun.status === 'crashed') {
      no('the old tests did not run on the new code');
      continue;
    }
    const oldTests = [...oldRun.tests.values()].filter((t) => t.file === f);
    if (oldRun.moduleErrors.has(f) || !oldTests.some((t) => t.state === 'pass')) {
      no('no old test of it passes on the new code');
      continue;
    }
    if (edited && (!selection.files.includes(rel(projectDir, f)) || [...(afterSuite?.tests.values() ?? [])].some((t) => t.file === f && t.state === 'fail'))) {
      no('its new version has a failing test');
      continue;
    }
    const standIn = edited ? standInName(f, (name) => (matrix.runsAsTest ?? matrix.isTestFile)(name) && !taken.has(name)) : f;
    if (!standIn) {
      no('the project\'s test globs would not collect a copy of it');
      continue;
    }
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(snapshot.before.root, f));
    } catch {
      no('its old version cannot be read');
      continue;
    }
    taken.add(standIn);
    versions.push({ file: f, standIn, content });
    for (const t of oldTests) if (t.state === 'fail') skip.push({ file: standIn, path: t.path });
  }
  return { versions, skip, unusable };
}

/**
 * A name next to an edited test file for its old version ("cart.test.ts" →
 * "cart.test.pp-old.test.ts"): same folder (its relative imports still resolve), still a test file
 * by the project's globs, and the original name kept whole at its start, for configs that pick
 * files by name (unjs/unctx transforms `id.includes("async.test")`: its old tests failed under
 * StrykerJS as "async.pp-old.test.ts", and the mutation probes gave no result). Else, when the
 * globs refuse that, the shorter "cart.pp-old.test.ts".
 */
export function standInName(file: string, usable: (name: string) => boolean): string | undefined {
  const dir = path.posix.dirname(file);
  const base = path.posix.basename(file);
  const i = base.search(/\.(?:test|spec)\./);
  const at = i >= 0 ? i : base.lastIndexOf('.') >= 0 ? base.lastIndexOf('.') : base.length;
  const ext = base.lastIndexOf('.') > at ? base.slice(base.lastIndexOf('.')) : base.slice(at);
  const stem = base.slice(0, base.length - ext.length);
  for (const shape of [(tag: string) => `${stem}.${tag}${base.slice(at)}`, (tag: string) => `${base.slice(0, at)}.${tag}${base.slice(at)}`]) {
    for (let n = 0; n < 5; n++) {
      const name = shape(`pp-old${n ? `-${n}` : ''}`);
      const full = dir === '.' ? name : `${dir}/${name}`;
      if (usable(full)) return full;
    }
  }
  return undefined;
}

/** The entries as the old tests judged them (a run without the old versions: as they are). */
const underOldTests = (entries: readonly MutantEntry[]): MutantEntry[] => entries.map((e) => ({ ...e, status: e.oldStatus ?? e.status }));

function summarizeDeclarations(ranges: readonly DeclarationRange[], mutants: readonly MutantEntry[], how: { ran: boolean; compared: boolean }): MutationDeclaration[] {
  const symbols = new Map<string, string>();
  for (const r of ranges) if (!symbols.has(r.symbol)) symbols.set(r.symbol, r.file);
  return [...symbols].map(([symbol, file]) => {
    const mine = mutants.filter((m) => m.symbol === symbol);
    return { symbol, file, after: how.ran ? countMutants(mine) : null, before: how.ran && how.compared ? countMutants(underOldTests(mine)) : null };
  });
}

function htmlWritten(dir: string | undefined): boolean {
  return dir !== undefined && fs.existsSync(path.resolve(dir, 'index.html'));
}

const nameOf = (symbol: string): string => symbol.slice(symbol.indexOf('#') + 1);

/** Per declaration: its score (info), untested changes (warning), weakened tests (error); a few survivors. */
export function mutationFindings(report: MutationReport, ranges: readonly DeclarationRange[]): Finding[] {
  const out: Finding[] = [];
  const lineOf = (symbol: string): number | undefined => ranges.find((r) => r.symbol === symbol)?.start;
  for (const d of report.declarations) {
    const where = { file: d.file, symbol: d.symbol, ...(lineOf(d.symbol) !== undefined ? { line: lineOf(d.symbol)! } : {}) };
    const a = d.after;
    if (a && a.mutants > 0) {
      out.push({ ...where, kind: 'mutation-score', severity: 'info', message: `\`${nameOf(d.symbol)}\`: ${a.mutants} mutants, ${a.killed + a.timeout} killed, ${a.survived} survived, ${a.noCoverage} reached by no test${a.score === null ? '' : ` (score ${a.score}%)`}` });
      if (a.score !== null && a.score < report.minScore) {
        const example = report.mutants.find((m) => m.side === 'after' && m.symbol === d.symbol && (m.status === 'survived' || m.status === 'no-coverage'));
        out.push({
          ...where,
          kind: 'untested-change',
          severity: 'warning',
          message: `\`${nameOf(d.symbol)}\` changed, but the tests kill only ${a.killed + a.timeout} of ${a.mutants - a.errors} mutants of it (${a.score}%, below ${report.minScore}%): they would pass whatever these lines did${example ? `; e.g. ${describeMutant(example)}` : ''}`,
        });
      }
    }
    const weakened = letThrough(report, d.symbol);
    if (weakened) {
      const named = weakened.mutants.slice(0, LET_THROUGH_NAMED).map(describeLetThrough).join('; ');
      const more = weakened.mutants.length > LET_THROUGH_NAMED ? `; ${weakened.mutants.length - LET_THROUGH_NAMED} more in the report (mutation.mutants, killedByOld)` : '';
      out.push({
        ...where,
        kind: 'tests-weakened',
        severity: 'error',
        message: `the patch edited the tests, and the new tests let through ${weakened.mutants.length} of the ${weakened.atStake} mutants of \`${nameOf(d.symbol)}\` that the old tests kill on the same code (${weakened.drop}% of its ${weakened.judged} judged mutants${d.before?.score != null && a?.score != null ? `; score ${d.before.score}% with the old tests, ${a.score}% with the new` : ''}): ${named}${more}`,
      });
    }
  }
  const survivors = report.mutants.filter((m) => m.side === 'after' && (m.status === 'survived' || m.status === 'no-coverage'));
  for (const m of survivors.slice(0, SURVIVOR_FINDINGS)) {
    out.push({ kind: 'mutation-survivor', severity: 'info', file: m.file, line: m.line, symbol: m.symbol, message: describeMutant(m) });
  }
  if (survivors.length > SURVIVOR_FINDINGS) {
    out.push({ kind: 'mutation-survivor', severity: 'info', message: `${survivors.length - SURVIVOR_FINDINGS} more surviving mutants are listed in the report (mutation.mutants)` });
  }
  return out;
}

/**
 * The tests-weakened comparison of one declaration, like with like: the mutants of the code after the
 * patch that the old versions of the edited tests kill (`atStake`, reached by those tests) and that
 * the new tests let through. It decides only with at least WEAKENED_MIN_MUTANTS mutants at stake, and
 * only when the let-through mutants are WEAKENED_DROP percent or more of the declaration's mutants
 * that both sides could be judged on (not errors, not timeouts).
 */
export function letThrough(report: MutationReport, symbol: string): { mutants: MutantEntry[]; atStake: number; judged: number; drop: number } | undefined {
  // A timeout cannot be split between the old and the new tests (StrykerJS names no test for it, and
  // on a loaded machine a slow run looks the same): it counts for neither side of the comparison.
  const mine = report.mutants.filter((m) => m.symbol === symbol && m.oldStatus !== undefined && m.status !== 'error' && m.status !== 'timeout');
  const atStake = mine.filter((m) => m.killedByOld?.length);
  if (mine.length === 0 || atStake.length < WEAKENED_MIN_MUTANTS) return undefined;
  const through = atStake.filter((m) => m.status === 'survived' || m.status === 'no-coverage');
  // A run the time budget stopped: the mutants it left untested count as judged and let through by
  // neither side, so the drop is the least a full run could have found (a part of the mutants,
  // in StrykerJS's order, must not make weakened tests of what a full run would not).
  const drop = Math.round((through.length / (mine.length + untestedMutants(report))) * 1000) / 10;
  if (through.length === 0 || drop < WEAKENED_DROP) return undefined;
  return { mutants: through, atStake: atStake.length, judged: mine.length, drop };
}

/** Mutants a run stopped by its time budget did not test (0 for a run that finished). */
function untestedMutants(report: MutationReport): number {
  return report.runs.reduce((n, r) => n + (r.cutShort && r.planned !== undefined ? Math.max(0, r.planned - r.tested) : 0), 0);
}

/** "`src/cart.ts:42` `total > limit` → `total >= limit` (killed by test/cart.test.ts > … before the patch)" */
function describeLetThrough(m: MutantEntry): string {
  const by = m.killedByOld?.[0];
  return `\`${m.file}:${m.line}\` \`${m.original}\` → \`${m.replacement}\`${by ? ` (the old "${by}" killed it)` : ''}`;
}
