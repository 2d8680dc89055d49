import type { SuiteRun } from './types.js';

// New tests on the old code are where a fix of an endless loop shows: its test never finishes
// there. A sync loop blocks vitest's worker, so vitest's own test timeout never fires; the worker
// runs until it is out of memory (radashi 214ce5dc: 72 s, three times with the reruns, and every
// test read as skipped). So that run gets a limit of its own, from how long the new code took.

/** Floor of the limit: a cold transform of the file and its imports on a loaded machine. */
const HANG_FLOOR_MS = 15_000;
/** How many times the new code's time the old code may take before its run is stopped. */
const HANG_FACTOR = 10;

/**
 * The time limit of the run of new tests `files` on the old code: the floor plus ten times what
 * their tests took on the new code (the after run), never more than the suite timeout. The suite
 * timeout when the after run did not run every file (a shard's slice).
 */
export function hangLimitMs(after: SuiteRun, files: readonly string[], suiteTimeoutMs: number): number {
  if (files.some((f) => !after.modules.has(f))) return suiteTimeoutMs;
  const wanted = new Set(files);
  let spent = 0;
  for (const t of after.tests.values()) if (wanted.has(t.file)) spent += t.durationMs ?? 0;
  return Math.min(suiteTimeoutMs, HANG_FLOOR_MS + HANG_FACTOR * spent);
}

/**
 * A stopped run of new tests on the old code (SuiteRun.stopped) holds no results, and which test
 * hung cannot be told (the worker reports in batches). A test the before run also has keeps its
 * passing outcome there (the hang is most likely in what the patch added; another outcome of an old
 * test says nothing and is left out); each test only the new file has reads as failing, with why.
 */
export function fillStoppedRun(run: SuiteRun, after: SuiteRun, before: SuiteRun | undefined): void {
  if (!run.stopped || run.files === 'all') return;
  const files = new Set(run.files);
  const took = new Map<string, number>();
  for (const t of after.tests.values()) if (files.has(t.file)) took.set(t.file, (took.get(t.file) ?? 0) + (t.durationMs ?? 0));
  for (const t of after.tests.values()) {
    if (!files.has(t.file)) continue;
    const old = before?.tests.get(t.id);
    if (old) {
      // A passing old test most likely still passes; any other outcome of the old version says
      // nothing about the new one (an edited failing test must not read as fail-to-pass here).
      if (old.state === 'pass') run.tests.set(t.id, old);
      continue;
    }
    if (t.state === 'skip' || t.state === 'todo') continue;
    const error = `did not finish on the old code: the run of its file was stopped after ${seconds(run.stopped.afterMs)}, where the new code ran the file's tests in ${seconds(took.get(t.file) ?? 0)} (a loop that never ends?)`;
    run.tests.set(t.id, { id: t.id, file: t.file, project: t.project, path: t.path, state: 'fail', error });
  }
  for (const f of files) run.modules.add(f);
}

/** The files of `run` with a test that hung (stopped, or never reported): rerunning them only repeats the wait. */
export function hungFiles(run: SuiteRun, unfinishedError: string): Set<string> {
  if (run.stopped && run.files !== 'all') return new Set(run.files);
  return new Set([...run.tests.values()].filter((t) => t.error === unfinishedError).map((t) => t.file));
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}
