import fs from 'node:fs/promises';
import path from 'node:path';
import type { ChangeSet } from '../diff/change-set.js';
import { testId, type SetupName, type SuiteRun, type TestRecord } from './types.js';

/** Old identifier → new identifier, for identifiers the patch renamed consistently. */
export type IdentifierRenames = ReadonlyMap<string, string>;

const TOKEN = /[A-Za-z_$][\w$]*|\d[\w.]*|\S/g;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The one identifier a changed line renames: the two lines are the same token for token except
 * where one identifier A became B (every such place the same A → B). Undefined otherwise.
 */
export function lineRename(before: string, after: string): [string, string] | undefined {
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  if (a.length !== b.length) return undefined;
  let pair: [string, string] | undefined;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (!IDENTIFIER.test(a[i]!) || !IDENTIFIER.test(b[i]!)) return undefined;
    if (pair && (pair[0] !== a[i] || pair[1] !== b[i])) return undefined;
    pair = [a[i]!, b[i]!];
  }
  return pair;
}

/**
 * Identifiers the patch renamed in code files that are not tests: from each hunk that replaces n
 * lines by n lines, the lines that differ by one identifier. An identifier renamed to two different
 * names in different places is left out.
 */
export function renamesInLines(pairs: ReadonlyArray<readonly [string, string]>): Map<string, string> {
  const seen = new Map<string, Set<string>>();
  for (const [before, after] of pairs) {
    const r = lineRename(before, after);
    if (!r) continue;
    const to = seen.get(r[0]) ?? new Set<string>();
    to.add(r[1]);
    seen.set(r[0], to);
  }
  const out = new Map<string, string>();
  for (const [from, to] of seen) if (to.size === 1) out.set(from, [...to][0]!);
  return out;
}

/** Reads the changed lines of the patch's modified code files (not tests) and finds the renames in them. */
export async function identifierRenames(roots: { before: string; after: string }, changes: ChangeSet, isTestFile: (file: string) => boolean): Promise<Map<string, string>> {
  const pairs: Array<[string, string]> = [];
  for (const f of changes.files) {
    if (f.status !== 'modified' || f.category !== 'code' || f.binary || f.formattingOnly || isTestFile(f.path)) continue;
    const [a, b] = await Promise.all(
      [roots.before, roots.after].map((root) => fs.readFile(path.join(root, f.path), 'utf8').then((s) => s.split('\n'), () => undefined)),
    );
    if (!a || !b) continue;
    for (const h of f.hunks) {
      if (h.oldLines !== h.newLines || h.oldLines === 0) continue;
      for (let i = 0; i < h.oldLines; i++) pairs.push([a[h.oldStart - 1 + i] ?? '', b[h.newStart - 1 + i] ?? '']);
    }
  }
  return renamesInLines(pairs);
}

/** The setups that run on the before source: their titles built from the source hold the old names. */
const ON_BEFORE_SOURCE: ReadonlySet<SetupName> = new Set(['before', 'new-tests-old-code']);

/**
 * Titles built from a name the patch renamed (`describe(parse.name, …)`, `parse` renamed to
 * `parseInput`): the same test reads `parse > …` on the before source and `parseInput > …` on the
 * after source. A test of a run on the before source whose title is not in the after run is filed
 * under its title with the renames applied, when exactly that title is in the after run and was
 * not in the before run (so it never takes the place of another test).
 *
 * Returns a function that does this in place (the records' path and id stay consistent, as for
 * renamed test files) to the runs it has not seen yet; the first call, once the first before and
 * after runs exist, fixes which titles each tree has.
 */
export function renamedTitleFiler(renames: IdentifierRenames): (runs: readonly SuiteRun[]) => void {
  if (renames.size === 0) return () => {};
  const names = [...renames.keys()].map((k) => k.replace(/[$]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w$])(?:${names.join('|')})(?![\\w$])`, 'g');
  const rename = (title: string): string => title.replace(pattern, (m) => renames.get(m) ?? m);
  let trees: { before: ReadonlySet<string>; after: ReadonlySet<string> } | undefined;
  const seen = new WeakSet<SuiteRun>();
  return (runs) => {
    if (!trees) {
      const after = runs.find((r) => r.setup === 'after' && r.attempt === 0);
      const before = runs.find((r) => r.setup === 'before' && r.attempt === 0);
      if (!after || !before || after.status === 'crashed') return;
      trees = { before: new Set(before.tests.keys()), after: new Set(after.tests.keys()) };
    }
    const { before, after } = trees;
    for (const run of runs) {
      if (seen.has(run)) continue;
      seen.add(run);
      if (!ON_BEFORE_SOURCE.has(run.setup)) continue;
      let changed = false;
      const tests = new Map<string, TestRecord>();
      for (const [id, t] of run.tests) {
        const renamed = after.has(id) ? t.path : t.path.map(rename);
        const to = testId(t.project, t.file, renamed);
        if (to !== id && after.has(to) && !before.has(to) && !run.tests.has(to) && !tests.has(to)) {
          tests.set(to, { ...t, path: renamed, id: to });
          changed = true;
        } else tests.set(id, t);
      }
      if (changed) run.tests = tests;
    }
  };
}
