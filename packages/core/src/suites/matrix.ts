import fs from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../errors.js';
import type { BaselineCache } from '../cache/baseline-cache.js';
import { isSuiteRunJson, runFromJson, runToJson, type PathTokens, type SuiteRunJson } from '../cache/suite-run-json.js';
import type { ChangeSet } from '../diff/change-set.js';
import type { ProgressListener } from '../events.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { filesToRerun, type TestFileChanges } from './compare.js';
import { projectArgs, type ProjectSelection } from './project-filter.js';
import { resolveProjectVitest, type ProjectVitest } from './resolve-vitest.js';
import { identifierRenames, renamedTitleFiler } from './renamed-titles.js';
import { emptyRun, runVitest, SUITE_REPORTER, UNFINISHED_ERROR, vitestEnv } from './run-vitest.js';
import { fillStoppedRun, hangLimitMs, hungFiles } from './hang.js';
import { TreeHosts, VitestHost } from './vitest-host.js';
import { changedPaths, testFilesWithChangedSnapshots, withSnapshotFiles } from './snapshot-files.js';
import { absorbRun, restrictRun, shardSlices } from '../shard/slices.js';
import { createTestFileMatcher, isTestSupportPath, testSideMatcher } from './test-files.js';
import { testId, type SetupName, type SuiteRun } from './types.js';
import { settleAll } from '../process/settle-all.js';

export interface MatrixInput {
  snapshot: Snapshot;
  changes: ChangeSet;
  outDir: string;
  tmpDir: string;
  timeoutMs: number;
  reruns: number;
  /** The baseline cache: the before tree's full run is taken from it when present, and stored in it. */
  cache?: BaselineCache | undefined;
  /** Run slice `index` of `count` only (runShard); see shard/slices.ts for how files are split. */
  shard?: { index: number; count: number } | undefined;
  /** vitest projects left out of every run (project-filter.ts). */
  skipProjects?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: ProgressListener | undefined;
  /**
   * Takes the after tree's warm vitest, still running, when the matrix succeeded (the probes run
   * their recording and probe module in it); the callee then owns it and must close it.
   */
  lendAfterHost?: ((host: VitestHost) => void) | undefined;
}

export interface MatrixResult {
  vitest: ProjectVitest;
  runs: SuiteRun[];
  testFiles: TestFileChanges;
  /** The tests' side: test files and their helpers (testSideMatcher), never source to probe or mutate. */
  isTestFile: (file: string) => boolean;
  /** Only the files the project's vitest collects as test files (absent: isTestFile). */
  runsAsTest?: (file: string) => boolean;
  /** Runs taken from the baseline cache instead of being run (absent: none). */
  reusedRuns?: number;
  /**
   * The after tree's test files (repository-relative) that vitest relates to the files the patch
   * modifies or adds (`vitest related`); absent when it could not say, or every file is.
   */
  relatedAfter?: string[];
  /** The vitest projects left out of every run (`skipProjects`), by name. */
  skippedProjects?: string[];
  /** In a shard: the test files this shard settled, in every setup (sorted). */
  owned?: string[];
  /** In a shard: owned files it ran on the before tree besides vitest's before slice (another shard's slice there). */
  completed?: string[];
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
  const projectIn = (tree: 'before' | 'after'): string => path.join(tree === 'before' ? snapshot.before.root : snapshot.afterTree.root, projectDir);
  const vitest = resolveProjectVitest(projectIn('before'), projectDir || '.');
  // One warm vitest per tree runs every run of that tree (vitest-host.ts); a shard keeps
  // spawning `vitest run --shard`, which the host does not do.
  const startHost = (tree: 'before' | 'after'): Promise<VitestHost | undefined> =>
    VitestHost.start({
      vitest,
      projectRoot: projectIn(tree),
      reporter: SUITE_REPORTER,
      env: vitestEnv({ outFile: '', tmpDir: input.tmpDir, userRoot: snapshot.repo.root, vitest, treeRoot: treeRootOf(snapshot, tree), baseTreeRoot: snapshot.before.root }),
      timeoutMs: input.timeoutMs,
      signal: input.signal,
      skipProjects: input.skipProjects,
    });
  const hosts = new TreeHosts((tree) => (input.shard ? Promise.resolve(undefined) : startHost(tree)));
  const projects = new ProjectsToRun(input.skipProjects ?? [], vitest);
  try {
    // A shard spawns every run, so a host only tells it the project names, then stops.
    if (input.shard && projects.skipping) {
      const lister = await startHost('before');
      projects.learn(lister?.selection);
      await lister?.close();
    }
    const result = await runMatrix(input, vitest, hosts, projects);
    if (input.lendAfterHost) {
      const after = await hosts.release('after')?.catch(() => undefined);
      // The project's instance closes now, as it did when the host closed here.
      await after?.closeProject(input.timeoutMs);
      if (after?.alive) input.lendAfterHost(after);
      else after?.kill();
    }
    return result;
  } finally {
    await hosts.closeAll();
  }
}

/**
 * The projects a run leaves out (`skipProjects`): a warm host filters its own; a spawned
 * `vitest run` needs one `--project` per kept name, which the first host to start has listed.
 */
class ProjectsToRun {
  private selection: ProjectSelection | undefined;
  private readonly patterns: readonly string[];
  private readonly vitest: ProjectVitest;

  constructor(patterns: readonly string[], vitest: ProjectVitest) {
    this.patterns = patterns;
    this.vitest = vitest;
  }

  get skipping(): boolean {
    return this.patterns.length > 0;
  }

  get skipped(): string[] | undefined {
    return this.selection?.skipped;
  }

  learn(selection: ProjectSelection | undefined): void {
    this.selection ??= selection;
  }

  /** Arguments for a spawned run. */
  args(): string[] {
    if (!this.skipping) return [];
    if (this.selection) return projectArgs(this.selection, this.vitest.major);
    // No host listed the names (it could not start): vitest 3 and newer take one negated pattern.
    if (this.vitest.major >= 3 && this.patterns.length === 1) return [`--project=!${this.patterns[0]}`];
    throw new SetupError('PP_VITEST_FAILED', `cannot leave out the vitest projects ${this.patterns.join(', ')}: the warm vitest that lists them did not start`, {
      hint: 'check that `vitest run` works in the project, or run without --skip-project',
    });
  }
}

function treeRootOf(snapshot: Snapshot, tree: 'before' | 'after'): string {
  return tree === 'before' ? snapshot.before.root : snapshot.afterTree.root;
}

async function runMatrix(input: MatrixInput, vitest: ProjectVitest, hosts: TreeHosts, projects: ProjectsToRun): Promise<MatrixResult> {
  const { snapshot } = input;
  const projectDir = snapshot.repo.projectDir;
  const display = projectDir || '.';
  const projectIn = (tree: 'before' | 'after'): string => path.join(treeRootOf(snapshot, tree), projectDir);
  let counter = 0;
  const runs: SuiteRun[] = [];
  /** Exactly renamed test files, old path → new path (filled once the test-file patterns are known). */
  const renamedTests = new Map<string, string>();

  // New tests on the old code: a hang there is the failure a fix of an endless loop is about (hang.ts).
  const hangLimit = (setup: Setup, files: 'all' | string[]): number | undefined => {
    const after = runs.find((r) => r.setup === 'after' && r.attempt === 0);
    return setup.name === 'new-tests-old-code' && after && files !== 'all' ? hangLimitMs(after, files, input.timeoutMs) : undefined;
  };
  const execute = async (setup: Setup, files: 'all' | string[], attempt: number): Promise<SuiteRun> => {
    input.onEvent?.({ type: 'suite-run-start', setup: setup.name, files: files === 'all' ? 'all' : files.length, attempt });
    const treeRoot = setup.tree === 'before' ? snapshot.before.root : snapshot.afterTree.root;
    // In the before tree a renamed test file still has its old name.
    const oldName = new Map([...renamedTests].map(([from, to]) => [to, from]));
    const filter = setup.name === 'before' && files !== 'all' ? files.map((f) => oldName.get(f) ?? f) : files;
    const restore = await applyOverlay(setup, snapshot, pristine);
    const overlaid = setup.overlay.map((f) => path.join(treeRoot, f));
    hosts.touched(setup.tree, overlaid);
    try {
      const host = await hosts.get(setup.tree);
      projects.learn(host?.selection);
      const run = await runVitest({
        host,
        projectArgs: host?.alive && !input.shard ? [] : projects.args(),
        invalidate: hosts.takeChanged(setup.tree),
        setup: setup.name,
        attempt,
        vitest,
        treeRoot,
        projectRoot: projectIn(setup.tree),
        files: filter,
        shard: files === 'all' ? input.shard : undefined,
        outFile: path.join(input.outDir, `run-${++counter}.json`),
        tmpDir: input.tmpDir,
        userRoot: snapshot.repo.root,
        baseTreeRoot: snapshot.before.root,
        timeoutMs: hangLimit(setup, files) ?? input.timeoutMs,
        hangsFail: setup.name === 'new-tests-old-code',
        signal: input.signal,
      });
      if (setup.name === 'before') refileRenamed(run, renamedTests);
      const first = (name: SetupName): SuiteRun | undefined => runs.find((r) => r.setup === name && r.attempt === 0);
      const after = first('after');
      if (after) fillStoppedRun(run, after, first('before'));
      runs.push(run);
      input.onEvent?.({ type: 'suite-run-end', setup: setup.name, attempt, durationMs: run.durationMs, tests: run.tests.size, status: run.status });
      return run;
    } finally {
      await restore();
      hosts.touched(setup.tree, overlaid);
    }
  };

  let pristine: Pristine = { before: new Map(), after: new Map() };
  const beforeSetup: Setup = { name: 'before', tree: 'before', overlay: [] };
  const crashed = (run: SuiteRun): SetupError =>
    new SetupError('PP_VITEST_FAILED', `vitest could not run the base version of ${display}: ${run.crashMessage}`, {
      hint: 'fix the project so that `vitest run` works at the base revision, then retry',
    });
  // The before tree's full run depends on nothing the patch touches: a run on the same base (same
  // tree, dependencies, vitest config and versions: the cache key) stored it, so it is reused.
  // Only this run is cached; reruns always run (see the flake control below).
  const skipPart = projects.skipping ? `:skip-${[...(input.skipProjects ?? [])].sort().join(',')}` : '';
  const cachePart = `suite-before:${input.shard ? `shard-${input.shard.index}/${input.shard.count}` : 'all'}${skipPart}`;
  const tokens: PathTokens = [
    [snapshot.before.root, '<patchprobe:before-tree>'],
    [input.tmpDir, '<patchprobe:tmp>'],
    [input.outDir, '<patchprobe:runs>'],
  ];
  const stored = input.cache?.get(cachePart, isBaselineRun);
  // Without a cache to fill, the before tree runs only the test files that can see the patch
  // (relatedBefore); a cache keeps the full run, for every later patch on the same base.
  const firstBefore = async (): Promise<SuiteRun> => {
    if (stored) return { ...runFromJson(stored, tokens), cached: true, durationMs: 0 };
    const files = input.cache || input.shard ? 'all' : await relatedBefore(snapshot, input.changes, await hosts.get('before'), input);
    return files === 'all' || files.length > 0 ? execute(beforeSetup, files, 0) : emptyRun({ setup: beforeSetup.name, files: [], attempt: 0 });
  };
  // The two trees are separate folders with a vitest each: their full runs overlap.
  const [before, after] = (await settleAll([firstBefore(), execute({ name: 'after', tree: 'after', overlay: [] }, 'all', 0)])) as [SuiteRun, SuiteRun];
  // In the order the report lists them, whichever ended first.
  runs.splice(0, runs.length, before, after);
  if (before.files !== 'all' && before.status === 'ok' && after.status === 'ok') {
    // The files the before tree did not run: those failing after the patch run there now (a break
    // the module graph does not show: a spawned script, a fixture read from disk); the others
    // pass after the patch and import nothing it changed, so their before outcomes are the after
    // run's. What this can miss is a test fixed without an import of what changed.
    const rest = notRunBefore(snapshot, input.changes, before, after);
    if (rest.failing.length > 0) {
      const extra = await execute(beforeSetup, rest.failing, 0);
      runs.splice(runs.indexOf(extra), 1);
      absorbRun(before, extra);
    }
    inferFromAfter(before, after, rest.passing);
  }
  if (!stored && before.status === 'ok' && before.files === 'all' && !before.inferred) input.cache?.set(cachePart, runToJson(before, tokens));
  if (before.status === 'crashed') throw crashed(before);

  const isTestFile = createTestFileMatcher(runs, projectDir);
  // A shard judges other shards' files by the globs each tree's run reported (taken now, before
  // renamed files are refiled under their new names).
  const beforeMatcher = input.shard ? createTestFileMatcher([before], projectDir) : undefined;
  const afterMatcher = input.shard ? createTestFileMatcher([after], projectDir) : undefined;
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
  // A rewritten snapshot file is an edit of its test (snapshot-files.ts).
  testFiles.edited.push(...testFilesWithChangedSnapshots(input.changes, isTestFile, new Set(snapshot.afterTree.files)));
  const snapshotsToo = (files: string[]): string[] => withSnapshotFiles(files, changedPaths(input.changes));

  refileRenamed(before, renamedTests); // the first run happened before the renames were known
  // Titles built from a name the patch renamed (describe(fn.name, …)) are filed under the new name
  // on the before source, when the after run has exactly that title (renamed-titles.ts).
  const fileRenamedTitles = renamedTitleFiler(
    await identifierRenames({ before: snapshot.before.root, after: snapshot.afterTree.root }, input.changes, isTestFile),
  );
  // A shard settles each test file in exactly one shard: the one whose after-tree slice holds it
  // (or, for a file only the before tree runs, its before-tree slice). Files of its after slice
  // that another shard ran on the before tree are run here on the before tree too.
  let owned: Set<string> | undefined;
  let completed: string[] = [];
  if (input.shard && beforeMatcher && afterMatcher) {
    const beforeFiles = new Set(snapshot.before.files);
    const afterFiles = new Set(snapshot.afterTree.files);
    const oldName = new Map([...renamedTests].map(([from, to]) => [to, from]));
    const slices = shardSlices({
      before,
      after,
      beforeIsTest: (f) => {
        const old = oldName.get(f) ?? f;
        return beforeFiles.has(old) && beforeMatcher(old);
      },
      afterIsTest: (f) => afterFiles.has(f) && afterMatcher(f),
    });
    owned = slices.owned;
    completed = slices.complete;
    restrictRun(before, owned);
    if (slices.complete.length > 0) {
      const extra = await execute(beforeSetup, slices.complete, 0);
      runs.splice(runs.indexOf(extra), 1);
      if (extra.status === 'crashed') throw crashed(extra);
      absorbRun(before, extra);
    }
  }
  const inShard = (file: string): boolean => owned === undefined || owned.has(file);
  // Overlays copy test files between the trees, and reruns of the two trees overlap: read every
  // overlay file once now, while both trees are pristine, never from a tree mid-overlay.
  // A changed helper of the tests (tests/_utils.ts) goes with the tests of its side: new tests on the
  // old code import the new helper, old tests on the new code the old one (a helper the patch adds,
  // moves or deletes would otherwise fail to import and read as a behaviour change). Snapshot files
  // go with their own test file only (snapshotsToo).
  const helpers = [
    ...new Set(input.changes.files.flatMap((f) => [f.path, ...(f.oldPath ? [f.oldPath] : [])]).filter((f) => !isTestFile(f) && !f.includes('__snapshots__/') && isTestSupportPath(f, projectDir))),
  ];
  pristine = await readPristine(snapshot, [...snapshotsToo([...testFiles.edited, ...testFiles.added, ...testFiles.deleted]), ...helpers]);
  const setups: Setup[] = [
    { name: 'before', tree: 'before', overlay: [] },
    { name: 'after', tree: 'after', overlay: [] },
  ];
  const crossRuns: Array<Promise<SuiteRun>> = [];
  const oldOnNew = [...testFiles.edited, ...testFiles.deleted].filter(inShard);
  if (oldOnNew.length > 0) {
    const setup: Setup = { name: 'old-tests-new-code', tree: 'after', overlay: [...snapshotsToo(oldOnNew), ...helpers] };
    setups.push(setup);
    crossRuns.push(execute(setup, oldOnNew, 0));
  }
  const newOnOld = [...testFiles.added, ...testFiles.edited].filter(inShard);
  if (newOnOld.length > 0) {
    const setup: Setup = { name: 'new-tests-old-code', tree: 'before', overlay: [...snapshotsToo(newOnOld), ...helpers] };
    setups.push(setup);
    crossRuns.push(execute(setup, newOnOld, 0));
  }
  // One cross run per tree, so the two can overlap (they touch different folders).
  await settleAll(crossRuns);

  // Flake control: rerun only the files holding a test whose outcome differs, in every setup.
  // Reruns are never cached: a cached baseline outcome of a test whose outcome differs is checked
  // by fresh runs of the before tree here, so a flaky or stale cached result cannot become evidence.
  fileRenamedTitles(runs);
  // Only the setups whose run holds a differing test rerun its file (filesToRerun).
  const toRerun = filesToRerun(runs, testFiles);
  // A file whose new tests hung on the old code is not run there again: that only repeats the wait.
  const hung = new Set(runs.filter((r) => r.setup === 'new-tests-old-code').flatMap((r) => [...hungFiles(r, UNFINISHED_ERROR)]));
  if (input.reruns > 0 && toRerun.size > 0) {
    // The two trees are separate folders, so their reruns can overlap; setups on one tree cannot.
    await settleAll(
      (['before', 'after'] as const).map(async (tree) => {
        for (let attempt = 1; attempt <= input.reruns; attempt++) {
          for (const setup of setups.filter((s) => s.tree === tree)) {
            const scoped = (toRerun.get(setup.name) ?? []).filter((f) => !hung.has(f) || setup.name !== 'new-tests-old-code');
            if (scoped.length > 0) await execute(setup, scoped, attempt);
          }
        }
      }),
    );
  } else if (stored && toRerun.has('before')) {
    // Without reruns a fresh run is trusted once; a cached one is confirmed by one fresh run of
    // the before tree for the files whose outcome differs (two outcomes there read as flaky).
    await execute(beforeSetup, toRerun.get('before') ?? [], 1);
  }
  fileRenamedTitles(runs);
  // What StrykerJS's dry run needs (mutation stage): the after tree's warm vitest has every module
  // transformed by now, so this costs little.
  const relatedAfter = input.shard ? undefined : await relatedIn(snapshot.afterTree.root, afterSources(input.changes), await hosts.get('after'), input);
  // Runs of the two trees overlap and end in any order: the report lists them by attempt, then setup.
  const order: readonly SetupName[] = ['before', 'after', 'old-tests-new-code', 'new-tests-old-code'];
  runs.sort((a, b) => a.attempt - b.attempt || order.indexOf(a.setup) - order.indexOf(b.setup));
  return { vitest, runs, testFiles, isTestFile: testSideMatcher(isTestFile, projectDir), runsAsTest: isTestFile, reusedRuns: stored ? 1 : 0, ...(relatedAfter === 'all' ? {} : { relatedAfter }), ...(projects.skipped ? { skippedProjects: projects.skipped } : {}), ...(owned ? { owned: [...owned].sort(), completed } : {}) };
}

/**
 * The before tree's test files that can see the patch: those whose module graph (vitest's own
 * `related`, assets/vitest-host.mjs) holds a file the patch modifies, deletes or moves away, or that
 * are one; repository-relative. 'all' when vitest says every file is (a config or package.json
 * changed), or cannot say.
 */
async function relatedBefore(snapshot: Snapshot, changes: ChangeSet, host: VitestHost | undefined, input: MatrixInput): Promise<'all' | string[]> {
  const sources = changes.files.flatMap((f) => (f.status === 'added' ? [] : [f.status === 'renamed' ? (f.oldPath ?? f.path) : f.path]));
  return relatedIn(snapshot.before.root, sources, host, input);
}

/** The files the patch modifies, adds or moves, by their after-tree paths. */
function afterSources(changes: ChangeSet): string[] {
  return changes.files.flatMap((f) => (f.status === 'deleted' ? [] : [f.path]));
}

/** The test files of the tree at `root` that vitest relates to `sources` (repository-relative), or 'all'. */
async function relatedIn(root: string, sources: readonly string[], host: VitestHost | undefined, input: MatrixInput): Promise<'all' | string[]> {
  if (!host?.alive) return 'all';
  const related = await host.related(
    sources.map((f) => path.join(root, f)),
    input.timeoutMs,
    input.signal,
  );
  if (related === undefined) return 'all';
  return related.map((f) => path.relative(root, f).split(path.sep).join('/')).filter((f) => !f.startsWith('..')).sort();
}

/** The after run's test files the before run did not run, that exist unchanged in the before tree: failing after the patch, or passing. */
function notRunBefore(snapshot: Snapshot, changes: ChangeSet, before: SuiteRun, after: SuiteRun): { failing: string[]; passing: string[] } {
  const ran = new Set(before.files === 'all' ? [] : before.files);
  const inBefore = new Set(snapshot.before.files);
  const changed = new Set(changes.files.flatMap((f) => [f.path, ...(f.oldPath ? [f.oldPath] : [])]));
  const failing = new Set([...after.moduleErrors.keys(), ...[...after.tests.values()].filter((t) => t.state === 'fail').map((t) => t.file)]);
  const rest = [...after.modules].filter((f) => !ran.has(f) && inBefore.has(f) && !changed.has(f)).sort();
  return { failing: rest.filter((f) => failing.has(f)), passing: rest.filter((f) => !failing.has(f)) };
}

/** Takes the after run's outcomes of `files` as the before run's, and makes it a run of every file. */
function inferFromAfter(before: SuiteRun, after: SuiteRun, files: readonly string[]): void {
  const take = new Set(files);
  for (const [id, t] of after.tests) if (take.has(t.file)) before.tests.set(id, t);
  for (const f of files) before.modules.add(f);
  before.files = 'all';
  before.inferred = [...files];
}

/** A cache entry of the before tree's first full run: only successful runs are ever stored. */
function isBaselineRun(v: unknown): v is SuiteRunJson {
  return isSuiteRunJson(v) && v.setup === 'before' && v.attempt === 0 && v.files === 'all' && v.status === 'ok';
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
