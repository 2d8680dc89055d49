import type { FindingKind } from './finding-kinds.js';

/**
 * Findings are the evidence every stage contributes. The verdict is a pure function of them,
 * so a later stage (static analysis, probes, mutation) adds findings without rewriting earlier ones.
 * Each kind's facts (stage, verdict role, SARIF rule, docs) are declared once, in finding-kinds.ts.
 */
export { FINDING_KINDS, type FindingKind } from './finding-kinds.js';

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
  /**
   * On a `masked-regression`: the fail-to-pass test whose failure on the old code is this test's
   * failure on the new code reversed (the same values, expected and received swapped;
   * suites/mirror.ts), as "file > suite > title". The verdict stage reads it as a changed
   * specification when nothing weakened the test (verdict/spec-change.ts).
   */
  mirroredBy?: string;
}
