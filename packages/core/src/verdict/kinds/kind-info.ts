// The shape of one finding kind's entry in the registry (../finding-kinds.ts), and what entries share.
import type { Severity } from '../finding.js';

/** Points of a declaration's mutation score the mutants let through (killed by the old tests, not the new, on the same code) may make up before it counts as weakening. */
export const WEAKENED_DROP = 20;

/** Mutants of a declaration the old versions of edited tests must kill before tests-weakened can decide (issue 16). */
export const WEAKENED_MIN_MUTANTS = 5;

/** The stage that reports a kind: a pipeline stage (StageName in events.ts) or the baseline cache. */
export type FindingStage = 'diff' | 'suites' | 'static' | 'probes' | 'mutation' | 'cache' | 'verdict';

/** The sentence decideVerdict gives for n findings of a kind. */
export type Reason = (n: number) => string;

/** How decideVerdict (docs/verdict.md, "Rules") counts a kind. */
export type VerdictRole =
  /**
   * Rule 1: any such finding makes the patch regressive. Reasons are listed by rank (1 first). A
   * severity-gated kind counts only at severity error; warningWhen says when its producer reports a
   * warning instead (docs/verdict.md's severity column).
   */
  | { role: 'regressive'; rank: number; severityGated: false | { warningWhen: string }; reason: Reason }
  /** Rule 2: with a code change, a test outcome that demonstrates the change (substantive, high). */
  | { role: 'changed-behaviour'; reason: Reason }
  /** Rule 3: with a code change, any other changed test outcome (substantive, medium). */
  | { role: 'outcome-changed'; reason: Reason }
  /** Rule 4: with a code change, a function the property probes saw answer differently (substantive, medium). */
  | { role: 'probe-changed' }
  /** Not counted by a rule of its own (a rule may still name it, e.g. no-change, test-flaky). */
  | { role: 'none' };

export type VerdictRoleName = VerdictRole['role'];

/** A SARIF rule's default level and texts (rule ids are `patchprobe/<kind>`). */
export interface SarifRuleText {
  /** The kind's usual level; each result carries its own. */
  level: 'error' | 'warning' | 'note';
  short: string;
  full: string;
}

export interface FindingKindInfo {
  stage: FindingStage;
  /** The severity its producer reports it at (see severityGated for the exceptions). */
  severity: Severity;
  verdict: VerdictRole;
  /** The text summary lists it even at severity info (errors and warnings it always lists). */
  summaryAtInfo: boolean;
  sarif: SarifRuleText;
  /** What it means, one line: the "meaning" cell of docs/verdict.md's finding-kind table. */
  doc: string;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A kind no verdict rule counts by itself. */
export const NONE = { role: 'none' } as const satisfies VerdictRole;

