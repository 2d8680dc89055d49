import fs from 'node:fs';
import path from 'node:path';
import type { ChangeSet } from '../diff/change-set.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { StaticEvidence } from '../static/run-static.js';
import { splitSymbol } from '../static/types.js';
import type { Comparison } from '../suites/compare.js';
import type { MatrixResult } from '../suites/matrix.js';
import type { VitestHost } from '../suites/vitest-host.js';
import type { Finding } from '../verdict/finding.js';
import { isTypeTestFile } from '../suites/test-files.js';
import { docExampleFindings, planDocExamples, type DocExampleSummary } from './doc-oracle.js';
import { executeProbes, recordInputs, type RecordedInputs } from './execute.js';
import { probeFindings } from './findings.js';
import { INTENT_KEY, type ProbeTargetResult } from './plan.js';
import { pasteableTest } from './pasteable-test.js';
import { patchLiteralsOf, type PatchLiterals } from './patch-literals.js';
import { suggestedTestPlace, type SuggestedTestPlace } from './suggested-test-file.js';
import { selectTargets, type ProbeTarget } from './targets.js';

export interface ProbeStageInput {
  snapshot: Snapshot;
  changes: ChangeSet;
  matrix: MatrixResult;
  comparison: Comparison;
  staticEvidence: StaticEvidence;
  runs: number;
  callTimeoutMs: number;
  seed: number;
  /** Limit for the recording run (the suite timeout). */
  suiteTimeoutMs: number;
  workDir: string;
  tmpDir: string;
  signal?: AbortSignal | undefined;
  /** The after tree's warm vitest, when the suites lent it: the recording run and the probe runs go there. */
  host?: VitestHost | undefined;
  /** Where the recording run goes, when not to `host` (an inspect session's own process: the two runs overlap). */
  recordHost?: VitestHost | undefined;
  /** The live verdict: the recording run's test files share one worker (RecordInput.sharedWorker). */
  quickRecord?: boolean | undefined;
}

/** One probed function in the report. */
export interface ProbeReportEntry extends ProbeTargetResult {
  file: string;
  exportName: string;
  member?: { name: string; static: boolean };
  /** The changed declarations this function exercises (itself, or helpers it calls). */
  covers: string[];
  /** A vitest test that pins the new behaviour on the counterexample, ready to paste. */
  suggestedTest?: { file: string; code: string };
}

export interface ProbeEvidence {
  findings: Finding[];
  seed: number;
  runs: number;
  callTimeoutMs: number;
  functions: ProbeReportEntry[];
  uncovered: Array<{ symbol: string; reason: string }>;
  /** Every semantically changed declaration was probed, none diverged, none inconclusive. */
  allEquivalent: boolean;
  /** allEquivalent, with every parameter type derived and at least 1,000 runs per function. */
  strong: boolean;
  processes: number;
  /**
   * Runs (the recording run and the probe runs) made in the after tree's warm vitest, which the
   * suites lent, rather than in a vitest process of their own (issue 18: a process start and an
   * import of vitest saved each).
   */
  warmRuns?: number;
  /** The probed functions' documented examples (doc-oracle.ts), when any was found. */
  docExamples?: DocExampleSummary;
  timings: { select: number; record: number; execute: number };
}

// Past this, fast-check stops generating for a function and reports the runs it managed.
const FUNCTION_BUDGET_MS = 10_000;

/**
 * Stage 5: differential property probes (issue 4). Every semantically changed function reachable
 * from an export runs before vs after on the same generated inputs inside the project's vitest.
 */
export async function runProbeStage(input: ProbeStageInput): Promise<ProbeEvidence> {
  const t0 = performance.now();
  const { snapshot, matrix } = input;
  const selection = selectTargets({
    root: snapshot.afterTree.root,
    projectRoot: path.join(snapshot.afterTree.root, snapshot.repo.projectDir),
    declarations: input.staticEvidence.declarations,
    blastRadius: input.staticEvidence.blastRadius,
    isTestFile: matrix.isTestFile,
  });
  const docs = planDocExamples([...selection.targets, ...(selection.documented ?? [])], { beforeRoot: snapshot.before.root, afterRoot: snapshot.afterTree.root });
  const select = Math.round(performance.now() - t0);
  const common = {
    beforeRoot: snapshot.before.root,
    afterRoot: snapshot.afterTree.root,
    projectDir: snapshot.repo.projectDir,
    vitest: matrix.vitest,
    workDir: input.workDir,
    tmpDir: input.tmpDir,
    userRoot: snapshot.repo.root,
    signal: input.signal,
    host: input.host,
  };
  const inAfter = (f: string): boolean => snapshot.afterTree.files.includes(f);
  const reaching = [...new Set(selection.targets.flatMap((t) => testsReaching(input, t)))].filter(inAfter);
  // The recording run and the probe process start together: the probes wait for the recorded
  // inputs inside their vitest (ProbePlan.recordedFile), so two spawned vitest start-ups overlap.
  // In the after tree's warm vitest (`host`) the probe run queues behind the recording run instead.
  const t1 = performance.now();
  let record = 0;
  let recordedWarm = 0;
  const recording =
    selection.targets.length === 0
      ? Promise.resolve(new Map<string, string[]>())
      : recordInputs({ ...common, host: input.recordHost ?? input.host, sharedWorker: input.quickRecord, targets: selection.targets, testFiles: reaching, timeoutMs: input.suiteTimeoutMs }).then((r) => {
          record = Math.round(performance.now() - t1);
          if (r.inHost) recordedWarm = 1;
          return withIntentCalls(r, intentTestsOf(input));
        });
  // Handled here at once: executeProbes may fail before it takes the promise (the await below rethrows).
  recording.catch(() => undefined);
  const executed =
    selection.targets.length === 0
      ? { results: [], processes: 0, warmRuns: 0, docExamples: [] }
      : await executeProbes({
          ...common,
          targets: selection.targets,
          recorded: recording,
          runs: input.runs,
          callTimeoutMs: input.callTimeoutMs,
          functionBudgetMs: FUNCTION_BUDGET_MS,
          seed: input.seed,
          docExamples: docs.plans,
          literals: literalsOfTarget(input.changes, snapshot),
        });
  await recording;
  const execute = Math.round(performance.now() - t1);

  const targets = new Map(selection.targets.map((t) => [t.id, t]));
  const declarationLines = new Map(input.staticEvidence.declarations.map((d) => [d.symbol, d.line]));
  const findings = probeFindings({
    targets: selection.targets,
    results: executed.results,
    uncovered: selection.uncovered,
    addedLines: addedLinesOf(input.changes, snapshot.afterTree.root),
    expectingTest: expectingTestOf(input),
    lineOf: (s) => declarationLines.get(s),
  });
  const oracle = docExampleFindings(executed.docExamples, docs, expectingTestOf(input));
  findings.push(...oracle.findings);
  const collectedTests = [...new Set(input.matrix.runs.filter((r) => r.setup === 'after').flatMap((r) => [...r.modules]))];
  const placeOf = (t: ProbeTarget): SuggestedTestPlace =>
    suggestedTestPlace(t.file, {
      runsAsTest: input.matrix.runsAsTest,
      reachingTests: testsReaching(input, t),
      collectedTests,
    });
  const functions = executed.results.map((r): ProbeReportEntry => {
    const t = targets.get(r.id) as ProbeTarget;
    const entry: ProbeReportEntry = { ...r, file: t.file, exportName: t.exportName, covers: t.covers, ...(t.member ? { member: t.member } : {}) };
    const suggested = suggestTest(t, r, placeOf(t));
    if (suggested) entry.suggestedTest = suggested;
    return entry;
  });
  const allEquivalent = selection.uncovered.length === 0 && executed.results.length > 0 && executed.results.every((r) => r.outcome === 'equivalent');
  const strong = allEquivalent && executed.results.every((r) => r.inputs.complete && r.runs >= 1000);
  return {
    findings,
    seed: input.seed,
    runs: input.runs,
    callTimeoutMs: input.callTimeoutMs,
    functions,
    uncovered: selection.uncovered,
    allEquivalent,
    strong,
    processes: executed.processes,
    ...(executed.warmRuns + recordedWarm > 0 ? { warmRuns: executed.warmRuns + recordedWarm } : {}),
    ...(docs.plans.length + docs.changedByPatch + docs.unreadable > 0 ? { docExamples: oracle.summary } : {}),
    timings: { select, record, execute },
  };
}

/** The literals of the changed lines of every file whose declarations a target covers. */
function literalsOfTarget(changes: ChangeSet, snapshot: Snapshot): (target: ProbeTarget) => PatchLiterals {
  const ofFile = patchLiteralsOf(changes, { before: snapshot.before.root, after: snapshot.afterTree.root });
  return (target) => {
    const numbers = new Set<number>();
    const strings = new Set<string>();
    for (const file of new Set(target.covers.map((c) => splitSymbol(c).file))) {
      const found = ofFile(file);
      for (const n of found.numbers) numbers.add(n);
      for (const x of found.strings) strings.add(x);
    }
    return { numbers: [...numbers], strings: [...strings] };
  };
}

function addedLinesOf(changes: ChangeSet, afterRoot: string): (file: string) => string[] {
  const cache = new Map<string, string[]>();
  return (file) => {
    const hit = cache.get(file);
    if (hit) return hit;
    const change = changes.files.find((f) => f.path === file);
    let lines: string[] = [];
    if (change) {
      try {
        const text = fs.readFileSync(path.join(afterRoot, file), 'utf8').split('\n');
        lines = change.hunks.flatMap((h) => text.slice(h.newStart - 1, h.newStart - 1 + h.newLines));
      } catch {
        lines = [];
      }
    }
    cache.set(file, lines);
    return lines;
  };
}

/**
 * A test the patch added or edited that passes on the new code while failing (or not existing) on
 * the old, in a test file that reaches the probed function: the author expects the new behaviour.
 */
/**
 * The patch's fail-to-pass tests (issue 17 §5): they fail on the old code and pass on the new one,
 * so the calls they make show the change the patch means. Display names, as the recorder names tests.
 */
function intentTestsOf(input: ProbeStageInput): Set<string> {
  return new Set(
    input.comparison.changes
      .filter((c) => c.after === 'pass' && !c.flaky && (c.newTestOnOldCode === 'fail' || (c.newTestOnOldCode === undefined && c.before === 'fail')))
      .map((c) => c.name),
  );
}

/** The recorded calls, plus under `${id}${INTENT_KEY}` those that a fail-to-pass test made. */
function withIntentCalls(r: RecordedInputs, intent: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map(r.recorded);
  if (intent.size === 0) return out;
  for (const [id, byArgs] of r.callers) {
    const calls = [...byArgs].filter(([, tests]) => [...tests].some((t) => intent.has(t))).map(([args]) => args);
    if (calls.length > 0) out.set(`${id}${INTENT_KEY}`, calls);
  }
  return out;
}

/**
 * The test files that reach a target's changed declarations: by the blast radius (references), or,
 * when it finds none, those of the test files vitest's module graph relates to the patch (`related`;
 * every test file the after run collected when vitest relates all of them or cannot tell) whose
 * text names the target or a declaration it covers. The blast radius follows relative imports
 * only: tests that import the package by its own name (radashi's `import * as _ from 'radashi'`, an
 * alias in its vitest config) reach nothing by it, so the recording run recorded nothing and a new
 * test of the change was not seen as expecting it. The names keep the recording run to the files
 * that can call it: all 145 of radashi's files are related through its barrel, and recording them
 * all took 75 s where its own test file takes a second.
 */
function testsReaching(input: Pick<ProbeStageInput, 'staticEvidence' | 'matrix' | 'snapshot'>, t: Pick<ProbeTarget, 'covers' | 'exportName' | 'member'>): string[] {
  const byReferences = input.staticEvidence.blastRadius.filter((e) => t.covers.includes(e.symbol)).flatMap((e) => e.testFiles);
  if (byReferences.length > 0) return byReferences;
  const names = [t.exportName, t.member?.name, ...t.covers.map((c) => splitSymbol(c).name.split('.').at(-1))].filter(
    (n): n is string => n !== undefined && n !== 'default' && /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.test(n),
  );
  if (names.length === 0) return [];
  const named = new RegExp(`(?<![\\p{ID_Continue}$])(?:${[...new Set(names)].map((n) => n.replaceAll('$', '\\$')).join('|')})(?![\\p{ID_Continue}$])`, 'u');
  const collected = [...new Set(input.matrix.runs.filter((r) => r.setup === 'after' && r.attempt === 0).flatMap((r) => [...r.modules]))].sort();
  return (input.matrix.relatedAfter ?? collected).filter((f) => !isTypeTestFile(f) && named.test(readOr(path.join(input.snapshot.afterTree.root, f))));
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function expectingTestOf(input: ProbeStageInput): (t: ProbeTarget) => string | undefined {
  const edited = new Set([...input.matrix.testFiles.added, ...input.matrix.testFiles.edited]);
  return (t) => {
    const reaching = new Set(testsReaching(input, t));
    const change = input.comparison.changes.find(
      (c) => edited.has(c.file) && reaching.has(c.file) && c.after === 'pass' && (c.before !== 'pass' || c.newTestOnOldCode === 'fail'),
    );
    return change ? `the test "${change.name}"` : undefined;
  };
}

function suggestTest(t: ProbeTarget, r: ProbeTargetResult, place: SuggestedTestPlace): { file: string; code: string } | undefined {
  const ce = r.counterexample;
  if (r.outcome !== 'diverged' || !ce || ce.afterBehaviour.kind === 'timeout' || ce.argsText.length === 0 && ce.call.length === 0) return undefined;
  const { file } = place;
  const code = pasteableTest({
    importPath: place.importPath,
    exportName: t.exportName,
    callText: ce.call,
    after: ce.afterBehaviour,
    title: `keeps the new behaviour of ${ce.call.length > 60 ? `${ce.call.slice(0, 57)}...` : ce.call}`,
  });
  return { file, code };
}
