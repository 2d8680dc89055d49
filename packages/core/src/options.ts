import path from 'node:path';
import { UsageError } from './errors.js';
import type { ProgressListener } from './events.js';
import type { Verdict } from './report/report.js';

/** Options as a caller writes them. Everything is optional except what makes "after". */
export interface VerifyOptions {
  /** The project under test: a folder inside a git repository. @default process.cwd() */
  cwd?: string;
  /** The revision before the patch. @default 'HEAD' */
  base?: string;
  /** The revision after the patch. Without `head` and `patch`, "after" is the working tree (untracked, non-ignored files included). */
  head?: string;
  /** A unified diff (git format) applied on top of `base` to make "after". */
  patch?: string;
  /** How often a test whose outcome changed is rerun in each setup to rule out flakiness. @default 2 */
  reruns?: number;
  /** Wall-clock limit for one vitest run, in milliseconds. @default 600000 */
  suiteTimeoutMs?: number;
  /** Globs (repository-relative) of the files the patch was meant to change; behaviour changes elsewhere are flagged. */
  scope?: string[];
  /** Run the project's TypeScript on both versions and report new errors. @default true */
  typecheck?: boolean;
  /** Time limit for the type-check delta, in milliseconds; past it the stage is skipped and says so. @default 60000 */
  typecheckTimeoutMs?: number;
  /** Run property probes: before vs after of every semantically changed function on generated inputs. @default true */
  probes?: boolean;
  /** Generated inputs per probed function. @default 200 */
  probeRuns?: number;
  /** Limit for one call of a probed function, in milliseconds. @default 1000 */
  probeTimeoutMs?: number;
  /** Seed of the probes' input generation; the same seed gives the same inputs. @default 1 */
  probeSeed?: number;
  /** Run mutation probes: StrykerJS on the touched declarations, to measure what the tests pin. @default true */
  mutation?: boolean;
  /** Mutants per Stryker run at most; past it whole lines are sampled evenly over the declarations. @default 100 */
  maxMutants?: number;
  /** A touched declaration whose mutation score (percent) is below this is an `untested-change`. @default 60 */
  minMutationScore?: number;
  /** Wall-clock budget of the mutation stage (both runs), in milliseconds. @default 300000 */
  mutationTimeoutMs?: number;
  /** Write StrykerJS's HTML report of the touched code here (index.html; before.html when the before run happened). */
  mutationReportDir?: string;
  /** Keep the temporary copies for inspection instead of removing them. @default false */
  keepTemp?: boolean;
  /**
   * Folder of the baseline cache: the before tree's results are stored there and reused by a later
   * run on the same base (same tree, lockfile, vitest config and versions). Absent: no cache, and
   * nothing is written outside the temporary folder. The CLI's `gate` passes
   * `<project>/node_modules/.cache/patchprobe`.
   */
  cacheDir?: string;
  /** Run slice `index` (1-based) of `count` of each suite run: for `runShard`, not `verifyPatch`. */
  shard?: { index: number; count: number };
  /** Aborting cancels the run: child processes are killed and temporary copies removed. */
  signal?: AbortSignal;
  onEvent?: ProgressListener;
}

export interface ResolvedVerifyOptions {
  cwd: string;
  base: string;
  after: { kind: 'worktree' } | { kind: 'revision'; rev: string } | { kind: 'patch'; file: string };
  reruns: number;
  suiteTimeoutMs: number;
  scope: string[] | undefined;
  typecheck: boolean;
  typecheckTimeoutMs: number;
  probes: boolean;
  probeRuns: number;
  probeTimeoutMs: number;
  probeSeed: number;
  mutation: boolean;
  maxMutants: number;
  minMutationScore: number;
  mutationTimeoutMs: number;
  mutationReportDir: string | undefined;
  keepTemp: boolean;
  /** Absolute. */
  cacheDir: string | undefined;
  shard: { index: number; count: number } | undefined;
  signal: AbortSignal | undefined;
  onEvent: ProgressListener | undefined;
}

export const VERDICTS: readonly Verdict[] = ['substantive', 'cosmetic', 'regressive'];

export function resolveOptions(raw: VerifyOptions): ResolvedVerifyOptions {
  if (raw.head !== undefined && raw.patch !== undefined) {
    throw new UsageError('--head and --patch cannot be used together', 'pass --head REV to compare two revisions, or --patch FILE to apply a diff on --base');
  }
  const reruns = raw.reruns ?? 2;
  if (!Number.isInteger(reruns) || reruns < 0 || reruns > 20) throw new UsageError(`reruns must be a whole number from 0 to 20, got ${reruns}`);
  const suiteTimeoutMs = raw.suiteTimeoutMs ?? 600_000;
  if (!(suiteTimeoutMs > 0)) throw new UsageError(`suite timeout must be positive, got ${suiteTimeoutMs}`);
  const probeRuns = raw.probeRuns ?? 200;
  if (!Number.isInteger(probeRuns) || probeRuns < 1 || probeRuns > 1_000_000) throw new UsageError(`probe runs must be a whole number from 1 to 1000000, got ${probeRuns}`);
  const probeTimeoutMs = raw.probeTimeoutMs ?? 1000;
  if (!(probeTimeoutMs >= 10)) throw new UsageError(`probe timeout must be at least 10 ms, got ${probeTimeoutMs}`);
  const probeSeed = raw.probeSeed ?? 1;
  if (!Number.isInteger(probeSeed)) throw new UsageError(`probe seed must be a whole number, got ${probeSeed}`);
  const shard = raw.shard;
  if (shard !== undefined && !(Number.isInteger(shard.count) && Number.isInteger(shard.index) && shard.count >= 1 && shard.count <= 1000 && shard.index >= 1 && shard.index <= shard.count)) {
    throw new UsageError(`shard must be i/n with 1 ≤ i ≤ n ≤ 1000, got ${shard.index}/${shard.count}`, 'pass --shard 1/2, then --shard 2/2, and merge the two results');
  }
  if (raw.cacheDir !== undefined && raw.cacheDir.trim() === '') throw new UsageError('the cache folder must not be empty', 'pass a folder, or leave the option out to run without a cache');
  const maxMutants = raw.maxMutants ?? 100;
  if (!Number.isInteger(maxMutants) || maxMutants < 1 || maxMutants > 100_000) throw new UsageError(`max mutants must be a whole number from 1 to 100000, got ${maxMutants}`);
  const minMutationScore = raw.minMutationScore ?? 60;
  if (!(minMutationScore >= 0 && minMutationScore <= 100)) throw new UsageError(`min mutation score must be a percentage from 0 to 100, got ${minMutationScore}`);
  const mutationTimeoutMs = raw.mutationTimeoutMs ?? 300_000;
  if (!(mutationTimeoutMs >= 10_000)) throw new UsageError(`mutation timeout must be at least 10 s, got ${mutationTimeoutMs / 1000} s`);
  return {
    cwd: raw.cwd ?? process.cwd(),
    base: raw.base ?? 'HEAD',
    after: raw.patch !== undefined ? { kind: 'patch', file: raw.patch } : raw.head !== undefined ? { kind: 'revision', rev: raw.head } : { kind: 'worktree' },
    reruns,
    suiteTimeoutMs,
    scope: raw.scope && raw.scope.length > 0 ? raw.scope : undefined,
    typecheck: raw.typecheck ?? true,
    typecheckTimeoutMs: raw.typecheckTimeoutMs ?? 60_000,
    probes: raw.probes ?? true,
    probeRuns,
    probeTimeoutMs,
    probeSeed,
    mutation: raw.mutation ?? true,
    maxMutants,
    minMutationScore,
    mutationTimeoutMs,
    mutationReportDir: raw.mutationReportDir,
    keepTemp: raw.keepTemp ?? false,
    cacheDir: raw.cacheDir === undefined ? undefined : path.resolve(raw.cacheDir),
    shard: shard === undefined ? undefined : { index: shard.index, count: shard.count },
    signal: raw.signal,
    onEvent: raw.onEvent,
  };
}
