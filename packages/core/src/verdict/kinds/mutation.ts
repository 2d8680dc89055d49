import { type FindingKindInfo, NONE, WEAKENED_DROP, WEAKENED_MIN_MUTANTS, plural } from './kind-info.js';

/** Finding kinds of the mutation probes (see ../finding-kinds.ts). */
export const MUTATION_KINDS = {
  'mutation-score': {
    stage: 'mutation',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Mutation score of a touched declaration', full: 'How many mutants of a touched declaration the tests kill, how many survive or are reached by no test, and the score.' },
    doc: 'a touched declaration\'s mutants: killed, survived, reached by no test, and the score; also says when mutants were sampled',
  },
  'mutation-survivor': {
    stage: 'mutation',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Surviving mutant', full: 'A mutant of the touched code that no test caught (it survived, or no test reached it): the tests do not pin this behaviour.' },
    doc: 'one surviving (or never reached) mutant as `` `src/cart.ts:42` `total > limit` → `total >= limit` survived `` (the first 10; the rest are in the report)',
  },
  'untested-change': {
    stage: 'mutation',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Changed code the tests do not pin', full: 'A touched declaration whose mutation score is below --min-mutation-score: the tests would pass whatever these lines did.' },
    doc: 'a touched declaration whose score is below `--min-mutation-score` (60%): the tests would pass whatever these lines did',
  },
  'tests-weakened': {
    stage: 'mutation',
    severity: 'error',
    verdict: { role: 'regressive', rank: 10, severityGated: false, reason: (n) => `the patch edited the tests so that they pin less of the code it touched: on the same code, the new tests let through mutants the old tests kill (${plural(n, 'declaration')})` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'Tests weakened', full: `The patch edited the tests, and on the same code (after the patch) the new tests let through mutants of a touched declaration that the old versions of those tests kill: ${WEAKENED_DROP}% or more of its mutants, with at least ${WEAKENED_MIN_MUTANTS} killed by the old versions.` },
    doc: `the patch edited the tests, and on the same code (after the patch) the new tests let through mutants of a declaration that the old versions of the edited tests kill: ${WEAKENED_DROP}% or more of its mutants (timeouts left out), decided only when the old versions kill at least ${WEAKENED_MIN_MUTANTS} of its mutants; the message names the mutants let through`,
  },
  'mutation-skipped': {
    stage: 'mutation',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Mutation probes did not run', full: 'The mutation probes could not run on a side (the suite crashed, no test file passed, the initial run was not green, or the time budget ran out), or the time budget stopped them before every mutant was tested; the message says why.' },
    doc: 'the mutation probes could not run on a side (the suite crashed, no test file passed, StrykerJS\'s initial run was not green, the time budget ran out), or the time budget stopped them part way (the scores then count the mutants tested by then), with the reason',
  },
} satisfies Record<string, FindingKindInfo>;
