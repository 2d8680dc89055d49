import fs from 'node:fs';
import path from 'node:path';
import { runToJson } from '../cache/suite-run-json.js';
import type { ChangeSet } from '../diff/change-set.js';
import type { Report } from '../report/report.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { compareRuns } from '../suites/compare.js';
import type { MatrixResult } from '../suites/matrix.js';
import type { PartialSuites } from './partial.js';

/** Test files larger than this are not sent to the merge (their findings then carry no line). */
const MAX_SOURCE_BYTES = 1_000_000;

/** What a shard sends of its suite runs: the runs, and the test files whose findings point at lines. */
export function suitesOf(matrix: MatrixResult, snapshot: Snapshot): PartialSuites {
  // The files whose tests changed outcome here: the findings about them point at lines in them.
  const changed = [...new Set(compareRuns(matrix.runs, matrix.testFiles).changes.map((c) => c.file))].sort();
  const sources: PartialSuites['sources'] = {};
  for (const file of changed) {
    const entry: { before?: string; after?: string } = {};
    const after = readSmall(path.join(snapshot.afterTree.root, file));
    const before = readSmall(path.join(snapshot.before.root, file));
    if (after !== undefined) entry.after = after;
    if (before !== undefined) entry.before = before;
    sources[file] = entry;
  }
  return {
    vitest: { version: matrix.vitest.version, major: matrix.vitest.major },
    runs: matrix.runs.map((r) => runToJson(r)),
    testFiles: matrix.testFiles,
    owned: matrix.owned ?? [],
    completed: matrix.completed ?? [],
    sources,
  };
}

function readSmall(file: string): string | undefined {
  try {
    if (fs.statSync(file).size > MAX_SOURCE_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The lines each changed code file gained, as the probe stage reads them (run-probe-stage.ts addedLinesOf). */
export function addedLines(changes: ChangeSet, afterRoot: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const change of changes.files) {
    if (change.status === 'deleted' || change.category !== 'code') continue;
    try {
      const text = fs.readFileSync(path.join(afterRoot, change.path), 'utf8').split('\n');
      out[change.path] = change.hunks.flatMap((h) => text.slice(h.newStart - 1, h.newStart - 1 + h.newLines));
    } catch {
      out[change.path] = [];
    }
  }
  return out;
}

/** The report's subject, as build-report.ts writes it. */
export function subjectOf(snapshot: Snapshot): Report['subject'] {
  const after = snapshot.after;
  return {
    repository: snapshot.repo.root,
    project: snapshot.repo.projectDir,
    base: snapshot.base,
    after: after.kind === 'revision' ? { kind: 'revision', rev: after.rev, commit: after.commit ?? '' } : after.kind === 'patch' ? { kind: 'patch', file: after.file } : { kind: 'worktree' },
  };
}
