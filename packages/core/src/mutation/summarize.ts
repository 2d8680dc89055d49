import fs from 'node:fs';
import path from 'node:path';
import { owningDeclaration, type DeclarationRange } from './ranges.js';
import type { RawMutant } from './run-stryker.js';
import type { MutantEntry, MutantStatus, MutationCounts, MutationSide } from './types.js';

const STATUS: Partial<Record<RawMutant['status'], MutantStatus>> = {
  Killed: 'killed',
  Survived: 'survived',
  NoCoverage: 'no-coverage',
  Timeout: 'timeout',
  RuntimeError: 'error',
  CompileError: 'error',
};

/**
 * Which tests of a run are old and which are new, when the old versions of edited (or deleted) test
 * files ran next to the new ones (project-relative paths, as in StrykerJS's test ids).
 */
export interface TestSets {
  /** The file an old version ran under → the file it is the old version of. */
  old: ReadonlyMap<string, string>;
  /** Files only the new tests have: the new versions of edited test files, and added test files. */
  newOnly: ReadonlySet<string>;
}

/**
 * Stryker's mutants as report entries, each tied to the touched declaration that holds it. With
 * `tests` (a run of the old and the new tests together, without bail), `status` and `killedBy` are
 * the new tests' (every test but the old versions), `oldStatus` and `killedByOld` the old tests'.
 */
export function toEntries(raw: readonly RawMutant[], side: MutationSide, ranges: readonly DeclarationRange[], projectRoot: string, tests?: TestSets, sourceRoot = projectRoot): MutantEntry[] {
  const texts = new Map<string, string[]>();
  const linesOf = (file: string): string[] => {
    let lines = texts.get(file);
    if (!lines) {
      try {
        lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
      } catch {
        lines = [];
      }
      texts.set(file, lines);
    }
    return lines;
  };
  const out: MutantEntry[] = [];
  for (const m of raw) {
    // A "survivor" whose run completed no test was never measured (stryker-js#6213, vitest runner at
    // low worker counts): it must not lower the score, so it counts as an error.
    const measured = m.status === 'Survived' && m.testsCompleted === 0 ? 'error' : STATUS[m.status];
    if (!measured) continue;
    const split = tests ? splitKills(m, measured, tests) : undefined;
    const status = split ? split.status : measured;
    const projectFile = path.relative(projectRoot, m.fileName).split(path.sep).join('/');
    const owner = owningDeclaration(ranges, projectFile, m.location.start.line);
    if (!owner) continue;
    const entry: MutantEntry = {
      side,
      symbol: owner.symbol,
      file: owner.file,
      line: m.location.start.line,
      column: m.location.start.column,
      mutator: m.mutatorName,
      // From the untouched tree: a run the budget stopped leaves StrykerJS's instrumented files in its copy.
      original: snippet(linesOf(path.join(sourceRoot, projectFile)), m.location),
      replacement: oneLine(m.replacement),
      status,
    };
    if (split) {
      if (split.killedBy.length) entry.killedBy = split.killedBy.map(testName);
      entry.oldStatus = split.oldStatus;
      if (split.killedByOld.length) entry.killedByOld = split.killedByOld.map(testName);
    } else if (status === 'killed' && m.killedBy?.length) entry.killedBy = m.killedBy.map(testName);
    out.push(entry);
  }
  // Mutants at one place come back in the order their runs finished: mutator and replacement make
  // the order the same from run to run.
  return out.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.mutator.localeCompare(b.mutator) || a.replacement.localeCompare(b.replacement),
  );
}

/**
 * One mutant's result under the new tests and under the old tests, from a run of both without bail
 * (killedBy lists every test that failed). A test file both sets share (unchanged, or renamed as is)
 * counts for both. A timeout, or a kill StrykerJS names no test for, cannot be split: both count it.
 */
function splitKills(m: RawMutant, status: MutantStatus, tests: TestSets): { status: MutantStatus; oldStatus: MutantStatus; killedBy: string[]; killedByOld: string[] } {
  if (status !== 'killed' || !m.killedBy?.length) return { status, oldStatus: status, killedBy: m.killedBy ?? [], killedByOld: [] };
  const fileOf = (id: string): string => (id.includes('#') ? id.slice(0, id.indexOf('#')) : id);
  const killedBy = m.killedBy.filter((id) => !tests.old.has(fileOf(id)));
  // Named by the file the old version belongs to: the stand-in name is an artefact of the run.
  const killedByOld = m.killedBy.filter((id) => tests.old.has(fileOf(id))).map((id) => `${tests.old.get(fileOf(id))}${id.slice(fileOf(id).length)}`);
  const shared = killedBy.some((id) => !tests.newOnly.has(fileOf(id)));
  return { status: killedBy.length > 0 ? 'killed' : 'survived', oldStatus: killedByOld.length > 0 || shared ? 'killed' : 'survived', killedBy, killedByOld };
}

export function countMutants(entries: readonly MutantEntry[]): MutationCounts {
  const n = (s: MutantStatus): number => entries.filter((e) => e.status === s).length;
  const c = { mutants: entries.length, killed: n('killed'), survived: n('survived'), noCoverage: n('no-coverage'), timeout: n('timeout'), errors: n('error') };
  const judged = c.mutants - c.errors;
  return { ...c, score: judged > 0 ? Math.round(((c.killed + c.timeout) / judged) * 1000) / 10 : null };
}

/** "`src/cart.ts:42` `total > limit` → `total >= limit` survived" */
export function describeMutant(m: MutantEntry): string {
  const what = m.status === 'no-coverage' ? 'is reached by no test' : m.status;
  return `\`${m.file}:${m.line}\` \`${m.original}\` → \`${m.replacement}\` ${what}`;
}

const MAX_SNIPPET = 80;

/** Stryker's result locations are 1-based in lines and columns (mutation-testing-report-schema). */
function snippet(lines: readonly string[], loc: RawMutant['location']): string {
  const first = lines[loc.start.line - 1] ?? '';
  const text = loc.start.line === loc.end.line ? first.slice(loc.start.column - 1, loc.end.column - 1) : `${first.slice(loc.start.column - 1)} …`;
  return oneLine(text);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SNIPPET ? `${flat.slice(0, MAX_SNIPPET - 1)}…` : flat;
}

/** Stryker's test ids are "file#suite title" joined with spaces; the report's test names use " > ". */
function testName(id: string): string {
  const i = id.indexOf('#');
  return i < 0 ? id : `${id.slice(0, i)} > ${id.slice(i + 1)}`;
}
