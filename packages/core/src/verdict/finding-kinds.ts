import type { Severity } from './finding.js';

/**
 * Every finding kind, declared once: which stage reports it, how the verdict counts it, its SARIF
 * rule, whether the text summary shows it, and its line in docs/verdict.md ("Finding kinds",
 * generated from here by scripts/gen-verdict-docs.mjs). A new kind is an entry here plus the code
 * that reports it; the verdict, the SARIF rules, the summary and the docs read it from here.
 */

/** Points of mutation score the edited tests may lose on the same declarations before it counts as weakening. */
export const WEAKENED_DROP = 20;

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

const NONE = { role: 'none' } as const satisfies VerdictRole;

// In the order of FINDING_KINDS: by stage, as the pipeline runs them. SARIF rules follow it.
const KINDS = {
  'no-change': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'The patch changes no file', full: 'The patch changes no file.' },
    doc: 'the patch changes no file',
  },
  'source-changed': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Source file changed', full: 'A non-test file changed beyond formatting.' },
    doc: 'a non-test file changed beyond formatting',
  },
  'source-formatting-only': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Formatting-only source change', full: 'A non-test file changed only in whitespace, comments or formatting.' },
    doc: 'a non-test file changed only in whitespace/comments/formatting',
  },
  'docs-changed': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Documentation changed', full: 'A documentation file changed.' },
    doc: 'documentation changed',
  },
  'test-file-changed': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Test file changed', full: 'The patch added, edited or deleted a test file.' },
    doc: 'a test file was added, edited or deleted',
  },
  'dependencies-changed': {
    stage: 'diff',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Dependencies changed', full: 'package.json dependencies or a lockfile changed; both versions ran with the dependencies installed now.' },
    doc: 'package.json dependencies or a lockfile changed; both versions ran with the dependencies installed now',
  },
  'test-broken': {
    stage: 'suites',
    severity: 'error',
    verdict: { role: 'regressive', rank: 1, severityGated: false, reason: (n) => `${plural(n, 'test')} that passed before the patch fail${n === 1 ? 's' : ''} after it` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'A passing test now fails', full: 'A test that passed before the patch fails after it.' },
    doc: 'passed before, fails after',
  },
  'test-disabled': {
    stage: 'suites',
    severity: 'error',
    verdict: { role: 'regressive', rank: 3, severityGated: false, reason: (n) => `${plural(n, 'passing test')} no longer run${n === 1 ? 's' : ''}, though the patch did not edit ${n === 1 ? 'its file' : 'their files'}` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'A passing test no longer runs', full: 'A test that passed before is skipped, todo or missing after the patch, though the patch did not edit its file.' },
    doc: 'passed before, skipped/todo/missing after, though the patch did not edit its file',
  },
  'test-removed': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Passing test removed', full: 'The patch removed a test that passed before.' },
    doc: 'passed before; the patch removed it',
  },
  'test-skipped': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Passing test skipped', full: 'The patch skipped a test that passed before.' },
    doc: 'passed before; the patch skipped it',
  },
  'masked-regression': {
    stage: 'suites',
    severity: 'error',
    verdict: { role: 'regressive', rank: 2, severityGated: false, reason: (n) => `${plural(n, 'old test')} fail${n === 1 ? 's' : ''} on the new code while the patch edited or removed ${n === 1 ? 'it' : 'them'}` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'Old test fails on the new code', full: 'The old version of a test the patch edited or removed fails on the new code: the edit hides a break.' },
    doc: 'the old version of a test the patch edited or removed fails on the new code',
  },
  'suite-crashed': {
    stage: 'suites',
    severity: 'error',
    verdict: { role: 'regressive', rank: 4, severityGated: false, reason: () => 'the test suite no longer runs after the patch' },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'Test suite no longer runs', full: 'vitest ran at the base but no longer starts after the patch.' },
    doc: 'vitest ran at the base but no longer starts after the patch',
  },
  'test-fixed': {
    stage: 'suites',
    severity: 'info',
    verdict: { role: 'changed-behaviour', reason: (n) => `${plural(n, 'test')} that failed before pass${n === 1 ? 'es' : ''} after, unchanged` },
    summaryAtInfo: true,
    sarif: { level: 'note', short: 'Failing test now passes', full: 'An unedited test that failed before the patch passes after it.' },
    doc: 'an unedited test failed before and passes after',
  },
  'fail-to-pass': {
    stage: 'suites',
    severity: 'info',
    verdict: { role: 'changed-behaviour', reason: (n) => `${plural(n, 'test')} fail${n === 1 ? 's' : ''} on the old code and pass${n === 1 ? 'es' : ''} on the new code` },
    summaryAtInfo: true,
    sarif: { level: 'note', short: 'New test demonstrates the change', full: 'A new or edited test fails on the old code and passes on the new code.' },
    doc: 'a new or edited test fails on the old code and passes on the new',
  },
  'test-passes-on-old-code': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'New test demonstrates nothing', full: 'A new test already passes on the old code, so it does not demonstrate the change.' },
    doc: 'a new test already passes on the old code: it demonstrates nothing',
  },
  'test-edited-to-pass': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Test edited to pass', full: 'A failing test passes only because the patch edited it.' },
    doc: 'a failing test passes only because the patch edited it',
  },
  'new-test-fails': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'New test fails', full: 'A new test (or test file) fails on the patched code.' },
    doc: 'a new test (or test file) fails on the patched code',
  },
  'test-outcome-changed': {
    stage: 'suites',
    severity: 'info',
    verdict: { role: 'outcome-changed', reason: (n) => `${plural(n, 'test outcome')} changed` },
    summaryAtInfo: true,
    sarif: { level: 'note', short: 'Test outcome changed', full: 'A test outcome changed in another way (for example skipped to passing).' },
    doc: 'any other change of outcome (e.g. skip → pass)',
  },
  'test-flaky': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Flaky test', full: 'A test gave different outcomes on reruns of the same code; it is not counted as evidence.' },
    doc: 'different outcomes on reruns of the same code; not counted',
  },
  'unhandled-error': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'New unhandled error', full: 'vitest reports an unhandled error after the patch that it did not report before.' },
    doc: 'vitest reports an unhandled error after the patch that it did not report before (vitest fails the run); not rerun, so not counted as regressive',
  },
  'no-tests': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'No tests', full: 'vitest found no tests before or after the patch.' },
    doc: 'vitest found no tests before or after',
  },
  'vitest-workspace-ignored': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'vitest.workspace file ignored', full: 'A vitest.workspace file exists, but vitest 4 and later no longer read it.' },
    doc: 'a `vitest.workspace.*` file that vitest ≥ 4 no longer reads',
  },
  'source-equivalent': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Equivalent source change', full: 'Every change in a code file is formatting, types-only or a consistent rename; the emitted JavaScript is equivalent.' },
    doc: 'every change in a code file is formatting, types-only or a consistent rename',
  },
  'declaration-changed': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Declaration changed', full: 'A touched declaration, with its change kind.' },
    doc: 'one per touched declaration in both versions, with its `symbol` and change kind',
  },
  'declaration-added': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Declaration added', full: 'The patch added a declaration.' },
    doc: 'one per declaration the patch added, with its `symbol`',
  },
  'declaration-removed': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Declaration removed', full: 'The patch removed a declaration.' },
    doc: 'one per declaration the patch removed, with its `symbol`',
  },
  'declaration-renamed': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Declaration renamed', full: 'The patch renamed a declaration.' },
    doc: 'one per declaration the patch renamed, with its `symbol` and the one it had before',
  },
  'declaration-moved': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Declaration moved', full: 'The patch moved a declaration.' },
    doc: 'one per declaration the patch moved, with its `symbol` and the one it had before',
  },
  'type-error': {
    stage: 'static',
    severity: 'error',
    verdict: { role: 'regressive', rank: 7, severityGated: { warningWhen: 'in a test file' }, reason: (n) => `the patch adds ${plural(n, 'type error')} in source files` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'New type error', full: 'The type-checker reports an error after the patch that it did not report before (an error in source files, a warning in test files).' },
    doc: 'a new type error the base did not have, other than `invented-api` and `unknown-package`',
  },
  'invented-api': {
    stage: 'static',
    severity: 'error',
    verdict: { role: 'regressive', rank: 5, severityGated: false, reason: (n) => `the patch uses ${plural(n, 'API')} that do${n === 1 ? 'es' : ''} not exist (type-checker)` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'Use of an API that does not exist', full: 'A new type error says a member, export or module the patch uses does not exist.' },
    doc: 'a new type error that says a member, export or module does not exist',
  },
  'unknown-package': {
    stage: 'static',
    severity: 'error',
    verdict: { role: 'regressive', rank: 6, severityGated: false, reason: (n) => `the patch imports ${plural(n, 'package')} that ${n === 1 ? 'is' : 'are'} not installed or not declared` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'Import of an unknown package', full: 'The patch imports a package that no package.json of the project declares, or that is not installed.' },
    doc: 'an import of a package in no package.json of the project, or not installed',
  },
  'typecheck-skipped': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Type-check skipped', full: 'The type-check delta did not run; the message says why.' },
    doc: 'the type-check delta did not run, and why',
  },
  'tamper-test-removed': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Test removed from a test file', full: 'An edit of a test file removed a test.' },
    doc: 'an edit of a test file removed a test or `.each` cases (see above)',
  },
  'tamper-test-disabled': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Test disabled', full: 'An edit of a test file added .skip, .todo, .fails, skipIf, runIf or .only.' },
    doc: 'an edit of a test file added `.skip`/`.todo`/`.fails`/`skipIf`/`runIf`, removed a test body or added an early exit (see above)',
  },
  'tamper-only-added': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: '.only added', full: 'An edit of a test file added .only, so the other tests stop running.' },
    doc: 'an edit of a test file added `.only`, so the other tests in the file stop running (see above)',
  },
  'tamper-assertions-reduced': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Fewer assertions', full: 'An edit of a test file removed assertions.' },
    doc: 'an edit of a test file removed assertions (see above)',
  },
  'tamper-expected-changed': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Expected value changed', full: 'An edit of a test file changed an expected value; confirm the specification changed, not just the test.' },
    doc: 'an edit of a test file changed an expected value or a `.each` case (see above)',
  },
  'tamper-matcher-loosened': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Matcher loosened', full: 'An edit of a test file replaced a matcher with a looser one.' },
    doc: 'an edit of a test file replaced a matcher with a looser one, or raised a timeout or the retries (see above)',
  },
  'tamper-snapshot-rewritten': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Snapshot rewritten', full: 'An edit rewrote a snapshot the tests compare against.' },
    doc: 'an edit rewrote or deleted a snapshot the tests compare against, inline or in a snapshot file (see above)',
  },
  'tamper-mock-missing': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Mock of a missing module', full: 'A test mocks a module that does not exist.' },
    doc: '`vi.mock` of a module that does not exist (see above)',
  },
  'blast-radius': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: true,
    sarif: { level: 'note', short: 'Callers of a changed declaration', full: 'The callers of a semantically changed declaration up to 3 levels, and the test files that reach them.' },
    doc: 'callers of a semantically changed declaration up to 3 levels, and the test files that reach them',
  },
  'unrelated-change': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Behaviour change outside the scope', full: 'The patch changes behaviour outside the files given with --scope.' },
    doc: 'a behaviour change outside `--scope`',
  },
  'change-spread': {
    stage: 'static',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Declarations whose behaviour changed', full: 'The declarations whose behaviour the patch changes, when no --scope is given.' },
    doc: 'the declarations whose behaviour changed, when no `--scope` is given',
  },
  'stage-failed': {
    stage: 'static',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Analysis stage failed', full: 'A part of the analysis threw; the verdict uses the other evidence.' },
    doc: 'a part of the static stage threw (a bug, or code its parser cannot handle); the verdict uses the other evidence',
  },
  'probe-diverged': {
    stage: 'probes',
    severity: 'info',
    verdict: { role: 'probe-changed' },
    summaryAtInfo: true,
    sarif: { level: 'note', short: 'Function answers differently', full: 'Property probes called the old and new versions on the same input and they gave different results; the message has the call and both outcomes.' },
    doc: 'before and after give different results on the same input; the message has the shrunk call, both outcomes, the seed and path',
  },
  'probe-crash': {
    stage: 'probes',
    severity: 'error',
    verdict: { role: 'regressive', rank: 8, severityGated: { warningWhen: 'when a test the patch wrote expects it' }, reason: (n) => `${plural(n, 'changed function')} now crash${n === 1 ? 'es' : ''} or hang${n === 1 ? 's' : ''} on inputs that worked before (property probes)` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'Function now crashes', full: 'The new version throws an accidental error or never returns on an input where the old version returned.' },
    doc: 'the new version crashes (accidental error, `process.exit`) or never returns on an input where the old one returned',
  },
  'probe-degenerate': {
    stage: 'probes',
    severity: 'error',
    verdict: { role: 'regressive', rank: 9, severityGated: { warningWhen: 'when a test the patch wrote expects it' }, reason: (n) => `${plural(n, 'changed function')} now return${n === 1 ? 's' : ''} degenerate values (NaN, Invalid Date, "undefined"…) where ${n === 1 ? 'it' : 'they'} returned proper ones (property probes)` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'Function returns a degenerate value', full: 'The new version returns NaN, an Invalid Date or a string with "NaN", "undefined", "null" or "[object Object]" where the old version returned a proper value.' },
    doc: 'the new version returns NaN, an Invalid Date or a string with "NaN"/"undefined"/"null"/"[object Object]" where the old one returned a proper value',
  },
  'probe-new-validation': {
    stage: 'probes',
    severity: 'warning',
    verdict: { role: 'probe-changed' },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Function now rejects an input', full: 'The new version throws where the old one returned, and the patch added a throw: deliberate validation.' },
    doc: 'the new version throws where the old one returned, and the patch added a `throw`: deliberate; lists an input now rejected',
  },
  'probe-returns-undefined': {
    stage: 'probes',
    severity: 'warning',
    verdict: { role: 'probe-changed' },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Function returns undefined', full: 'The new version returns undefined where the old version returned a value.' },
    doc: 'the new version returns undefined where the old one returned a value',
  },
  'probe-argument-mutated': {
    stage: 'probes',
    severity: 'warning',
    verdict: { role: 'probe-changed' },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Arguments left in a different state', full: 'Both versions return the same result but leave the arguments in different states.' },
    doc: 'same result, but the two versions leave the arguments in different states',
  },
  'probe-equivalent': {
    stage: 'probes',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: true,
    sarif: { level: 'note', short: 'No difference found', full: 'Property probes found no difference between the old and new versions on the inputs they tried.' },
    doc: 'no difference on N inputs; says whether they were generated from the types and/or recorded from the tests',
  },
  'probe-nondeterministic': {
    stage: 'probes',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Nondeterministic function', full: 'A version gives different results for the same input (clock, randomness, I/O); its differences are not counted.' },
    doc: 'a version gives different results for the same input (clock, randomness, I/O); its differences are not counted',
  },
  'probe-inconclusive': {
    stage: 'probes',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Function could not be probed', full: 'A changed function could not be probed; the message says why.' },
    doc: 'a changed function could not be probed (not reachable from an export, inputs that cannot be generated and no recorded ones, a module that fails to load, the old version hangs)',
  },
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
    verdict: { role: 'regressive', rank: 10, severityGated: false, reason: (n) => `the patch edited the tests so that they pin less of the code it touched: the mutation score of ${plural(n, 'declaration')} dropped by ${WEAKENED_DROP} points or more` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'Tests weakened', full: `The patch edited the tests, and the mutation score of a declaration it touched dropped by ${WEAKENED_DROP} points or more: the old tests killed its mutants, the new ones do not.` },
    doc: `the patch edited the tests, and the same declaration's score dropped by ${WEAKENED_DROP} points or more from before (old tests) to after (new tests)`,
  },
  'mutation-skipped': {
    stage: 'mutation',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Mutation probes did not run', full: 'The mutation probes could not run on a side (the suite crashed, no test file passed, the initial run was not green, or the time budget ran out); the message says why.' },
    doc: 'the mutation probes could not run on a side (the suite crashed, no test file passed, StrykerJS\'s initial run was not green, the time budget ran out), with the reason',
  },
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
