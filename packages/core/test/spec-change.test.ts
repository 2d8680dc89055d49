import { describe, expect, it } from 'vitest';
import { gatherEvidence } from '../src/pipeline/7-verdict.js';
import { decideVerdict } from '../src/verdict/decide.js';
import type { Finding, FindingKind } from '../src/verdict/finding.js';
import { reconcileSpecChanges } from '../src/verdict/spec-change.js';

const FILE = 'test/price.test.ts';
const TEST = `${FILE} > price > adds tax`;
const at = (kind: FindingKind, severity: Finding['severity'], message: string, extra: Partial<Finding> = {}): Finding => ({ kind, severity, message, file: FILE, test: TEST, ...extra });

const masked = at('masked-regression', 'error', `the old version of "${TEST}" fails on the new code (expected 125 to be 120); the patch edited the test, which hides the break`);
const failToPass = at('fail-to-pass', 'info', `"${TEST}" (edited) fails on the old code and passes on the new code`);
const expectedChanged = at('tamper-expected-changed', 'warning', 'expected value changed for `expect(price(100))`: `toBe(120)` → `toBe(125)`; confirm the specification changed, not just the test', { line: 7 });

const kinds = (fs: readonly Finding[]): FindingKind[] => fs.map((f) => f.kind);

describe(reconcileSpecChanges.name, () => {
  it('turns a masked regression into spec-changed: new expected value, same matcher, new test fails before and passes after', () => {
    const out = reconcileSpecChanges([masked, failToPass], [expectedChanged]);
    expect(kinds(out)).toEqual(['spec-changed', 'fail-to-pass']);
    expect(out[0]).toMatchObject({ severity: 'warning', file: FILE, test: TEST });
    // each old → new expectation is listed, with the old test's failure
    expect(out[0]?.message).toContain('test/price.test.ts:7 `toBe(120)` → `toBe(125)`');
    expect(out[0]?.message).toContain('(expected 125 to be 120)');
  });

  it('keeps masked-regression when the new test does not fail on the old code', () => {
    expect(kinds(reconcileSpecChanges([masked], [expectedChanged]))).toEqual(['masked-regression']);
  });

  it('keeps masked-regression when no new expected value was seen (the subject changed, a custom matcher, a helper)', () => {
    expect(kinds(reconcileSpecChanges([masked, failToPass], []))).toEqual(['masked-regression', 'fail-to-pass']);
  });

  it.each([
    ['tamper-matcher-loosened', {}],
    ['tamper-assertions-reduced', {}],
    ['tamper-test-disabled', {}],
    ['tamper-expected-degenerate', {}],
    ['tamper-test-disabled', { test: `${FILE} > price` }], // on the describe around it
    ['tamper-matcher-loosened', { test: undefined }], // vi.setConfig timeout raised for the whole file
    ['tamper-expected-degenerate', { file: 'test/__snapshots__/price.test.ts.snap' }], // its snapshot entry
  ] as Array<[FindingKind, Partial<Finding>]>)('keeps masked-regression when the edit also weakened the test: %s %j', (kind, extra) => {
    const weak = at(kind, 'warning', 'weaker', extra);
    expect(kinds(reconcileSpecChanges([masked, failToPass], [expectedChanged, weak]))).toEqual(['masked-regression', 'fail-to-pass']);
  });

  it('ignores weakening of another test of the file', () => {
    const other = at('tamper-matcher-loosened', 'warning', 'weaker', { test: `${FILE} > price > rounds` });
    const sibling = at('tamper-test-disabled', 'warning', 'weaker', { test: `${FILE} > price > adds tax twice` });
    expect(kinds(reconcileSpecChanges([masked, failToPass], [expectedChanged, other, sibling]))).toEqual(['spec-changed', 'fail-to-pass']);
  });

  it('counts a rewritten inline snapshot and a rewritten snapshot file of the test file as new expected values', () => {
    const inline = at('tamper-snapshot-rewritten', 'warning', 'inline snapshot of `expect(render())` rewritten: `"total: 120"` → `"total: 125"`; check…', { line: 9 });
    expect(reconcileSpecChanges([masked, failToPass], [inline])[0]?.message).toContain('`"total: 120"` → `"total: 125"`');
    const snapFile: Finding = { kind: 'tamper-snapshot-rewritten', severity: 'warning', file: 'test/__snapshots__/price.test.ts.snap', line: 3, message: 'snapshot file rewritten: 1 snapshot changed (`price > adds tax 1`)' };
    const out = reconcileSpecChanges([masked, failToPass], [snapFile]);
    expect(kinds(out)).toEqual(['spec-changed', 'fail-to-pass']);
    expect(out[0]?.message).toContain('test/__snapshots__/price.test.ts.snap:3 snapshot file rewritten');
    const elsewhere = { ...snapFile, file: 'test/__snapshots__/other.test.ts.snap' };
    expect(kinds(reconcileSpecChanges([masked, failToPass], [elsewhere]))).toEqual(['masked-regression', 'fail-to-pass']);
  });

  it('leaves a removed or disabled test (no fail-to-pass of its own) and every other finding alone', () => {
    const removed = { ...masked, message: 'the old version fails on the new code; the patch removed the test, which hides the break' };
    const broken = at('test-broken', 'error', 'broken', { test: `${FILE} > price > rounds` });
    expect(kinds(reconcileSpecChanges([broken, removed], [expectedChanged]))).toEqual(['test-broken', 'masked-regression']);
  });

  describe('a failure mirrored by a fail-to-pass test (a new expected value in a fixture, or a test replaced in its describe)', () => {
    const NEW = `${FILE} > price > adds tax at 25 %`;
    const tail = '; its failure is the reverse of how "X" fails on the old code (`120` → `125`)';
    const newF2p = at('fail-to-pass', 'info', `"${NEW}" (new) fails on the old code and passes on the new code`, { test: NEW });
    const removedMasked = at('masked-regression', 'error', `the old version of "${TEST}" fails on the new code (expected 125 to be 120); the patch removed the test, which hides the break${tail}`, { mirroredBy: NEW });
    const removed = at('test-removed', 'warning', `"${TEST}" passed before the patch and no longer exists after it`);
    const tamperRemoved = at('tamper-test-removed', 'warning', 'test removed (absent after the patch); restore it or say why it no longer applies');

    it('turns a removed test into spec-changed when a new test of its describe mirrors its failure', () => {
      const out = reconcileSpecChanges([removedMasked, removed, newF2p], [tamperRemoved]);
      expect(kinds(out)).toEqual(['spec-changed', 'test-removed', 'fail-to-pass']);
      expect(out[0]?.message).toContain(`"${TEST}" was replaced by "${NEW}"`);
      expect(out[0]?.message).toContain('`120` → `125`');
    });

    it('keeps masked-regression when the mirroring test does not fail on the old code, or something else weakened the test', () => {
      expect(kinds(reconcileSpecChanges([removedMasked, removed], [tamperRemoved]))).toEqual(['masked-regression', 'test-removed']);
      const disabled = at('tamper-test-disabled', 'warning', 'weaker', { test: `${FILE} > price` });
      expect(kinds(reconcileSpecChanges([removedMasked, removed, newF2p], [tamperRemoved, disabled]))[0]).toBe('masked-regression');
      const { mirroredBy: _, ...unmirrored } = removedMasked;
      expect(kinds(reconcileSpecChanges([unmirrored, removed, newF2p], [tamperRemoved]))[0]).toBe('masked-regression');
    });

    it('turns an edited test whose new expectation the static stage did not see into spec-changed when its failure is mirrored', () => {
      const edited = { ...masked, message: `${masked.message}${tail}`, mirroredBy: TEST };
      const out = reconcileSpecChanges([edited, failToPass], []);
      expect(kinds(out)).toEqual(['spec-changed', 'fail-to-pass']);
      expect(out[0]?.message).toContain('`120` → `125`');
      // its edit still must not weaken it, and its new version must fail on the old code
      expect(kinds(reconcileSpecChanges([edited, failToPass], [at('tamper-assertions-reduced', 'warning', 'weaker')]))[0]).toBe('masked-regression');
      expect(kinds(reconcileSpecChanges([edited], []))).toEqual(['masked-regression']);
    });
  });

  it('decides through gatherEvidence, which the verdict stage and a merge of shards both call', () => {
    const changed: Finding = { kind: 'source-changed', severity: 'info', message: 'x', file: 'src/price.ts' };
    const honest = gatherEvidence({ suites: [masked, failToPass], static: [expectedChanged], changes: [changed] });
    expect(kinds(honest)).toEqual(['spec-changed', 'fail-to-pass', 'tamper-expected-changed', 'source-changed']);
    expect(decideVerdict(honest)).toMatchObject({ verdict: 'substantive', confidence: 'high' });
    const loosened = at('tamper-matcher-loosened', 'warning', '`toBe(120)` → `toBeGreaterThan(0)`');
    expect(decideVerdict(gatherEvidence({ suites: [masked, failToPass], static: [loosened], changes: [changed] }))).toMatchObject({ verdict: 'regressive' });
  });
});
