export type Verdict = 'substantive' | 'cosmetic' | 'regressive';

/** Options of the `patchprobe()` vitest plugin. */
export interface PatchprobePluginOptions {
  /** The revision to compare the working tree with, and to load `?patchprobe=base` imports from. @default 'HEAD' (the uncommitted change) */
  base?: string;
  /** Verdicts that fail the test run. @default [] (the verdict is shown, never fails the run) */
  failOn?: Verdict[];
  /** Property probes of the live verdict: generated inputs per changed function, per-call limit, or off. */
  probes?: { runs?: number; timeoutMs?: number; enabled?: boolean };
  /** How much of the verdict to print after each run: one block, every finding, or nothing. @default 'summary' */
  report?: 'summary' | 'full' | 'off';
}
