import type { SuiteRun } from '../suites/types.js';

/**
 * Which test files a shard settles (issue 7 §4).
 *
 * vitest's `--shard i/n` sorts a run's test files by a hash of their path and takes slice i. The
 * before and after trees hold the same paths, so their slices agree, unless the patch adds,
 * deletes or renames a test file: the count changes and a file at a slice boundary can land in
 * shard 1 on one tree and in shard 2 on the other. Then neither shard would see both outcomes of
 * its tests, and neither could rerun it when the outcome differs. So each file gets ONE owner:
 *
 * - a file of this shard's after-tree slice is owned here; if this shard's before-tree slice
 *   lacks it but the before tree has it as a test file, it is run here on the before tree too
 *   (`complete`);
 * - a file of this shard's before-tree slice that the after tree does not run (deleted, or no
 *   longer matched by the after tree's globs) is owned here;
 * - a file of the before slice that the after tree does run belongs to the shard whose after
 *   slice holds it; its before results are dropped here.
 *
 * Every setup, cross runs and reruns included, then runs only owned files, so the owned sets of
 * the n shards partition the test files and merging is a plain union.
 */
export interface SliceInput {
  /** This shard's before-tree run (renamed test files already filed under their new names). */
  before: SuiteRun;
  /** This shard's after-tree run. */
  after: SuiteRun;
  /** Is this (after-tree) path a test file of the before tree (under its old name, if renamed)? */
  beforeIsTest: (file: string) => boolean;
  /** Is this path a test file of the after tree (the file exists there and the after run's globs match it)? */
  afterIsTest: (file: string) => boolean;
}

export function shardSlices(input: SliceInput): { owned: Set<string>; complete: string[] } {
  const { before, after } = input;
  // Without an after slice (vitest no longer starts) nothing can be paired: keep the before slice.
  if (after.status === 'crashed') return { owned: new Set(before.modules), complete: [] };
  const owned = new Set(after.modules);
  for (const f of before.modules) if (!input.afterIsTest(f)) owned.add(f);
  const complete = [...after.modules].filter((f) => !before.modules.has(f) && input.beforeIsTest(f)).sort();
  return { owned, complete };
}

/** Drops a run's results for files outside `owned` (another shard settles them). */
export function restrictRun(run: SuiteRun, owned: ReadonlySet<string>): void {
  run.tests = new Map([...run.tests].filter(([, t]) => owned.has(t.file)));
  run.moduleErrors = new Map([...run.moduleErrors].filter(([f]) => owned.has(f)));
  run.modules = new Set([...run.modules].filter((f) => owned.has(f)));
}

/** Adds the results of `extra` (a run of other files, same setup and attempt) to `into`. */
export function absorbRun(into: SuiteRun, extra: SuiteRun): void {
  for (const [id, t] of extra.tests) into.tests.set(id, t);
  for (const [f, e] of extra.moduleErrors) into.moduleErrors.set(f, e);
  for (const f of extra.modules) into.modules.add(f);
  for (const e of extra.unhandledErrors) if (!into.unhandledErrors.includes(e)) into.unhandledErrors.push(e);
  for (const p of extra.projects) if (!into.projects.some((q) => JSON.stringify(q) === JSON.stringify(p))) into.projects.push(p);
  into.durationMs += extra.durationMs;
  if (extra.status === 'crashed') {
    into.status = 'crashed';
    if (extra.crashMessage !== undefined) into.crashMessage ??= extra.crashMessage;
  }
  // Part of it ran in this verify: it is no longer a purely cached run.
  delete into.cached;
}
