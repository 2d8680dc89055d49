/**
 * Every finding kind, declared once: which stage reports it, how the verdict counts it, its SARIF
 * rule, whether the text summary shows it, and its line in docs/verdict.md ("Finding kinds",
 * generated from here by scripts/gen-verdict-docs.mjs). A new kind is an entry in its stage's file in
 * kinds/ plus the code that reports it; the verdict, the SARIF rules, the summary and the docs read it from here.
 */

import { DIFF_KINDS } from './kinds/diff.js';
import { SUITES_KINDS } from './kinds/suites.js';
import { STATIC_KINDS } from './kinds/static.js';
import { PROBES_KINDS } from './kinds/probes.js';
import { MUTATION_KINDS } from './kinds/mutation.js';
import { CACHE_VERDICT_KINDS } from './kinds/cache-verdict.js';
import type { FindingKindInfo, VerdictRole, VerdictRoleName } from './kinds/kind-info.js';

export * from './kinds/kind-info.js';

// In the order of FINDING_KINDS: by stage, as the pipeline runs them. SARIF rules follow it.
const KINDS = { ...DIFF_KINDS, ...SUITES_KINDS, ...STATIC_KINDS, ...PROBES_KINDS, ...MUTATION_KINDS, ...CACHE_VERDICT_KINDS };

export type FindingKind = keyof typeof KINDS;

export const FINDING_KIND_INFO: Readonly<Record<FindingKind, FindingKindInfo>> = KINDS;

/** Every finding kind's name, in declaration order (the schema's enum, SARIF rule order). */
export const FINDING_KINDS = Object.keys(KINDS) as readonly FindingKind[];

export type KindWithRole<R extends VerdictRoleName> = Extract<VerdictRole, { role: R }> & { kind: FindingKind };

/** The kinds decideVerdict counts under a role, in the order it lists their reasons: by rank, else in FINDING_KINDS order. */
export function kindsWithRole<R extends VerdictRoleName>(role: R): KindWithRole<R>[] {
  const rank = (v: VerdictRole): number => ('rank' in v ? v.rank : 0);
  return FINDING_KINDS.map((kind) => ({ ...FINDING_KIND_INFO[kind].verdict, kind }))
    .filter((v): v is KindWithRole<R> => v.role === role)
    .sort((a, b) => rank(a) - rank(b));
}
