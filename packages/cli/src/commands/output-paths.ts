import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '@patchprobe/core';
import type { CiOutputs } from '../parse-argv.js';

/** An output a command will write once the run is over: a file (`--json FILE`) or a folder (`--mutation-report DIR`). */
export interface OutputPath {
  /** The flag, with its dashes: `--json`. */
  flag: string;
  /** As given; `-` (stdout) and undefined are not checked. */
  target: string | undefined;
  kind?: 'file' | 'folder';
}

/**
 * Refuses, before anything runs, an output that could not be written at the end: its folder is
 * missing, is not a folder or is not writable, or a file output names a folder. Creates nothing.
 * A run of minutes that fails only when writing its report would waste all of it.
 */
export function checkOutputPaths(outputs: readonly OutputPath[]): void {
  for (const { flag, target, kind = 'file' } of outputs) {
    if (target === undefined || target === '-') continue;
    const problem = outputProblem(target, kind);
    if (problem) throw new UsageError(`${flag} ${target}: ${problem.what}`, problem.remedy);
  }
}

const WRITABLE = 'pass a path in a writable folder';

function outputProblem(target: string, kind: 'file' | 'folder'): { what: string; remedy: string } | undefined {
  const abs = path.resolve(target);
  const stat = statOf(abs);
  if (stat?.isDirectory()) {
    if (kind === 'file') return { what: 'is a folder', remedy: `pass a file name, e.g. ${path.join(target, 'patchprobe-report')}` };
    const why = notWritable(abs);
    return why === undefined ? undefined : { what: `cannot write to ${target} (${why})`, remedy: WRITABLE };
  }
  if (stat && kind === 'folder') return { what: 'is a file, not a folder', remedy: 'pass a folder (it is created when missing)' };
  const fileWhy = stat ? notWritable(abs) : undefined;
  if (fileWhy !== undefined) return { what: `cannot write to ${target} (${fileWhy})`, remedy: 'make the file writable, or pass another path' };
  const parent = path.dirname(abs);
  const shownParent = path.dirname(target) === '.' ? '.' : path.dirname(target);
  const parentStat = statOf(parent);
  if (!parentStat) return { what: `the folder ${shownParent} does not exist`, remedy: `create it first, or ${WRITABLE}` };
  if (!parentStat.isDirectory()) return { what: `${shownParent} is not a folder`, remedy: WRITABLE };
  const parentWhy = notWritable(parent);
  if (parentWhy !== undefined) return { what: `cannot write to ${shownParent} (${parentWhy})`, remedy: WRITABLE };
  return undefined;
}

function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    // ENOENT, or ENOTDIR: a path under a regular file; it does not exist either.
    return undefined;
  }
}

/** Why `p` cannot be written (as a user reads it), or undefined when it can. */
function notWritable(p: string): string | undefined {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EROFS' ? 'read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'not writable');
  }
}

/** The report files of `gate` and `merge`, as checkOutputPaths takes them. */
export function ciOutputPaths(outputs: CiOutputs): OutputPath[] {
  return (['json', 'summary', 'sarif', 'html'] as const).map((k) => ({ flag: `--${k}`, target: outputs[k] }));
}
