import type { FileCategory, FileStatus } from '../diff/change-set.js';
import type { StageName } from '../events.js';
import type { TestChange } from '../suite/compare.js';
import type { SetupName } from '../suite/types.js';
import type { Finding } from '../verdict/finding.js';
import type { BlastRadiusEntry } from '../static/blast-radius.js';
import type { DeclarationChange } from '../static/types.js';
import type { ProbeReportEntry } from '../probes/run-probe-stage.js';
import type { MutationReport } from '../mutation/types.js';

export type Verdict = 'substantive' | 'cosmetic' | 'regressive';
export type Confidence = 'high' | 'medium' | 'low';
export const SCHEMA_VERSION = 1;

export interface TestCounts {
  pass: number;
  fail: number;
  skip: number;
  todo: number;
}

export interface ReportRun {
  setup: SetupName;
  label: string;
  attempt: number;
  files: 'all' | string[];
  status: 'ok' | 'crashed';
  crashMessage?: string;
  /** Present (true) when the run was reused from the baseline cache; its durationMs is then 0. */
  cached?: true;
  durationMs: number;
  counts: TestCounts;
}

/**
 * The baseline cache: `off` without a cache folder (or when no suite ran), `hit` when every
 * before-tree result asked for was reused, `miss` when none was, `partial` otherwise.
 */
export interface ReportCache {
  status: 'off' | 'hit' | 'miss' | 'partial';
  /** sha256 of the before tree, lockfiles, vitest config, vitest/patchprobe/cache versions. */
  key?: string;
  dir?: string;
  /** Suite runs taken from the cache instead of being run. */
  reusedRuns?: number;
}

export interface ReportFile {
  path: string;
  oldPath?: string;
  status: FileStatus;
  role: 'source' | 'test' | 'docs';
  category: FileCategory;
  formattingOnly: boolean;
  additions: number;
  deletions: number;
}

/** The machine-readable result. report.schema.json in this package describes it; keep them in step. */
export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'patchprobe'; version: string };
  verdict: Verdict;
  confidence: Confidence;
  reasons: string[];
  findings: Finding[];
  subject: {
    repository: string;
    project: string;
    base: { rev: string; commit: string };
    after: { kind: 'worktree' } | { kind: 'revision'; rev: string; commit: string } | { kind: 'patch'; file: string };
  };
  changes: { files: ReportFile[] };
  tests: {
    vitestVersion: string | null;
    runs: ReportRun[];
    totals: { before: TestCounts | null; after: TestCounts | null };
    changed: TestChange[];
  };
  /** Static evidence: null when the stage did not run (no change). */
  static: {
    declarations: DeclarationChange[];
    typecheck: { status: 'ran' | 'skipped'; reason?: string; durationMs: number };
    blastRadius: BlastRadiusEntry[];
    timings: { declarations: number; tampering: number; typecheck: number; blastRadius: number };
  } | null;
  /** Property probes: null when the stage did not run (no code change, or --no-probes). */
  probes: {
    seed: number;
    runs: number;
    callTimeoutMs: number;
    functions: ProbeReportEntry[];
    uncovered: Array<{ symbol: string; reason: string }>;
    /** vitest processes the probes needed: 1, plus one per hang or crash. */
    processes: number;
    timings: { select: number; record: number; execute: number };
  } | null;
  /** Mutation probes of the touched declarations: null when the stage did not run (no code change, or --no-mutation). */
  mutation: MutationReport | null;
  cache: ReportCache;
  timings: Partial<Record<StageName, number>>;
  durationMs: number;
  /** A short plain-text summary fit for a PR comment or an AI agent's next prompt. */
  summary: string;
}
