import { describeChanges } from '../diff/describe-changes.js';
import type { MutationEvidence } from '../mutation/run-mutation-stage.js';
import type { ProbeEvidence } from '../probes/run-probe-stage.js';
import { decideVerdict, type Decision, type DecideContext } from '../verdict/decide.js';
import type { Finding } from '../verdict/finding.js';
import { reconcileApiRemovals, reconcileApiRenames, reconcileApiReturns, reconcileApiSignatures, reconcileApiTypeChanges, reconcileModuleRemovals } from '../verdict/api-removal.js';
import { reconcileSpecChanges } from '../verdict/spec-change.js';
import { reconcileUninstalledPackages } from '../verdict/uninstalled-packages.js';
import { defineStage } from './context.js';
import { isTestFileOf } from './4-static.js';

/** 7. The verdict: a pure function of every stage's findings. */
export const verdictStage = defineStage({
  name: 'verdict',
  needs: ['snapshot', 'changes'],
  run: (ctx, { snapshot, changes }) => {
    const { state } = ctx;
    const described = describeChanges(changes, isTestFileOf(ctx, state) ?? (() => false), { before: snapshot.before.root, after: snapshot.afterTree.root });
    const evidence = gatherEvidence({
      suites: state.comparison?.findings,
      static: state.static?.findings,
      probes: state.probes?.findings,
      mutation: state.mutation?.findings,
      changes: described.findings,
      environment: state.environmentFindings,
      cache: [...(state.cacheFindings ?? []), ...(state.cache?.findings ?? [])],
    });
    const suites = !ctx.settings.withoutSuites;
    const decision = decide(evidence, state.probes, state.mutation, { suites });
    if (!suites) decision.reasons.push('the test suite was not compared here (patchprobe verify runs the full before/after matrix)');
    return { files: described.files, evidence, decision };
  },
});

/**
 * Every stage's findings in report order: test evidence first, then static, probes, mutation,
 * the change facts, the environment and the cache (within one severity the report keeps it).
 * The suite matrix's masked regressions are reconciled with the static stage's view of the edited
 * tests first (verdict/spec-change.ts: a deliberate change of specification is `spec-changed`),
 * an old test removed with the API it called is `api-removed`, one that only follows the source's
 * renames `api-renamed`, one whose calls only follow a change of parameters `api-changed`, one
 * whose file imports a module the patch deletes `api-removed`, one in a file whose only edit
 * changes whether callbacks return a call's value, with the declared types edited,
 * `api-return-changed`, one whose old type test no longer
 * type-checks on the new code `api-types-changed` (verdict/api-removal.ts), and failures
 * that only a declared but uninstalled package caused are set apart
 * (verdict/uninstalled-packages.ts: `test-needs-install`).
 * A merge of shard results gathers the same parts in the same order, through this function.
 */
export function gatherEvidence(parts: { suites?: Finding[] | undefined; static?: Finding[] | undefined; probes?: Finding[] | undefined; mutation?: Finding[] | undefined; changes: Finding[]; environment?: Finding[] | undefined; cache?: Finding[] | undefined }): Finding[] {
  const statics = parts.static ?? [];
  const suites = reconcileUninstalledPackages(reconcileApiTypeChanges(reconcileApiReturns(reconcileModuleRemovals(reconcileApiSignatures(reconcileApiRenames(reconcileApiRemovals(reconcileSpecChanges(parts.suites ?? [], statics), statics), statics), statics), parts.changes), statics), statics), statics);
  return [...suites, ...(parts.static ?? []), ...(parts.probes ?? []), ...(parts.mutation ?? []), ...parts.changes, ...(parts.environment ?? []), ...(parts.cache ?? [])];
}

/** decideVerdict with the probe and mutation stages' summaries, when they ran. */
export function decide(evidence: readonly Finding[], probes: ProbeEvidence | undefined, mutation: MutationEvidence | undefined, context?: DecideContext): Decision {
  return decideVerdict(
    evidence,
    probes ? { allEquivalent: probes.allEquivalent, strong: probes.strong } : undefined,
    mutation?.report.status === 'ran' ? { score: mutation.report.score, minScore: mutation.report.minScore } : undefined,
    context,
  );
}
