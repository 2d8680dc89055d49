import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheDir } from '../../process/code-cache.js';
import { runInProcessGroup, type GroupRunResult } from '../../process/processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(here, '..', '..', '..', 'assets', 'tsc-trees.mjs');

export interface TreeSide {
  label: 'before' | 'after';
  /** Real path of the project folder in the copy (tsc's cwd and `-p` folder). */
  project: string;
  /** Real path of the copy's root: files under it are the tree's own, never shared. */
  root: string;
  /**
   * Check only the files where the first side has diagnostics (under their old names: `renames`,
   * repository-relative new path → old path), and none when it has none (assets/tsc-trees.mjs).
   */
  scoped?: { renames: Record<string, string> };
  /**
   * The first side only: check it only in the files the patch changes when no other file's
   * diagnostics can change (every changed file keeps its declared shape, none touches the global
   * scope; assets/tsc-trees.mjs `narrowed`). Its run then has `scope`; the before side is checked
   * with it, and the whole trees again when the narrowed check finds an error the before lacks.
   */
  incremental?: { files: ReadonlyArray<{ path: string; status: string; oldPath?: string | undefined }>; before: { project: string; root: string } };
}

/**
 * Not a tree: the old versions of the type tests the patch removed or edited, type-checked in the
 * after tree at their old paths, and the same files in the before tree (`baseline`).
 */
export interface OldTypeTestsSide {
  label: 'old-type-tests';
  /** The after copy, as in its TreeSide. */
  project: string;
  root: string;
  /** Repository-relative old path of each type test file. */
  overlay: Array<{ file: string }>;
  /** A folder holding their base-commit texts at those paths (not the before copy, whose test files the suites swap meanwhile). */
  source: string;
  /** The before copy. */
  baseline: { project: string; root: string };
}

/** An old type test that type-checks on the old code and not on the new: its first error there. */
export interface OldTypeTestFailure {
  file: string;
  /** `file > describe > test`. */
  test: string;
  line: number;
  code: number;
  message: string;
}

/** What tsc printed for one tree, as a tsc process of its own would have (`--pretty false`). */
export type SideRun = Pick<GroupRunResult, 'exitCode' | 'stdout' | 'stderr' | 'timedOut'> & {
  /** Files this side took already parsed from an earlier side (the library, packages' declarations). */
  reused?: number;
  /** A `scoped` or narrowed (`incremental`) side: the repository-relative files it checked (absent: the whole tree). */
  scope?: string[];
};

export type TreesOutcome =
  | { status: 'ran'; runs: Map<'before' | 'after', SideRun>; oldTypeTests?: OldTypeTestFailure[] }
  | { status: 'unsupported'; reason: string };

/**
 * `tsc --noEmit -p tsconfig.json` on each side, in order, in one process of the project's own
 * TypeScript (`typescriptPackageJson`), the later side reusing the earlier one's parsed library and
 * package declarations (assets/tsc-trees.mjs); a `scoped` side checks only the files where the first
 * side has diagnostics. Half the CPU of two tsc processes on a small project,
 * about the same wall time. On a timeout the sides that finished keep their output and the others
 * are `timedOut`. `unsupported` when that TypeScript lacks the API: the caller runs tsc itself.
 */
export async function runTscTrees(
  sides: ReadonlyArray<TreeSide | OldTypeTestsSide>,
  options: { typescriptPackageJson: string; env: Record<string, string | undefined>; timeoutMs: number; cpuLimitMs?: number | undefined; signal?: AbortSignal | undefined },
): Promise<TreesOutcome> {
  const job = JSON.stringify({ typescript: options.typescriptPackageJson, sides, codeCacheDir: codeCacheDir() });
  const run = await runInProcessGroup(process.execPath, [CHILD, job], { cwd: sides[0]!.project, env: options.env, timeoutMs: options.timeoutMs, cpuLimitMs: options.cpuLimitMs, signal: options.signal });
  const runs = new Map<'before' | 'after', SideRun>();
  let oldTypeTests: OldTypeTestFailure[] | undefined;
  for (const line of run.stdout.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: { unsupported?: string; label?: 'before' | 'after' | 'old-type-tests'; text?: string; errors?: number; reused?: number; scope?: string[]; failing?: OldTypeTestFailure[] };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      continue;
    }
    if (parsed.unsupported !== undefined) return { status: 'unsupported', reason: parsed.unsupported };
    if (parsed.label === 'old-type-tests') oldTypeTests = parsed.failing ?? [];
    else if (parsed.label !== undefined) runs.set(parsed.label, { exitCode: (parsed.errors ?? 0) > 0 ? 2 : 0, stdout: parsed.text ?? '', stderr: '', timedOut: false, reused: parsed.reused ?? 0, ...(parsed.scope ? { scope: parsed.scope } : {}) });
  }
  for (const side of sides) {
    if (side.label === 'old-type-tests' || runs.has(side.label)) continue;
    // The child died or ran out of time before this side: the same shapes a tsc process would give.
    runs.set(side.label, { exitCode: run.exitCode === 0 ? 1 : run.exitCode, stdout: '', stderr: run.stderr, timedOut: run.timedOut });
  }
  return { status: 'ran', runs, ...(oldTypeTests ? { oldTypeTests } : {}) };
}
