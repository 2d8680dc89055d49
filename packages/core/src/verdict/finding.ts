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
}
