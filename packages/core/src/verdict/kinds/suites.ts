import { type FindingKindInfo, NONE, plural } from './kind-info.js';

/** Finding kinds of the suites stage: the before/after test matrix (see ../finding-kinds.ts). */
export const SUITES_KINDS = {
  'test-broken': {
    stage: 'suites',
    severity: 'error',
    verdict: { role: 'regressive', rank: 1, severityGated: false, reason: (n) => `${plural(n, 'test')} that passed before the patch fail${n === 1 ? 's' : ''} after it` },
    summaryAtInfo: false,
    sarif: { level: 'error', short: 'A passing test now fails', full: 'A test that passed before the patch fails after it.' },
    doc: 'passed before, fails after',
  },
  'test-needs-install': {
    stage: 'suites',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'A test fails on a dependency that is not installed', full: 'A test fails after the patch only because it loads a package the patch declares in package.json and that is not installed: the run cannot judge it until the package is installed.' },
    doc: 'fails after the patch only because it loads a package the patch declares but that is not installed (install it and rerun); not counted as broken',
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
    sarif: { level: 'error', short: 'Old test fails on the new code', full: 'The old version of a test the patch edited or removed fails on the new code, and the edit weakened, skipped or removed the test (or its new version does not demonstrate the change): the edit hides a break.' },
    doc: 'the old version of a test the patch edited or removed fails on the new code, and the edit is not a `spec-changed` (it weakened, skipped or removed the test, or its new version does not fail on the old code)',
  },
  'spec-changed': {
    stage: 'suites',
    severity: 'warning',
    verdict: {
      role: 'changed-behaviour',
      reason: (n) =>
        n === 1
          ? '1 edited test specifies new behaviour: its old version fails on the new code, its new version fails on the old code and passes on the new, and no assertion is weaker than before (confirm the new expected values)'
          : `${n} edited tests specify new behaviour: their old versions fail on the new code, their new versions fail on the old code and pass on the new, and no assertion is weaker than before (confirm the new expected values)`,
    },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Specification changed', full: 'The old version of an edited test fails on the new code, and the new version, as strong a check with new expected values, fails on the old code and passes on the new: a deliberate change of specification for a reviewer to confirm.' },
    doc: 'the old version of an edited test fails on the new code, and its new version — same or stronger assertions, new expected values — fails on the old code and passes on the new; lists each old → new expectation to confirm',
  },
  'api-removed': {
    stage: 'suites',
    severity: 'warning',
    verdict: {
      role: 'changed-behaviour',
      reason: (n) =>
        n === 1
          ? '1 removed test tested only an API the patch removes: its old version fails on the new code because the API is gone (a breaking change to confirm)'
          : `${n} removed tests tested only APIs the patch removes: their old versions fail on the new code because the APIs are gone (a breaking change to confirm)`,
    },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'API removed with its test', full: 'The patch removes a declaration and the test of it: the old test fails on the new code only because the API it calls is gone. A deliberate breaking change for a reviewer to confirm.' },
    doc: 'the old version of a test the patch removed fails on the new code only because an API the patch removes is gone (`X is not a function`, `is not defined`, `does not provide an export named`), or because a module its file imports itself is one the patch deletes (a module moved or renamed with its test); a deliberate breaking change to confirm, not a hidden break',
  },
  'api-renamed': {
    stage: 'suites',
    severity: 'warning',
    verdict: {
      role: 'changed-behaviour',
      reason: (n) =>
        n === 1
          ? '1 edited test follows an API the patch renames: its old version fails on the new code because the old name is gone, and its new version, renamed only, fails on the old code and passes on the new (a breaking change to confirm)'
          : `${n} edited tests follow APIs the patch renames: their old versions fail on the new code because the old names are gone, and their new versions, renamed only, fail on the old code and pass on the new (a breaking change to confirm)`,
    },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'API renamed with its test', full: 'The patch renames a declaration and the test of it, and only renames it there: the old test fails on the new code because the old name is gone. A deliberate breaking change for a reviewer to confirm.' },
    doc: 'the old version of an edited test fails on the new code, its new version fails on the old code and passes on the new, and the only edit of its file renames identifiers exactly as the patch renames the source (`test-follows-rename`): a deliberate breaking change to confirm, not a hidden break',
  },
  'api-changed': {
    stage: 'suites',
    severity: 'warning',
    verdict: {
      role: 'changed-behaviour',
      reason: (n) =>
        n === 1
          ? "1 edited test follows a function whose parameters the patch changes: its old calls fail on the new code, and its new version, with only the calls' arguments changed, fails on the old code and passes on the new (a breaking change to confirm)"
          : `${n} edited tests follow functions whose parameters the patch changes: their old calls fail on the new code, and their new versions, with only the calls' arguments changed, fail on the old code and pass on the new (a breaking change to confirm)`,
    },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'API parameters changed with its test', full: "The patch changes a function's parameters, and the only edit of a test of it changes the arguments of its calls: the old test fails on the new code because the old calls no longer mean the same. A deliberate breaking change for a reviewer to confirm." },
    doc: "the old version of an edited test fails on the new code, its new version fails on the old code and passes on the new, and the test's only edit changes the arguments of its calls of a function whose parameters the patch changes (`test-follows-signature`), with the same expected values: a deliberate breaking change to confirm, not a hidden break",
  },
  'api-return-changed': {
    stage: 'suites',
    severity: 'warning',
    verdict: {
      role: 'changed-behaviour',
      reason: (n) =>
        n === 1
          ? "1 old test fails on the new code in a file whose only edit changes whether callbacks return a call's value, and the patch edits the source's declared types: a function the tests call returns something new (a breaking change to confirm)"
          : `${n} old tests fail on the new code in files whose only edit changes whether callbacks return a call's value, and the patch edits the source's declared types: a function the tests call returns something new (a breaking change to confirm)`,
    },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'API return value changed with its tests', full: "The old versions of tests fail on the new code, the patch's only edit of their file makes callbacks stop (or start) returning a call's value, and the patch edits declared types of the source: a function now returns something its callers' callbacks hand on. A deliberate breaking change for a reviewer to confirm." },
    doc: "the old version of a test fails on the new code (a `masked-regression` by the rule above), the patch's only edit of its file changes whether callbacks return the value of a call (`act(() => x)` ↔ `act(() => { x })`, `test-discards-return`), and the patch edits an interface or a type alias of the source: a function returns something new that the callee of a callback reads (React's `act` and a promise), a deliberate breaking change to confirm, not a hidden break",
  },
  'api-types-changed': {
    stage: 'suites',
    severity: 'warning',
    verdict: {
      role: 'changed-behaviour',
      reason: (n) =>
        n === 1
          ? '1 removed or edited test checked what the patch changes on purpose: its old version fails on the new code, and so does the old version of its type test, which type-checked before (the declared types changed with the behaviour: a breaking change to confirm)'
          : `${n} removed or edited tests checked what the patch changes on purpose: their old versions fail on the new code, and so do the old versions of their type tests, which type-checked before (the declared types changed with the behaviour: a breaking change to confirm)`,
    },
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'API types changed with its test', full: "The old version of a test the patch removed or edited fails on the new code, and the old version of the same test in its type test file (x.test-d.ts) no longer type-checks: the patch changed the declared types along with the behaviour. A deliberate breaking change for a reviewer to confirm." },
    doc: "the old version of a test the patch removes or edits fails on the new code, and the same test (same describe > test names) in the old version of its type test file beside it (`x.test.ts` → `x.test-d.ts`) type-checks on the old code and not on the new (`old-type-test-fails`), and the patch edits an interface or a type alias of the source: the declared types changed with the behaviour, a deliberate breaking change to confirm, not a hidden break. A break that keeps the declared types keeps its old type tests green and stays `masked-regression`",
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
    sarif: { level: 'warning', short: 'Test edited to pass', full: 'A failing test passes only because the patch edited it: its new version passes on the old code too.' },
    doc: 'a failing test passes only because the patch edited it (its new version passes on the old code too); listed first, and the verdict is at most medium confidence',
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
} satisfies Record<string, FindingKindInfo>;
