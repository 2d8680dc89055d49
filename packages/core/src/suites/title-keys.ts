import { testId, type SetupName, type SuiteRun, type TestRecord } from './types.js';

/** Which test files the patch changed; a test file in none of them has the same code in every setup. */
export interface ChangedTestFiles {
  edited: readonly string[];
  added: readonly string[];
  deleted: readonly string[];
}

const SETUP_ORDER: readonly SetupName[] = ['before', 'after', 'old-tests-new-code', 'new-tests-old-code'];

/**
 * A title with every word that holds a digit masked: a seed (`seed=1234`), a timestamp, a counter,
 * a random id (`a3f9c1`), with its sign. Two titles that differ only there have the same mask.
 */
export function maskTitle(title: string): string {
  // A minus sign belongs to the number unless it follows a word (`seed=-42`, but `2026-12`).
  return title.replace(/(?<![\p{L}\p{N}_])-?[\p{L}\p{N}_]*\p{Nd}[\p{L}\p{N}_]*/gu, '#');
}

/** Which version of a test file a setup ran: the same code everywhere unless the patch changed the file. */
function testCodeOf(setup: SetupName, file: string, changed: ReadonlySet<string>): 'same' | 'before' | 'after' {
  if (!changed.has(file)) return 'same';
  return setup === 'before' || setup === 'old-tests-new-code' ? 'before' : 'after';
}

interface Group {
  /** Plain ids of the group's tests, in setup then attempt order. */
  ids: Set<string>;
  /** Some run holds two of them: they are distinct tests. */
  collides: boolean;
  /** Plain ids seen per version of the test file. */
  byCode: Map<string, Set<string>>;
}

/**
 * Unstable titles (issue 16): a test whose title holds a random or run-dependent part (a property
 * test's seed, a timestamp) gets a different title in every run, and so a different id; compared
 * by id it reads as removed + added between the trees, or as flaky across reruns.
 *
 * A title is unstable when two runs of the SAME test code (the same version of its file: any two
 * runs when the patch did not change the file) give titles that differ only in words holding
 * digits. Such tests are matched by the title with those words masked, all under one id (the
 * first one seen), but only when the masked title is unique in its file in every run: two distinct
 * tests whose masked titles collide (`case 1`, `case 2`) are never merged. Returns the runs with
 * their tests re-keyed; runs with nothing to merge are returned as they are.
 */
export function matchUnstableTitles(runs: readonly SuiteRun[], testFiles: ChangedTestFiles): SuiteRun[] {
  const changed = new Set([...testFiles.edited, ...testFiles.added, ...testFiles.deleted]);
  const ordered = [...runs].sort((a, b) => SETUP_ORDER.indexOf(a.setup) - SETUP_ORDER.indexOf(b.setup) || a.attempt - b.attempt);
  const groups = new Map<string, Group>();
  for (const run of ordered) {
    const inRun = new Map<string, number>();
    for (const t of run.tests.values()) {
      const key = testId(t.project, t.file, t.path.map(maskTitle));
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { ids: new Set(), collides: false, byCode: new Map() }));
      const n = (inRun.get(key) ?? 0) + 1;
      inRun.set(key, n);
      if (n > 1) g.collides = true;
      g.ids.add(t.id);
      const code = testCodeOf(run.setup, t.file, changed);
      const ids = g.byCode.get(code) ?? new Set<string>();
      ids.add(t.id);
      g.byCode.set(code, ids);
    }
  }
  const canonical = new Map<string, string>();
  for (const g of groups.values()) {
    if (g.collides || g.ids.size < 2) continue;
    if (![...g.byCode.values()].some((ids) => ids.size > 1)) continue;
    const [first, ...others] = g.ids;
    for (const id of others) canonical.set(id, first!);
  }
  if (canonical.size === 0) return [...runs];
  return runs.map((run) => rekey(run, canonical));
}

function rekey(run: SuiteRun, canonical: ReadonlyMap<string, string>): SuiteRun {
  if (![...run.tests.keys()].some((id) => canonical.has(id))) return run;
  const tests = new Map<string, TestRecord>();
  for (const [id, t] of run.tests) {
    const to = canonical.get(id);
    if (to === undefined) tests.set(id, t);
    else tests.set(to, { ...t, id: to });
  }
  return { ...run, tests };
}
