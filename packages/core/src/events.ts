import type { SetupName } from './suites/types.js';

export type StageName = 'snapshot' | 'diff' | 'suites' | 'typecheck' | 'static' | 'probes' | 'mutation' | 'verdict' | 'report';

/** Progress events: the library never prints; the CLI (or any caller) renders these. */
export type ProgressEvent =
  | { type: 'workspace'; dir: string; kept: boolean }
  /** Workspaces of runs killed before they could clean up, removed at the start of this run. */
  | { type: 'stale-workspaces-removed'; count: number; bytes: number }
  | { type: 'stage-start'; stage: StageName }
  | { type: 'stage-end'; stage: StageName; durationMs: number }
  | { type: 'suite-run-start'; setup: SetupName; files: 'all' | number; attempt: number }
  | { type: 'suite-run-end'; setup: SetupName; attempt: number; durationMs: number; tests: number; status: 'ok' | 'crashed' };

export type ProgressListener = (event: ProgressEvent) => void;
