import { testFileOfSnapshot } from '../static/tampering/snapshot-file.js';
import type { Finding, FindingKind } from './finding.js';

/**
 * Edits that make a test check less, or accept broken output: a masked regression with any of
 * these on its test (or on a describe around it, or on its whole file) stays regressive.
 */
export const WEAKENING_KINDS: readonly FindingKind[] = [
  'tamper-test-removed',
  'tamper-test-disabled',
  'tamper-only-added',
  'tamper-assertions-reduced',
  'tamper-matcher-loosened',
  'tamper-mock-missing',
  'tamper-expected-degenerate',
];

/** New expected values with the same or a stronger check: what a reviewer confirms. */
export const EXPECTATION_KINDS: readonly FindingKind[] = ['tamper-expected-changed', 'tamper-snapshot-rewritten'];

/** Whether a static finding speaks about `test` (in test file `file`): the test, a describe around it, its file, or its snapshot file. */
function concerns(s: Finding, test: string, file: string | undefined): boolean {
  if (s.test !== undefined) return s.test === test || test.startsWith(`${s.test} > `);
  if (s.file === undefined || file === undefined) return false;
  return s.file === file || testFileOfSnapshot(s.file) === file;
}

/** The `old` → `new` part of a tamper finding's message, with its place; the whole message when it has none. */
function expectation(s: Finding): string {
  const where = s.file ? `${s.file}${s.line ? `:${s.line}` : ''}` : '';
  const arrow = /`[^`]*` → `[^`]*`/.exec(s.message)?.[0];
  return `${where ? `${where} ` : ''}${arrow ?? s.message}`;
}

/** The change a mirrored masked regression's message ends with (suites/compare.ts). */
const MIRROR_TAIL = /; its failure is the reverse of how "[^"]*" fails on the old code \((.*)\)$/s;

/**
 * Stage 3 says `masked-regression` whenever the old version of an edited or removed test fails on
 * the new code; stage 4 says how the test was edited. Reconciled here, after both ran (the verdict
 * stage and a merge of shards call this through gatherEvidence): a masked regression becomes
 * `spec-changed` — a deliberate change of specification, substantive — when
 *   1. the new version of the same test fails on the old code and passes on the new (`fail-to-pass`),
 *   2. the new version expects something new: the static stage saw a new expected value for it
 *      (`tamper-expected-changed`, `tamper-snapshot-rewritten`: the same or a stronger matcher with a
 *      new value, a rewritten inline snapshot, or a rewritten snapshot file of its test file), or
 *      its failure is mirrored (`mirroredBy`: a fail-to-pass test of its describe expects exactly
 *      what the old version received, and received what it expected — a new expected value that
 *      lives in a fixture shared by the describe's tests, which the static stage does not follow),
 *   3. nothing weakened it (WEAKENING_KINDS on the test, a describe around it, or its file).
 * A test the patch removed becomes `spec-changed` when its failure is mirrored by a fail-to-pass
 * test in the same describe and nothing but the removal weakened it: the test was replaced by one
 * that checks the same values' new form (valibot 9043b643, "with replacer and message" → "with
 * replacer and string message"). A test that caught a break and was removed while the patch added
 * tests of something else stays `masked-regression`: no new test asks for the values it now gets.
 * Anything else stays `masked-regression`. Pure; the other findings pass through in order.
 */
export function reconcileSpecChanges(suites: readonly Finding[], statics: readonly Finding[]): Finding[] {
  const demonstrated = new Set(suites.filter((f) => f.kind === 'fail-to-pass' && f.test !== undefined).map((f) => f.test));
  const removed = new Set(suites.filter((f) => f.kind === 'test-removed' && f.test !== undefined).map((f) => f.test));
  return suites.map((f) => {
    if (f.kind !== 'masked-regression' || f.test === undefined) return f;
    const test = f.test;
    const mirror = f.mirroredBy !== undefined && demonstrated.has(f.mirroredBy) ? f.mirroredBy : undefined;
    const replaced = mirror !== undefined && removed.has(test) && mirror !== test;
    if (!demonstrated.has(test) && !replaced) return f;
    const about = statics.filter((s) => concerns(s, test, f.file));
    const weakening = about.filter((s) => WEAKENING_KINDS.includes(s.kind) && !(replaced && s.kind === 'tamper-test-removed'));
    if (weakening.length > 0) return f;
    const expected = about.filter((s) => EXPECTATION_KINDS.includes(s.kind));
    if (expected.length === 0 && mirror === undefined) return f;
    const oldError = /fails on the new code \((.*)\); the patch (?:edited|removed)/s.exec(f.message)?.[1];
    const change = MIRROR_TAIL.exec(f.message)?.[1];
    const confirm = expected.length > 0 ? expected.map(expectation).join('; ') : (change ?? `the values "${mirror}" expects`);
    const spec: Finding = {
      kind: 'spec-changed',
      severity: 'warning',
      message: replaced
        ? `"${test}" was replaced by "${mirror}": its old version fails on the new code${oldError ? ` (${oldError})` : ''} with the values "${mirror}" now expects, ` +
          `and "${mirror}" fails on the old code and passes on the new. Confirm the new expectation is the intended specification: ${confirm}`
        : `"${test}" specifies new behaviour: its old version fails on the new code${oldError ? ` (${oldError})` : ''}, its new version fails on the old code and passes on the new, ` +
          `and no assertion is weaker than before. Confirm each new expectation is the intended specification: ${confirm}`,
      test,
    };
    if (f.file !== undefined) spec.file = f.file;
    if (f.line !== undefined) spec.line = f.line;
    return spec;
  });
}
