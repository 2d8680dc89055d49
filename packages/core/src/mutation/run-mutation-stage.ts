import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BaselineCache } from '../cache/baseline-cache.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { StaticEvidence } from '../static/run-static.js';
import type { MatrixResult } from '../suites/matrix.js';
import type { SuiteRun } from '../suites/types.js';
import type { Finding } from '../verdict/finding.js';
import { WEAKENED_DROP } from '../verdict/finding-kinds.js';
import { declarationRanges, mergeRanges, type DeclarationRange } from './ranges.js';
import { runStryker, type StrykerOutcome } from './run-stryker.js';
import { countMutants, describeMutant, toEntries } from './summarize.js';
import type { MutantEntry, MutationDeclaration, MutationReport, MutationRun, MutationSide } from './types.js';

export interface MutationStageInput {
  snapshot: Snapshot;
  matrix: MatrixResult;
  staticEvidence: StaticEvidence;
  maxMutants: number;
  minScore: number;
  /** Wall-clock budget of the whole stage (both runs). */
  budgetMs: number;
  /** Where Stryker's HTML report goes (index.html after, before.html before), when asked for. */
  reportDir?: string | undefined;
  workDir: string;
  tmpDir: string;
  /** The before run's result is a before-tree result: reused from, and stored in, the baseline cache. */
  cache?: BaselineCache | undefined;
  signal?: AbortSignal | undefined;
}

export interface MutationEvidence {
  report: MutationReport;
  findings: Finding[];
}

/** A 2-core machine runs two Stryker workers; bigger ones keep a core for the main process. */
const CONCURRENCY = ((n: number) => (n <= 2 ? n : Math.min(n - 1, 4)))(os.availableParallelism());
const MUTANT_TIMEOUT_MS = 2_000;
const SURVIVOR_FINDINGS = 10;

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
 * private after copy and runs the test files that passed in the suite stage; when the patch edited or
 * deleted tests, the same declarations are mutated in the before copy with the before tests, so the
 * two scores compare like with like (issue 5).
 */
export async function runMutationStage(input: MutationStageInput): Promise<MutationEvidence> {
  const { snapshot, matrix } = input;
  const projectDir = snapshot.repo.projectDir;
  const ctx = { projectDir, isTestFile: matrix.isTestFile };
  const base: Omit<MutationReport, 'status'> = { maxMutants: input.maxMutants, minScore: input.minScore, score: null, beforeScore: null, runs: [], declarations: [], mutants: [] };
  const afterRanges = declarationRanges(input.staticEvidence.declarations, 'after', ctx);
  const unsupported = unsupportedVitest(matrix.vitest);
  if (unsupported && afterRanges.length > 0) {
    return { report: { ...base, status: 'skipped', reason: unsupported }, findings: [{ kind: 'mutation-skipped', severity: 'warning', message: `mutation probes skipped: ${unsupported}` }] };
  }
  if (afterRanges.length === 0) {
    return { report: { ...base, status: 'skipped', reason: 'no touched source declaration whose behaviour may have changed (formatting, types-only and renames are proven equivalent)' }, findings: [] };
  }
  const testsEdited = matrix.testFiles.edited.length + matrix.testFiles.deleted.length > 0;
  const beforeRanges = testsEdited ? declarationRanges(input.staticEvidence.declarations, 'before', ctx) : [];
  const findings: Finding[] = [];
  const runs: MutationRun[] = [];
  const mutants: MutantEntry[] = [];

  const sides: Array<[MutationSide, DeclarationRange[]]> = [['after', afterRanges]];
  if (beforeRanges.length > 0) sides.push(['before', beforeRanges]);
  // The two runs use different copies and share nothing, so they run side by side, splitting the
  // workers: StrykerJS's start (instrumenting, the single-worker initial test run) then overlaps.
  const concurrency = Math.max(1, Math.floor(CONCURRENCY / sides.length));
  const results = await Promise.all(sides.map(([side, ranges]) => runSide(side, ranges)));
  for (const r of results) {
    runs.push(r.run);
    mutants.push(...r.entries);
    findings.push(...r.findings);
  }

  async function runSide(side: MutationSide, ranges: DeclarationRange[]): Promise<{ run: MutationRun; entries: MutantEntry[]; findings: Finding[] }> {
    const suite = matrix.runs.find((r) => r.setup === side && r.attempt === 0);
    const testFiles = suite ? passingTestFiles(suite, projectDir) : [];
    const skipped = (reason: string, status: 'skipped' | 'failed' = 'skipped', durationMs = 0) => ({
      run: { side, status, reason, durationMs, generated: 0, tested: 0, testFiles },
      entries: [],
      findings: [{ kind: 'mutation-skipped' as const, severity: 'warning' as const, message: `mutation probes (${side} the patch) ${status === 'skipped' ? 'skipped' : 'gave no result'}: ${reason}` }],
    });
    if (!suite || suite.status === 'crashed') return skipped(`the ${side} suite run crashed, so StrykerJS cannot get the green initial run it needs`);
    if (testFiles.length === 0) return skipped(`no test file passed ${side} the patch, so StrykerJS has no green initial run to start from`);
    const treeRoot = side === 'after' ? snapshot.afterTree.root : snapshot.before.root;
    const projectRoot = path.join(treeRoot, projectDir);
    const htmlReportFile = input.reportDir ? path.resolve(input.reportDir, side === 'after' ? 'index.html' : 'before.html') : undefined;
    const merged = mergeRanges(ranges);
    // Everything the before run's result depends on besides the before tree (which keys the cache).
    const part = `mutation-before:${createHash('sha256').update(JSON.stringify({ merged, testFiles, max: input.maxMutants, timeout: MUTANT_TIMEOUT_MS })).digest('hex').slice(0, 32)}`;
    const cached = side === 'before' && !htmlReportFile ? input.cache?.get(part, isRanOutcome) : undefined;
    // Stored with project-relative file names: each run has its own temp copy.
    const outcome: StrykerOutcome = cached
      ? { ...cached, durationMs: 0, mutants: cached.mutants.map((m) => ({ ...m, fileName: path.join(projectRoot, m.fileName) })) }
      : await runStryker({
          projectRoot,
          ranges: merged,
          testFiles,
          maxMutants: input.maxMutants,
          mutantTimeoutMs: MUTANT_TIMEOUT_MS,
          budgetMs: input.budgetMs,
          concurrency,
          workDir: path.join(input.workDir, side),
          tmpDir: input.tmpDir,
          userRoot: snapshot.repo.root,
          treeRoot,
          beforeRoot: snapshot.before.root,
          htmlReportFile,
          vitestVersion: matrix.vitest.version,
          signal: input.signal,
        });
    if (side === 'before' && !cached && outcome.status === 'ran') {
      input.cache?.set(part, { ...outcome, mutants: outcome.mutants.map((m) => ({ ...m, fileName: path.relative(projectRoot, m.fileName) })) });
    }
    if (outcome.status === 'failed') return skipped(outcome.reason, 'failed', outcome.durationMs);
    const entries = toEntries(outcome.mutants, side, ranges, projectRoot);
    const notes: Finding[] = outcome.sampled
      ? [{ kind: 'mutation-score', severity: 'info', message: `${outcome.generated} mutants in the touched code ${side} the patch; ${entries.length} sampled evenly over the declarations (--max-mutants ${input.maxMutants})` }]
      : [];
    const run: MutationRun = { side, status: 'ran', durationMs: outcome.durationMs, generated: outcome.generated, tested: entries.length, testFiles, ...(cached ? { cached: true } : {}) };
    return { run, entries, findings: notes };
  }

  const declarations = summarizeDeclarations(afterRanges, beforeRanges, mutants, runs);
  const scoreOf = (side: MutationSide): number | null => (runs.some((r) => r.side === side && r.status === 'ran') ? countMutants(mutants.filter((m) => m.side === side)).score : null);
  const report: MutationReport = { ...base, status: 'ran', score: scoreOf('after'), beforeScore: scoreOf('before'), runs, declarations, mutants };
  if (htmlWritten(input.reportDir)) report.htmlReport = path.resolve(input.reportDir!);
  findings.push(...mutationFindings(report, afterRanges));
  return { report, findings };
}

/** A cached before run must look exactly like a fresh one; anything else is recomputed. */
function isRanOutcome(v: unknown): v is Extract<StrykerOutcome, { status: 'ran' }> {
  const o = v as Partial<Extract<StrykerOutcome, { status: 'ran' }>> | null;
  return (
    !!o && o.status === 'ran' && typeof o.generated === 'number' && typeof o.planned === 'number' && typeof o.sampled === 'boolean' && Array.isArray(o.mutants) &&
    o.mutants.every((m) => !!m && typeof m.fileName === 'string' && typeof m.mutatorName === 'string' && typeof m.replacement === 'string' && typeof m.status === 'string' &&
      typeof m.location?.start?.line === 'number' && typeof m.location?.start?.column === 'number' && typeof m.location?.end?.line === 'number' && typeof m.location?.end?.column === 'number')
  );
}

/** Test files the suite run collected where nothing failed, relative to the project (Stryker's cwd). */
function passingTestFiles(run: SuiteRun, projectDir: string): string[] {
  const failing = new Set(run.moduleErrors.keys());
  for (const t of run.tests.values()) if (t.state === 'fail') failing.add(t.file);
  const prefix = projectDir ? `${projectDir}/` : '';
  return [...run.modules].filter((f) => !failing.has(f)).map((f) => (f.startsWith(prefix) ? f.slice(prefix.length) : f)).sort();
}

function summarizeDeclarations(after: readonly DeclarationRange[], before: readonly DeclarationRange[], mutants: readonly MutantEntry[], runs: readonly MutationRun[]): MutationDeclaration[] {
  const ran = (side: MutationSide): boolean => runs.some((r) => r.side === side && r.status === 'ran');
  const symbols = new Map<string, string>();
  for (const r of [...after, ...before]) if (!symbols.has(r.symbol)) symbols.set(r.symbol, r.file);
  return [...symbols].map(([symbol, file]) => ({
    symbol,
    file,
    after: ran('after') && after.some((r) => r.symbol === symbol) ? countMutants(mutants.filter((m) => m.side === 'after' && m.symbol === symbol)) : null,
    before: ran('before') && before.some((r) => r.symbol === symbol) ? countMutants(mutants.filter((m) => m.side === 'before' && m.symbol === symbol)) : null,
  }));
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
    const b = d.before;
    if (a?.score != null && b?.score != null && b.score - a.score >= WEAKENED_DROP) {
      out.push({
        ...where,
        kind: 'tests-weakened',
        severity: 'error',
        message: `the patch edited the tests, and they now kill ${a.killed + a.timeout} of ${a.mutants - a.errors} mutants of \`${nameOf(d.symbol)}\` (${a.score}%) where the old tests killed ${b.killed + b.timeout} of ${b.mutants - b.errors} (${b.score}%): the tests pin less of the code the patch touched`,
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
