import path from 'node:path';
import type { DeclarationChange } from '../static/types.js';
import { isTypeTestFile } from '../suites/test-files.js';

/** A touched declaration's lines after the patch, project-relative (Stryker runs in the project folder). */
export interface DeclarationRange {
  symbol: string;
  /** Repository-relative, as everywhere in the report. */
  file: string;
  /** Relative to the project folder, as Stryker's `mutate` wants it. */
  projectFile: string;
  start: number;
  end: number;
}

const MUTABLE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * The declarations the run mutates, at their lines after the patch: every touched source declaration
 * whose behaviour may have changed (semantic, added, renamed, moved); formatting, types-only and
 * consistent renames are proven equivalent by the static stage and cost mutants for nothing. (Only
 * the code after the patch is mutated: the old tests are compared with the new ones on these same
 * mutants, issue 16.)
 */
export function declarationRanges(
  declarations: readonly DeclarationChange[],
  options: { projectDir: string; isTestFile: (file: string) => boolean },
): DeclarationRange[] {
  const prefix = options.projectDir ? `${options.projectDir}/` : '';
  const out: DeclarationRange[] = [];
  for (const d of declarations) {
    if (!['semantic', 'added', 'renamed', 'moved'].includes(d.change)) continue;
    const code = d.code.after;
    const file = d.file;
    if (!code || !MUTABLE.test(file) || file.endsWith('.d.ts') || isTypeTestFile(file) || options.isTestFile(file) || !file.startsWith(prefix)) continue;
    out.push({ symbol: d.symbol, file, projectFile: path.posix.relative(options.projectDir || '.', file), start: code.startLine, end: code.endLine });
  }
  return out;
}

/** Overlapping ranges (a function and a function nested in it) merged per file: Stryker gets each line once. */
export function mergeRanges(ranges: readonly DeclarationRange[]): Array<{ file: string; start: number; end: number }> {
  const sorted = [...ranges].sort((a, b) => a.projectFile.localeCompare(b.projectFile) || a.start - b.start);
  const out: Array<{ file: string; start: number; end: number }> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.file === r.projectFile && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ file: r.projectFile, start: r.start, end: r.end });
  }
  return out;
}

/** The innermost declaration holding a line: a mutant in a nested callback counts for the callback. */
export function owningDeclaration(ranges: readonly DeclarationRange[], projectFile: string, line: number): DeclarationRange | undefined {
  let best: DeclarationRange | undefined;
  for (const r of ranges) {
    if (r.projectFile !== projectFile || line < r.start || line > r.end) continue;
    if (!best || r.end - r.start < best.end - best.start) best = r;
  }
  return best;
}
