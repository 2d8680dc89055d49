import fs from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../errors.js';
import type { ChangeSet } from '../diff/change-set.js';
import type { ProgressListener } from '../events.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { differingTests, type TestFileChanges } from './compare.js';
import { resolveProjectVitest, type ProjectVitest } from './resolve-vitest.js';
import { runVitest } from './run-vitest.js';
import { createTestFileMatcher } from './test-files.js';
import { testId, type SetupName, type SuiteRun } from './types.js';

export interface MatrixInput {
  snapshot: Snapshot;
  changes: ChangeSet;
  outDir: string;
  tmpDir: string;
  timeoutMs: number;
  reruns: number;
  signal?: AbortSignal | undefined;
  onEvent?: ProgressListener | undefined;
}

export interface MatrixResult {
  vitest: ProjectVitest;
  runs: SuiteRun[];
  testFiles: TestFileChanges;
  isTestFile: (file: string) => boolean;
}

/** A setup = which tree, with which test files swapped in from the other tree. */
interface Setup {
  name: SetupName;
  tree: 'before' | 'after';
  overlay: string[];
}

/**
 * Stage 3: runs the project's own vitest over the before/after matrix.
 * Always before×before and after×after; old tests on new code when the patch edits or deletes tests
 * (it reveals breaks that edited tests hide); new tests on old code when it adds or edits tests
 * (a new test that already passes on the old code demonstrates nothing). Tests whose outcome
 * differs are rerun in every setup that ran them, so a flaky test never decides the verdict.
 */
export async function runSuiteMatrix(input: MatrixInput): Promise<MatrixResult> {
  const { snapshot } = input;
  const projectDir = snapshot.repo.projectDir;
  const display = projectDir || '.';
  const projectIn = (tree: 'before' | 'after'): string => path.join(tree === 'before' ? snapshot.before.root : snapshot.afterTree.root, projectDir);
  const vitest = resolveProjectVitest(projectIn('before'), display);
  let counter = 0;
  const runs: SuiteRun[] = [];
  /** Exactly renamed test files, old path → new path (filled once the test-file patterns are known). */
  const renamedTests = new Map<string, string>();

  const execute = async (setup: Setup, files: 'all' | string[], attempt: number): Promise<SuiteRun> => {
    input.onEvent?.({ type: 'suite-run-start', setup: setup.name, files: files === 'all' ? 'all' : files.length, attempt });
    const treeRoot = setup.tree === 'before' ? snapshot.before.root : snapshot.afterTree.root;
    // In the before tree a renamed test file still has its old name.
    const oldName = new Map([...renamedTests].map(([from, to]) => [to, from]));
    const filter = setup.name === 'before' && files !== 'all' ? files.map((f) => oldName.get(f) ?? f) : files;
    const restore = await applyOverlay(setup, snapshot, pristine);
    try {
      const run = await runVitest({
        setup: setup.name,
        attempt,
        vitest,
        treeRoot,
        projectRoot: projectIn(setup.tree),
        files: filter,
        outFile: path.join(input.outDir, `run-${++counter}.json`),
        tmpDir: input.tmpDir,
        userRoot: snapshot.repo.root,
        baseTreeRoot: snapshot.before.root,
        timeoutMs: input.timeoutMs,
        signal: input.signal,
      });
      if (setup.name === 'before') refileRenamed(run, renamedTests);
      runs.push(run);
      input.onEvent?.({ type: 'suite-run-end', setup: setup.name, attempt, durationMs: run.durationMs, tests: run.tests.size, status: run.status });
      return run;
    } finally {
      await restore();
    }
  };

  let pristine: Pristine = { before: new Map(), after: new Map() };
  const before = await execute({ name: 'before', tree: 'before', overlay: [] }, 'all', 0);
  if (before.status === 'crashed') {
    throw new SetupError('PP_VITEST_FAILED', `vitest could not run the base version of ${display}: ${before.crashMessage}`, {
      hint: 'fix the project so that `vitest run` works at the base revision, then retry',
    });
  }
  await execute({ name: 'after', tree: 'after', overlay: [] }, 'all', 0);

  const isTestFile = createTestFileMatcher(runs, projectDir);
  const testFiles: TestFileChanges = { edited: [], added: [], deleted: [] };
  // A test file moved unchanged (an exact rename) holds the same tests: its before results are
  // filed under the new path, so they compare with the after results instead of reading as
  // "removed" plus "new".
  for (const f of input.changes.files) {
    if (f.status === 'modified' && isTestFile(f.path)) testFiles.edited.push(f.path);
    if (f.status === 'added' && isTestFile(f.path)) testFiles.added.push(f.path);
    if (f.status === 'deleted' && isTestFile(f.path)) testFiles.deleted.push(f.path);
    if (f.status === 'renamed' && f.oldPath && isTestFile(f.oldPath) && isTestFile(f.path)) renamedTests.set(f.oldPath, f.path);
    else if (f.status === 'renamed') {
      if (isTestFile(f.path)) testFiles.added.push(f.path);
      if (f.oldPath && isTestFile(f.oldPath)) testFiles.deleted.push(f.oldPath);
    }
  }

  refileRenamed(before, renamedTests); // the first run happened before the renames were known
  // Overlays copy test files between the trees, and reruns of the two trees overlap: read every
  // overlay file once now, while both trees are pristine, never from a tree mid-overlay.
  pristine = await readPristine(snapshot, [...testFiles.edited, ...testFiles.added, ...testFiles.deleted]);
  const setups: Setup[] = [
    { name: 'before', tree: 'before', overlay: [] },
    { name: 'after', tree: 'after', overlay: [] },
  ];
  const crossRuns: Array<Promise<SuiteRun>> = [];
  const oldOnNew = [...testFiles.edited, ...testFiles.deleted];
  if (oldOnNew.length > 0) {
    const setup: Setup = { name: 'old-tests-new-code', tree: 'after', overlay: oldOnNew };
    setups.push(setup);
    crossRuns.push(execute(setup, oldOnNew, 0));
  }
  const newOnOld = [...testFiles.added, ...testFiles.edited];
  if (newOnOld.length > 0) {
    const setup: Setup = { name: 'new-tests-old-code', tree: 'before', overlay: newOnOld };
    setups.push(setup);
    crossRuns.push(execute(setup, newOnOld, 0));
  }
  // One cross run per tree, so the two can overlap (they touch different folders).
  await settleAll(crossRuns);

  // Flake control: rerun only the files holding a test whose outcome differs, in every setup.
  const differing = differingTests(runs);
  if (input.reruns > 0 && differing.size > 0) {
    const files = [...new Set(differing.values())].sort();
    // The two trees are separate folders, so their reruns can overlap; setups on one tree cannot.
    await settleAll(
      (['before', 'after'] as const).map(async (tree) => {
        for (let attempt = 1; attempt <= input.reruns; attempt++) {
          for (const setup of setups.filter((s) => s.tree === tree)) {
            const scoped = setup.overlay.length > 0 ? files.filter((f) => setup.overlay.includes(f)) : files;
            if (scoped.length > 0) await execute(setup, scoped, attempt);
          }
        }
      }),
    );
  }
  return { vitest, runs, testFiles, isTestFile };
}

function refileRenamed(run: SuiteRun, renamed: ReadonlyMap<string, string>): void {
  const moved = (file: string): string => renamed.get(file) ?? file;
  run.tests = new Map(
    [...run.tests.values()].map((t) => {
      const file = moved(t.file);
      const rec = file === t.file ? t : { ...t, file, id: testId(t.project, file, t.path) };
      return [rec.id, rec];
    }),
  );
  run.moduleErrors = new Map([...run.moduleErrors].map(([f, e]) => [moved(f), e]));
  run.modules = new Set([...run.modules].map(moved));
  if (run.files !== 'all') run.files = run.files.map(moved);
}

/**
 * Like Promise.all, but waits for every run to end before rethrowing the first failure, so no
 * vitest is still running in a copy that the caller is about to remove.
 */
async function settleAll<T>(promises: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

type Pristine = Record<'before' | 'after', Map<string, Buffer | null>>;

async function readPristine(snapshot: Snapshot, files: readonly string[]): Promise<Pristine> {
  const read = async (root: string): Promise<Map<string, Buffer | null>> =>
    new Map(await Promise.all(files.map(async (f) => [f, await fs.readFile(path.join(root, f)).catch(() => null)] as const)));
  return { before: await read(snapshot.before.root), after: await read(snapshot.afterTree.root) };
}

/**
 * Swaps the other tree's version of the overlay files into this tree (our private copy) and returns
 * a function that puts the tree back exactly as it was.
 */
async function applyOverlay(setup: Setup, snapshot: Snapshot, pristine: Pristine): Promise<() => Promise<void>> {
  if (setup.overlay.length === 0) return async () => {};
  const target = setup.tree === 'before' ? snapshot.before.root : snapshot.afterTree.root;
  const own = pristine[setup.tree];
  const other = pristine[setup.tree === 'before' ? 'after' : 'before'];
  for (const rel of setup.overlay) {
    const to = path.join(target, rel);
    const replacement = other.get(rel) ?? null;
    if (replacement === null) await fs.rm(to, { force: true });
    else {
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.writeFile(to, replacement);
    }
  }
  return async () => {
    for (const rel of setup.overlay) {
      const to = path.join(target, rel);
      const original = own.get(rel) ?? null;
      if (original === null) await fs.rm(to, { force: true });
      else await fs.writeFile(to, original);
    }
  };
}
