import type { Verdict, VerifyOptions } from '@patchprobe/core';

export type { Verdict };

/**
 * Options of the `patchprobe()` vitest plugin. Those it shares with `patchprobe verify` (the base,
 * the probes' runs and time limit) have core's types and ranges (VerifyOptionsSchema); its
 * defaults are core's too (OPTION_DEFAULTS, INSPECT_DEFAULTS, FAIL_ON_DEFAULTS.plugin).
 */
export interface PatchprobePluginOptions {
  /** The revision to compare the working tree with, and to load `?patchprobe=base` imports from. @default 'HEAD' (the uncommitted change) */
  base?: VerifyOptions['base'];
  /** Verdicts that fail the test run. @default [] (the verdict is shown, never fails the run) */
  failOn?: Verdict[];
  /** Property probes of the live verdict: generated inputs per changed function, per-call limit, or off. */
  probes?: { runs?: VerifyOptions['probeRuns']; timeoutMs?: VerifyOptions['probeTimeoutMs']; enabled?: VerifyOptions['probes'] };
  /** How much of the verdict to print after each run: one block, every finding, or nothing. @default 'summary' */
  report?: 'summary' | 'full' | 'off';
}
