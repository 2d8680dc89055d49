import type { Confidence, Verdict } from '../report/report.js';
import type { Finding, FindingKind } from './finding.js';
import { kindsWithRole, plural } from './finding-kinds.js';

export interface Decision {
  verdict: Verdict;
  confidence: Confidence;
  /** Why, in order of weight: each a sentence for the report. */
  reasons: string[];
  /** Findings the verdict stage itself adds (e.g. which evidence is missing). */
  findings: Finding[];
}

// The kinds each rule counts, from the registry: regressive in the order of their reasons.
const REGRESSIVE = kindsWithRole('regressive');
const CHANGED_BEHAVIOUR = kindsWithRole('changed-behaviour');
const OUTCOME_CHANGED = kindsWithRole('outcome-changed');
const PROBE_CHANGED: readonly FindingKind[] = kindsWithRole('probe-changed').map((r) => r.kind);

/** What the probe stage concluded as a whole (findings are per function). */
export interface ProbeSummary {
  /** Every semantically changed declaration was probed and none showed a difference. */
  allEquivalent: boolean;
  /** allEquivalent with every parameter type derived and at least 1,000 inputs per function. */
  strong: boolean;
}

/** What the mutation stage measured as a whole: the score of the touched code after the patch. */
export interface MutationSummary {
  /** Percent of the touched declarations' mutants the after tests kill; null when none could be judged. */
  score: number | null;
  minScore: number;
}

/** What the verdict is decided on besides the findings. */
export interface DecideContext {
  /**
   * Whether the before/after suite runs happened. The plugin's live inspection runs none: its
   * reasons then say so instead of claiming that no test outcome changed. @default true
   */
  suites?: boolean;
}

/**
 * The verdict as a pure function of the evidence. docs/verdict.md holds these rules as a table;
 * keep the two in step.
 */
export function decideVerdict(findings: readonly Finding[], probes?: ProbeSummary, mutation?: MutationSummary, context: DecideContext = {}): Decision {
  const decision = decideByRules(findings, probes, mutation, context);
  // A failing test the patch edited until it passed proves nothing about the code: whatever the
  // rules concluded, it is worth at most medium confidence, and it is the first thing to read.
  const edited = findings.filter((f) => f.kind === 'test-edited-to-pass').length;
  if (edited === 0) return decision;
  const reason = `${plural(edited, 'failing test')} pass${edited === 1 ? 'es' : ''} only because the patch edited ${edited === 1 ? 'it' : 'them'} (${edited === 1 ? 'its' : 'their'} new version passes on the old code too), so confidence is at most medium`;
  return {
    ...decision,
    confidence: decision.confidence === 'high' ? 'medium' : decision.confidence,
    reasons: decision.verdict === 'regressive' ? [...decision.reasons, reason] : [reason, ...decision.reasons],
  };
}

function decideByRules(findings: readonly Finding[], probes: ProbeSummary | undefined, mutation: MutationSummary | undefined, context: DecideContext): Decision {
  const suites = context.suites ?? true;
  // Without a suite run, a reason must not claim that no test outcome changed.
  const noOutcomeChanged = (joiner: 'but' | 'and'): string => (suites ? `no test outcome changed, ${joiner} ` : '');
  const nothingObservable = suites ? 'code changed but no test outcome changed, so no observable behaviour change was found' : 'code changed, and no observable behaviour change was found';
  const count = (...kinds: readonly FindingKind[]): number => findings.filter((f) => kinds.includes(f.kind)).length;
  const flaky = count('test-flaky');
  const soften = (c: Confidence): Confidence => (flaky > 0 && c === 'high' ? 'medium' : c);
  // A file the static stage proved equivalent (formatting, types-only, consistent renames) is not a
  // code change, whatever its text diff looks like.
  const equivalent = new Set(findings.filter((f) => f.kind === 'source-equivalent').map((f) => f.file));
  const codeChanges = findings.filter((f) => f.kind === 'source-changed' && !equivalent.has(f.file)).length;
  const equivalentChanges = findings.filter((f) => f.kind === 'source-changed' && equivalent.has(f.file)).length;

  // A severity-gated kind counts only at severity error: a type error in a test file, or a probe
  // crash that a test written by the patch expects, is a warning and does not decide the verdict.
  const regressive = findings.filter((f) => REGRESSIVE.some((r) => r.kind === f.kind && (!r.severityGated || f.severity === 'error')));
  if (regressive.length > 0) {
    const n = (k: FindingKind): number => regressive.filter((f) => f.kind === k).length;
    return { verdict: 'regressive', confidence: soften('high'), reasons: reasonsFor(REGRESSIVE, n), findings: [] };
  }

  if (codeChanges > 0 && count(...CHANGED_BEHAVIOUR.map((r) => r.kind)) > 0) {
    return { verdict: 'substantive', confidence: soften('high'), reasons: reasonsFor(CHANGED_BEHAVIOUR, count), findings: [] };
  }
  if (codeChanges > 0 && count(...OUTCOME_CHANGED.map((r) => r.kind)) > 0) {
    return { verdict: 'substantive', confidence: 'medium', reasons: reasonsFor(OUTCOME_CHANGED, count), findings: [] };
  }

  const diverged = new Set(findings.filter((f) => PROBE_CHANGED.includes(f.kind)).map((f) => f.symbol ?? f.message)).size;
  if (codeChanges > 0 && diverged > 0) {
    const reason = `${noOutcomeChanged('but')}the property probes found ${plural(diverged, 'changed function')} whose results differ before vs after on the same inputs`;
    return { verdict: 'substantive', confidence: soften('medium'), reasons: [reason], findings: [] };
  }

  if (count('no-change') > 0) return { verdict: 'cosmetic', confidence: 'high', reasons: ['the patch changes no file'], findings: [] };
  if (codeChanges === 0) {
    const what = [
      count('source-formatting-only') > 0 ? 'whitespace and comments in code' : '',
      equivalentChanges > 0 ? 'code in ways that emit the same JavaScript (formatting, types, consistent renames)' : '',
      count('test-file-changed') > 0 ? 'tests' : '',
      count('docs-changed') > 0 ? 'documentation' : '',
    ].filter(Boolean);
    return {
      verdict: 'cosmetic',
      confidence: soften('high'),
      reasons: [`the patch changes only ${what.join(', ') || 'files that cannot run'}; no code that runs changed`],
      findings: [],
    };
  }
  // Rules 7 and 8 rest on unchanged test outcomes: worth as much as the tests pin the touched code.
  const pinned = mutation?.score != null && mutation.score >= mutation.minScore;
  const unpinned = mutation?.score != null && mutation.score < mutation.minScore;
  const mutationReason = mutation?.score != null ? `the tests kill ${mutation.score}% of the touched code's mutants (threshold ${mutation.minScore}%)` : '';
  if (probes?.allEquivalent) {
    const probed = count('probe-equivalent');
    const high = !unpinned && (probes.strong || pinned);
    const why = unpinned
      ? [`confidence is medium: ${mutationReason}, so unchanged test outcomes say little about these lines`]
      : high
        ? pinned ? [`${mutationReason}, so the unchanged outcomes pin the touched code`] : []
        : ['confidence is medium: some parameter types were not fully derived or fewer than 1,000 inputs ran per function, and no mutation score backs the tests'];
    return {
      verdict: 'cosmetic',
      confidence: soften(high ? 'high' : 'medium'),
      reasons: [`${noOutcomeChanged('and')}the property probes found no difference between before and after in ${plural(probed, 'changed function')}`, ...why],
      findings: [],
    };
  }
  if (pinned && count('no-tests') === 0) {
    return {
      verdict: 'cosmetic',
      confidence: soften('medium'),
      reasons: [
        nothingObservable,
        `${mutationReason}: the tests pin the touched code, and they pass on both versions`,
        ...(count('probe-inconclusive', 'probe-nondeterministic') > 0 ? ['the property probes could not settle every changed function'] : []),
      ],
      findings: [],
    };
  }
  const unsettled = count('probe-inconclusive', 'probe-nondeterministic');
  const missing: Finding = {
    kind: 'missing-evidence',
    severity: 'warning',
    message: [
      probes
        ? `${codeChanges} code file${codeChanges === 1 ? '' : 's'} changed, no test outcome changed, and the property probes could not settle ${plural(unsettled, 'changed function')} (see the probe findings).`
        : `${codeChanges} code file${codeChanges === 1 ? '' : 's'} changed, but no test outcome changed: the tests cannot tell whether behaviour changed. Property probes (before vs after on generated inputs) would settle it; they were turned off (--no-probes).`,
      unpinned
        ? `The tests kill only ${mutation!.score}% of the touched code's mutants (see untested-change): a test that pins the changed lines would settle it.`
        : mutation
          ? ''
          : 'Mutation probes (do the tests pin the changed lines?) did not run.',
    ].filter(Boolean).join(' '),
  };
  const needsInstall = count('test-needs-install');
  // Failures that only an uninstalled new dependency caused were set apart: they are not "no change".
  const reasons = [
    needsInstall > 0
      ? `${plural(needsInstall, 'test')} could not run the new code: ${needsInstall === 1 ? 'it loads' : 'they load'} a package the patch declares but that is not installed here (install it and rerun), and no other test outcome changed`
      : nothingObservable,
  ];
  if (unpinned) reasons.push(`${mutationReason}: the tests would pass whatever the touched lines did`);
  if (unsettled > 0) reasons.push(`the property probes could not settle ${plural(unsettled, 'changed function')} (nondeterministic, or inputs that cannot be generated)`);
  if (count('test-passes-on-old-code') > 0) reasons.push('the tests the patch adds already pass on the old code');
  if (count('no-tests') > 0) reasons.push('the project has no tests');
  return { verdict: 'cosmetic', confidence: 'low', reasons, findings: [missing] };
}

/** One reason per counted kind that occurs, in the order of the list. */
const reasonsFor = (kinds: ReadonlyArray<{ kind: FindingKind; reason: (n: number) => string }>, n: (k: FindingKind) => number): string[] =>
  kinds.filter((r) => n(r.kind) > 0).map((r) => r.reason(n(r.kind)));
