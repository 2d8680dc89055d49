/**
 * Findings are the evidence every stage contributes. The verdict is a pure function of them,
 * so a later stage (static analysis, probes, mutation) adds findings without rewriting earlier ones.
 */
export const FINDING_KINDS = [
  // change facts (diff stage)
  'no-change',
  'source-changed',
  'source-formatting-only',
  'docs-changed',
  'test-file-changed',
  'dependencies-changed',
  // suite matrix
  'test-broken',
  'test-disabled',
  'test-removed',
  'test-skipped',
  'masked-regression',
  'suite-crashed',
  'test-fixed',
  'fail-to-pass',
  'test-passes-on-old-code',
  'test-edited-to-pass',
  'new-test-fails',
  'test-outcome-changed',
  'test-flaky',
  'unhandled-error',
  'no-tests',
  'vitest-workspace-ignored',
  // static evidence (packages/core/src/static/)
  'source-equivalent',
  'declaration-changed',
  'declaration-added',
  'declaration-removed',
  'declaration-renamed',
  'declaration-moved',
  'type-error',
  'invented-api',
  'unknown-package',
  'typecheck-skipped',
  'tamper-test-removed',
  'tamper-test-disabled',
  'tamper-only-added',
  'tamper-assertions-reduced',
  'tamper-expected-changed',
  'tamper-matcher-loosened',
  'tamper-snapshot-rewritten',
  'tamper-mock-missing',
  'blast-radius',
  'unrelated-change',
  'change-spread',
  'stage-failed',
  // property probes (packages/core/src/probes/)
  'probe-diverged',
  'probe-crash',
  'probe-degenerate',
  'probe-new-validation',
  'probe-returns-undefined',
  'probe-argument-mutated',
  'probe-equivalent',
  'probe-nondeterministic',
  'probe-inconclusive',
  // mutation probes (packages/core/src/mutation/)
  'mutation-score',
  'mutation-survivor',
  'untested-change',
  'tests-weakened',
  'mutation-skipped',
  // baseline cache (packages/core/src/cache/)
  'cache-ignored',
  // verdict stage
  'missing-evidence',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];
export type Severity = 'info' | 'warning' | 'error';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** One sentence a reviewer (or an agent's next prompt) can act on. */
  message: string;
  /** Path relative to the repository root. */
  file?: string;
  line?: number;
  /** The test this finding is about, as "file > suite > title". */
  test?: string;
  /** The declaration this finding is about, as "src/cart.ts#Cart.total". */
  symbol?: string;
}
