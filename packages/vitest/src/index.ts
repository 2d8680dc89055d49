/**
 * @patchprobe/vitest — patchprobe inside vitest.
 *
 * This release ships the package and its public types only; the plugin itself (base-version
 * imports, the `toBehaveLike` matcher and the live verdict after every run) is being built.
 * See README.md for the plan and the status.
 */

/** The import query that loads a module as it was at the base revision: `import * as before from './slug.ts?patchprobe=base'`. */
export const BASE_QUERY = 'patchprobe=base';

export type Verdict = 'substantive' | 'cosmetic' | 'regressive';

/** Options of the planned `patchprobe()` vitest plugin. */
export interface PatchprobePluginOptions {
  /** The revision to compare against. @default 'HEAD' (the uncommitted change) */
  base?: string;
  /** Verdicts that fail the test run. @default [] */
  failOn?: Verdict[];
  /** Property probe budget. */
  probes?: { runs?: number; timeoutMs?: number };
  /** How much of the verdict to print after each run. @default 'summary' */
  report?: 'summary' | 'full' | 'off';
}
