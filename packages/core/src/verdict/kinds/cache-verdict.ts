import { type FindingKindInfo, NONE } from './kind-info.js';

/** Finding kinds of the baseline cache and of the verdict stage itself (see ../finding-kinds.ts). */
export const CACHE_VERDICT_KINDS = {
  'cache-ignored': {
    stage: 'cache',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Baseline cache ignored', full: 'A cached baseline could not be used; the base was run again.' },
    doc: 'the baseline cache, or an entry of it, could not be used (the message says why); the base was run again',
  },
  'missing-evidence': {
    stage: 'verdict',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Missing evidence', full: 'Code changed but no test outcome changed, and the probes did not settle every changed function; names the evidence that would settle it.' },
    doc: 'code changed but no test outcome changed, and the probes did not settle every changed function; names the evidence that would settle it',
  },
} satisfies Record<string, FindingKindInfo>;
