import type { Finding } from '../verdict/finding.js';
import { changeSummary, diffLines, mirroringTest } from './mirror.js';
import { matchUnstableTitles } from './title-keys.js';
import { displayName, type SetupName, type SuiteRun, type TestRecord, type TestState } from './types.js';

export interface TestFileChanges {
  /** Test files the patch modified (present in both trees). */
  edited: string[];
  added: string[];
  deleted: string[];
}

/** One test whose outcome differs somewhere in the matrix. */
export interface TestChange {
  id: string;
  name: string;
  file: string;
  before: TestState;
  after: TestState;
  /** The before version of the test on the after source, when that run happened. */
  oldTestOnNewCode?: TestState;
  /** The after version of the test on the before source, when that run happened. */
  newTestOnOldCode?: TestState;
  flaky: boolean;
  error?: string;
}

export interface Comparison {
  changes: TestChange[];
  findings: Finding[];
}

const covers = (run: SuiteRun, file: string): boolean => run.files === 'all' || run.files.includes(file);

/** A test file that fails to load counts as a failure of every test it held. */
export function stateOf(run: SuiteRun | undefined, id: string, file: string): TestState | undefined {
  if (!run || !covers(run, file)) return undefined;
  const rec = run.tests.get(id);
  if (rec) return rec.state;
  if (run.moduleErrors.has(file)) return 'fail';
  return 'missing';
}

const NO_TEST_FILE_CHANGES: TestFileChanges = { edited: [], added: [], deleted: [] };

/**
 * Ids of tests whose outcome differs between any two cells of the matrix (first attempts only).
 * Tests are matched as compareRuns matches them (unstable titles included, title-keys.ts).
 */
export function differingTests(all: readonly SuiteRun[], testFiles: TestFileChanges = NO_TEST_FILE_CHANGES): Map<string, string> {
  const runs = matchUnstableTitles(all, testFiles);
  const first = firstAttempts(runs);
  const out = new Map<string, string>();
  for (const [id, rec] of allTests(runs)) {
    const states = new Set(
      (['before', 'after', 'old-tests-new-code', 'new-tests-old-code'] as const)
        .map((s) => stateOf(first.get(s), id, rec.file))
        .filter((s) => s !== undefined),
    );
    if (states.size > 1) out.set(id, rec.file);
  }
  return out;
}

/**
 * The files to rerun in each setup for flake control: those holding a differing test that the
 * setup's first run ran (or whose file failed to load there). A test file the patch changed has
 * two versions, and a setup that runs the version without the test (a new test among the old
 * tests, a removed one among the new) has no outcome of it to confirm: "missing" there is a fact
 * of the file, not of the run. In a file the patch did not change, a test missing from one setup
 * is an outcome (tests generated from the code under test), so that setup reruns it too.
 * On the examples this halves the reruns of a fail-to-pass test (two setups of four).
 */
export function filesToRerun(all: readonly SuiteRun[], testFiles: TestFileChanges = NO_TEST_FILE_CHANGES): Map<SetupName, string[]> {
  const runs = matchUnstableTitles(all, testFiles);
  const first = firstAttempts(runs);
  const differing = differingTests(all, testFiles);
  const changed = new Set([...testFiles.edited, ...testFiles.added, ...testFiles.deleted]);
  const out = new Map<SetupName, string[]>();
  for (const [setup, run] of first) {
    const files = new Set<string>();
    for (const [id, file] of differing) {
      const state = stateOf(run, id, file);
      if (state === undefined) continue;
      // A crashed run has no outcomes: its files are rerun as before.
      if (state !== 'missing' || !changed.has(file) || run.status === 'crashed') files.add(file);
    }
    if (files.size > 0) out.set(setup, [...files].sort());
  }
  return out;
}

function firstAttempts(runs: readonly SuiteRun[]): Map<SetupName, SuiteRun> {
  const m = new Map<SetupName, SuiteRun>();
  for (const r of runs) if (r.attempt === 0) m.set(r.setup, r);
  return m;
}

function allTests(runs: readonly SuiteRun[]): Map<string, TestRecord> {
  const m = new Map<string, TestRecord>();
  for (const r of runs) for (const [id, t] of r.tests) if (!m.has(id)) m.set(id, t);
  return m;
}

const byFile = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every test, grouped by file in path order, each file's tests in the order vitest collected them:
 * an order that does not depend on which file vitest happened to schedule first, so it is the same
 * for the whole matrix and for shards of it joined (shard/merge.ts).
 */
function testsInFileOrder(runs: readonly SuiteRun[]): Array<[string, TestRecord]> {
  return [...allTests(runs)].sort(([, a], [, b]) => byFile(a.file, b.file));
}

function isFlaky(runs: readonly SuiteRun[], id: string, file: string): boolean {
  const bySetup = new Map<SetupName, Set<TestState>>();
  for (const r of runs) {
    const s = stateOf(r, id, file);
    if (s === undefined) continue;
    const set = bySetup.get(r.setup) ?? new Set();
    set.add(s);
    bySetup.set(r.setup, set);
  }
  return [...bySetup.values()].some((set) => set.size > 1);
}

/**
 * Turns the runs of the before/after matrix into typed findings. Pure. Tests are matched by id
 * (project, file, suites, title; copy paths already replaced by placeholders, run-vitest.ts), and a
 * test whose title has an unstable part by its stable part (title-keys.ts).
 */
export function compareRuns(all: readonly SuiteRun[], testFiles: TestFileChanges): Comparison {
  const runs = matchUnstableTitles(all, testFiles);
  const first = firstAttempts(runs);
  const before = first.get('before');
  const after = first.get('after');
  const findings: Finding[] = [];
  const changes: TestChange[] = [];
  if (!before || !after) return { changes, findings };
  if (after.status === 'crashed') {
    findings.push({
      kind: 'suite-crashed',
      severity: 'error',
      message: `vitest no longer runs after the patch: ${after.crashMessage ?? 'it exited without results'}`,
    });
    return { changes, findings };
  }
  const ab = first.get('old-tests-new-code');
  const ba = first.get('new-tests-old-code');
  const editedOrDeleted = new Set([...testFiles.edited, ...testFiles.deleted]);
  // The new tests that fail on the old code and pass on the new, with their diffs: what a
  // masked regression's failure may mirror (mirror.ts). Built once, on first need.
  let candidates: TestRecord[] | undefined;
  const demonstrating = (): TestRecord[] =>
    (candidates ??= [...(ba?.tests.values() ?? [])].filter((t) => t.state === 'fail' && after.tests.get(t.id)?.state === 'pass' && !isFlaky(runs, t.id, t.file)));
  const addedOrEdited = new Set([...testFiles.added, ...testFiles.edited]);

  for (const [id, rec] of testsInFileOrder(runs)) {
    const b = stateOf(before, id, rec.file) ?? 'missing';
    const a = stateOf(after, id, rec.file) ?? 'missing';
    const oldOnNew = stateOf(ab, id, rec.file);
    const newOnOld = stateOf(ba, id, rec.file);
    if (b === a && (oldOnNew === undefined || oldOnNew === b) && (newOnOld === undefined || newOnOld === a)) continue;
    const name = displayName(rec);
    const error = after.tests.get(id)?.error ?? (a === 'fail' ? after.moduleErrors.get(rec.file) : undefined);
    const change: TestChange = { id, name, file: rec.file, before: b, after: a, flaky: isFlaky(runs, id, rec.file) };
    if (oldOnNew !== undefined) change.oldTestOnNewCode = oldOnNew;
    if (newOnOld !== undefined) change.newTestOnOldCode = newOnOld;
    if (error) change.error = error;
    changes.push(change);
    const at = { file: rec.file, test: name };
    if (change.flaky) {
      findings.push({ ...at, kind: 'test-flaky', severity: 'warning', message: `"${name}" gives different outcomes on reruns of the same code; it does not count as evidence` });
      continue;
    }
    if (b === 'pass' && a === 'fail') {
      const why = editedOrDeleted.has(rec.file) && oldOnNew === 'pass' ? ' (its old version still passes: the patch edited this test into failing)' : '';
      findings.push({ ...at, kind: 'test-broken', severity: 'error', message: `"${name}" passed before the patch and fails after${why}${error ? `: ${error}` : ''}` });
    } else if (b === 'pass' && (a === 'skip' || a === 'todo' || a === 'missing')) {
      const how = a === 'missing' ? 'no longer exists' : `is now ${a === 'todo' ? 'a todo' : 'skipped'}`;
      if (!editedOrDeleted.has(rec.file)) {
        findings.push({ ...at, kind: 'test-disabled', severity: 'error', message: `"${name}" passed before the patch and ${how}, though the patch did not edit its file` });
      } else {
        findings.push({ ...at, kind: a === 'missing' ? 'test-removed' : 'test-skipped', severity: 'warning', message: `"${name}" passed before the patch and ${how} after it` });
      }
    } else if (b === 'fail' && a === 'pass') {
      if (!addedOrEdited.has(rec.file)) {
        findings.push({ ...at, kind: 'test-fixed', severity: 'info', message: `"${name}" failed before the patch and passes after, with the test unchanged` });
      } else if (newOnOld === 'fail') {
        findings.push({ ...at, kind: 'fail-to-pass', severity: 'info', message: `"${name}" fails on the old code and passes on the new code` });
      } else if (newOnOld === 'pass') {
        findings.push({ ...at, kind: 'test-edited-to-pass', severity: 'warning', message: `"${name}" failed before and passes after only because the patch edited it: its new version passes on the old code too` });
      }
    } else if ((b === 'missing' || b === 'pass') && a === 'pass' && addedOrEdited.has(rec.file)) {
      if (newOnOld === 'fail') {
        findings.push({ ...at, kind: 'fail-to-pass', severity: 'info', message: `"${name}" (${b === 'missing' ? 'new' : 'edited'}) fails on the old code and passes on the new code` });
      } else if (newOnOld === 'pass' && b === 'missing') {
        findings.push({ ...at, kind: 'test-passes-on-old-code', severity: 'warning', message: `"${name}" is new but already passes on the old code: it does not demonstrate a change` });
      }
    } else if (b === 'missing' && a === 'fail') {
      findings.push({ ...at, kind: 'new-test-fails', severity: 'warning', message: `"${name}" is new and fails on the patched code${error ? `: ${error}` : ''}` });
    } else if (b !== a) {
      findings.push({ ...at, kind: 'test-outcome-changed', severity: 'info', message: `"${name}" went from ${b} to ${a}` });
    }
    // Old tests on new code: a break that the patch's edit of the test hides.
    if (b === 'pass' && oldOnNew === 'fail' && a !== 'fail') {
      const oldRecord = ab?.tests.get(id);
      const oldError = oldRecord?.error ?? ab?.moduleErrors.get(rec.file);
      const mirror = oldRecord && a !== 'skip' && a !== 'todo' ? mirroringTest(oldRecord, demonstrating()) : undefined;
      const masked: Finding = {
        ...at,
        kind: 'masked-regression',
        severity: 'error',
        message: `the old version of "${name}" fails on the new code${oldError ? ` (${oldError})` : ''}; the patch ${a === 'missing' ? 'removed' : a === 'pass' ? 'edited' : 'disabled'} the test, which hides the break`,
      };
      if (mirror) {
        masked.mirroredBy = displayName(mirror);
        const lines = oldRecord!.diff === undefined ? undefined : diffLines(oldRecord!.diff);
        const change = lines ? changeSummary(lines) : `the new code throws \`${oldRecord!.error?.split('\n')[0] ?? ''}\`, which "${masked.mirroredBy}" expects`;
        masked.message += `; its failure is the reverse of how "${masked.mirroredBy}" fails on the old code (${change})`;
      }
      findings.push(masked);
    }
  }
  for (const [file, message] of [...after.moduleErrors].sort(([a], [b]) => byFile(a, b))) {
    if (!before.modules.has(file) && ![...after.tests.values()].some((t) => t.file === file)) {
      findings.push({ kind: 'new-test-fails', severity: 'warning', file, message: `new test file ${file} fails to load: ${message}` });
    }
  }
  const newUnhandled = after.unhandledErrors.filter((e) => !before.unhandledErrors.includes(e));
  if (newUnhandled.length > 0) {
    findings.push({
      kind: 'unhandled-error',
      severity: 'warning',
      message: `vitest reports ${newUnhandled.length} unhandled error${newUnhandled.length === 1 ? '' : 's'} after the patch that it did not report before (it fails the run): ${newUnhandled[0]!.split('\n')[0]}`,
    });
  }
  if (before.tests.size === 0 && after.tests.size === 0) {
    // A test file that cannot load has no tests to count: say so, or "no tests" sends the user
    // looking for a missing include pattern instead of a broken import.
    const [unloadable, why] = [...after.moduleErrors].sort(([a], [b]) => byFile(a, b))[0] ?? [];
    findings.push({
      kind: 'no-tests',
      severity: 'warning',
      message:
        unloadable === undefined
          ? 'vitest found no tests before or after the patch, so the suite gives no evidence'
          : `no test ran before or after the patch: ${after.moduleErrors.size === 1 ? 'the test file' : `${after.moduleErrors.size} test files, first`} ${unloadable} fails to load (${why?.split('\n')[0]}), so the suite gives no evidence`,
      ...(unloadable === undefined ? {} : { file: unloadable }),
    });
  }
  return { changes, findings };
}
