import fs from 'node:fs';
import type { FileBaselineCache } from '../cache/baseline-cache.js';
import type { ChangeSet } from '../diff/change-set.js';
import type { MutationEvidence } from '../mutation/run-mutation-stage.js';
import type { StrykerPrestart } from '../mutation/run-stryker.js';
import type { ResolvedVerifyOptions } from '../options.js';
import type { ProbeEvidence } from '../probes/run-probe-stage.js';
import type { Report, ReportFile } from '../report/report.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { TempWorkspace } from '../snapshot/temp-workspace.js';
import type { StaticEvidence } from '../static/run-static.js';
import type { TscOutcome } from '../static/typecheck/typecheck.js';
import type { Comparison } from '../suites/compare.js';
import type { MatrixResult } from '../suites/matrix.js';
import type { VitestHost } from '../suites/vitest-host.js';
import type { Decision } from '../verdict/decide.js';
import type { Finding } from '../verdict/finding.js';
import type { StageName } from '../events.js';
import type { InspectSession } from './inspect-session.js';

export const VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** What a run of the pipeline is told: the resolved options, plus what a configuration overrides. */
export interface PipelineSettings extends ResolvedVerifyOptions {
  /**
   * No suite runs in this configuration (the plugin's live inspection): which repository-relative
   * files are tests comes from here instead, and the verdict's reasons do not speak of test outcomes.
   */
  withoutSuites?: { testFiles: (snapshot: Snapshot) => (file: string) => boolean } | undefined;
  /** inspectChange's session: its kept vitest processes run the recording and the probe runs. */
  session?: InspectSession | undefined;
}

/**
 * What the stages produced so far; each stage reads what it `needs` and adds its own keys. A key
 * is missing when its stage was skipped (nothing changed, turned off, or not in this configuration).
 */
export interface PipelineState {
  snapshot: Snapshot;
  changes: ChangeSet;
  /** A shard's fingerprint of the subject, taken before any test ran (shard/partial.ts). */
  fingerprint: string;
  /** The baseline cache, when a cache folder was given and its key could be computed. */
  cache: FileBaselineCache;
  /** Warnings from opening the cache (it is never required). */
  cacheFindings: Finding[];
  /** tsc on both trees (started beside the suite runs; the static stage reads the delta from it). */
  tsc: TscOutcome;
  matrix: MatrixResult;
  comparison: Comparison;
  /** Findings about the project's vitest setup (from the suites stage). */
  environmentFindings: Finding[];
  static: StaticEvidence;
  probes: ProbeEvidence;
  mutation: MutationEvidence;
  files: ReportFile[];
  /** Every finding, in report order (test evidence first). */
  evidence: Finding[];
  decision: Decision;
  report: Report;
}

export type StateKey = keyof PipelineState;

export interface PipelineContext {
  settings: PipelineSettings;
  /** The private workspace: both copies and every stage's scratch folders live under it. */
  workspace: TempWorkspace;
  /** Scratch folders under the workspace, created before the first stage. */
  dirs: { runs: string; tmp: string; probes: string; mutation: string };
  state: Partial<PipelineState>;
  /** Milliseconds per stage that ran, filled in as they finish (the report reads it by reference). */
  timings: Partial<Record<StageName, number>>;
  /** performance.now() when the run started. */
  startedAt: number;
  /**
   * The after tree's warm vitest, lent by the suites stage to the probes (which close it when they
   * are done); the pipeline closes it at the end of a run that did not get that far.
   */
  hosts: { after?: VitestHost | undefined };
  /**
   * The StrykerJS child, started by the suites stage to load while they run and taken by the
   * mutation stage; the pipeline kills it at the end of a run that did not take it.
   */
  prestarted: { stryker?: StrykerPrestart | undefined };
}

/**
 * One stage of the pipeline: its name (for timings and progress events), the state it needs (a
 * stage whose needs are missing is skipped, untimed), when it applies, and `run`, which returns
 * the state it adds.
 */
export interface Stage<N extends StateKey = StateKey> {
  name: StageName;
  needs: readonly N[];
  /** False: the configuration or the options leave this stage out (not timed, no events). */
  enabled?: (ctx: PipelineContext, input: Pick<PipelineState, N>) => boolean;
  /**
   * Keys the stage reads from `ctx.state` when they are there, without needing them: a background
   * stage that produces one is waited for before this stage starts.
   */
  waitsFor?: readonly StateKey[];
  /** Not timed and no progress events: a step too small to show on its own (the type-check delta once tsc is done). */
  quiet?: true;
  run: (ctx: PipelineContext, input: Pick<PipelineState, N>) => Promise<Partial<PipelineState>> | Partial<PipelineState>;
}

/** Declares a stage with its `needs` typed into the input `run` receives. */
export function defineStage<const N extends StateKey>(stage: Stage<N>): Stage<N> {
  return stage;
}
