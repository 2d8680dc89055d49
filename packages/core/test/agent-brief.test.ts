import { describe, expect, it } from 'vitest';
import { agentBrief, explainFinding, numberFindings, renderAgentBrief, renderExplanation, suggestTests } from '../src/report/agent-brief.js';
import { loadReport, REAL_REPORTS, reportWithMutation } from '../../cli/test/fixtures/reports/index.ts';

// The agent brief on real reports (`patchprobe verify --json` on the examples): what an agent's
// next turn reads first must be the step that unblocks it, phrased against its task.
describe('agentBrief on real reports', () => {
  it('leads each verdict with the step that decides it', () => {
    const next = (name: (typeof REAL_REPORTS)[number], intent?: string): string => agentBrief(loadReport(name), intent ? { intent } : {}).next[0]!;
    expect(next('masked-regression')).toBe(
      'Revert your edit to "test/shipping.test.ts > tierPrice > prices a 5 kg parcel": its old version fails on your code, so the edit hides a break. Then fix the code until the old test passes.',
    );
    expect(next('probe-edge-regression')).toBe(
      '`averageRating([])` returns 0 before your change and returns Number.NaN now: fix it (or, if that is intended, add the suggested test that pins it).',
    );
    expect(next('mutation-tests-weakened')).toMatch(/^Restore the tests and assertions your edit removed or loosened: the patch edited the tests, and they now kill 3 of 11 mutants of `clampPercent`/);
    expect(next('mutation-untested-fix')).toBe(
      'Add a test that fails before your change and passes after it for `volumetricWeight`: no test pins the new behaviour (a ready one is suggested for src/shipping.patchprobe.test.ts).',
    );
    expect(next('fix-with-test')).toBe('Done if this is the behaviour the task asks for: it changed, a test pins it, and nothing that passed before breaks.');
    expect(next('formatting-only', 'fix the rounding of discounts')).toBe(
      'No observable behaviour changed: if the task ("fix the rounding of discounts") needs a change of behaviour, it is not done yet (make the change, with a test that fails before it); if it asked for a refactor, it is done.',
    );
  });

  it('a substantive patch with a divergence its fail-to-pass tests do not explain: check it first (issue 17 §5)', () => {
    const report = loadReport('fix-with-test');
    const f = report.probes!.functions[0]!;
    const ce = f.counterexample!;
    f.explained = { intentCalls: 1, intentDiverged: 1, intentShapes: ['value number: other number'], unexplained: { ...ce, call: 'couponDiscount(10, {"minSpend":5})', before: 'returns 1', after: 'throws TypeError: x', shape: 'returns -> throws TypeError' } };
    report.findings.push({ kind: 'unexplained-divergence', severity: 'warning', symbol: f.id, message: 'a change the patch\'s fail-to-pass tests do not show' });
    expect(agentBrief(report).next[0]).toBe(
      'Check that your change to `couponDiscount` is meant: `couponDiscount(10, {"minSpend":5})` returns 1 before it and throws TypeError: x now, a change your fail-to-pass tests do not show. If it is not meant, fix it; if it is, add a test that pins it.',
    );
  });

  it('cosmetic at low confidence says the evidence is incomplete, in one sentence', () => {
    const report = loadReport('formatting-only');
    report.confidence = 'low';
    report.findings.push({ kind: 'missing-evidence', severity: 'warning', message: 'the property probes could not settle 1 changed function.' });
    expect(agentBrief(report).next[1]).toBe('The evidence is incomplete: the property probes could not settle 1 changed function; do not take "cosmetic" as proof.');
  });

  it('a new test that passes on the old code is a problem beside a code change, not in a tests-only patch (astkit034-c05d4804)', () => {
    const report = loadReport('formatting-only');
    report.findings.push({ kind: 'test-passes-on-old-code', severity: 'warning', test: 'test/a.test.ts > new', message: 'is new but already passes on the old code' });
    const testsOnly = { ...report, changes: { files: [{ path: 'test/a.test.ts', status: 'modified' as const, role: 'test' as const, category: 'code' as const, formattingOnly: false, additions: 3, deletions: 0 }] } };
    expect(agentBrief(testsOnly).next.join('\n')).not.toContain('proves nothing');
    const withCode = { ...report, changes: { files: [...testsOnly.changes.files, { ...testsOnly.changes.files[0]!, path: 'src/a.ts', role: 'source' as const }] } };
    expect(agentBrief(withCode).next[0]).toBe('Your new test "test/a.test.ts > new" passes on the old code too, so it proves nothing about your change: make it fail before the change.');
  });

  it('renders plain text in a fixed order: verdict, task, next, why, tests, then the evidence lists', () => {
    for (const name of REAL_REPORTS) {
      const report = loadReport(name);
      const text = renderAgentBrief(agentBrief(report, { intent: 'the task' }));
      expect(text).not.toMatch(/\u001b\[/);
      expect(text.split('\n')[0]).toBe(`patchprobe: ${report.verdict.toUpperCase()} (${report.confidence} confidence)`);
      const order = ['Task:', 'Next:', 'Why:', 'Tests:', 'Tests that broke or went away:', 'Counterexamples:', 'Edits of your lines that no test notices:', 'Outside the scope:', 'Findings:', 'Suggested tests:'];
      const at = order.map((h) => text.split('\n').findIndex((l) => l.startsWith(h))).filter((i) => i >= 0);
      expect(at, name).toEqual([...at].sort((a, b) => a - b));
      expect(renderAgentBrief(agentBrief(report, { intent: 'the task' }))).toBe(text);
    }
  });

  it('cuts each list to five and counts the rest; removed tests are not called broken', () => {
    const brief = agentBrief(loadReport('mutation-tests-weakened'));
    expect(brief.survivingMutants).toHaveLength(5);
    expect(brief.omitted.survivingMutants).toBe(3);
    expect(renderAgentBrief(brief)).toContain('- … and 3 more');
    expect(brief.failingTests.every((t) => t.how === 'removed')).toBe(true);
    expect(brief.failingTests[0]).toMatchObject({ test: 'test/percent.test.ts > clampPercent > rounds values inside the range', finding: 'F2' });
  });

  it('lists only tests that passed before: a failing test that stays failing or gets skipped is not a break', () => {
    const report = loadReport('masked-regression');
    expect(renderAgentBrief(agentBrief(report))).toContain('- test/shipping.test.ts > tierPrice > prices a 5 kg parcel: its old version fails on the new code [F1]');
    report.tests.changed.push(
      { id: 'x1', name: 'test/a.test.ts > was failing', file: 'test/a.test.ts', before: 'fail', after: 'skip', flaky: false },
      { id: 'x2', name: 'test/a.test.ts > flaky', file: 'test/a.test.ts', before: 'pass', after: 'fail', flaky: true },
    );
    expect(agentBrief(report).failingTests.map((t) => t.test)).toEqual(['test/shipping.test.ts > tierPrice > prices a 5 kg parcel']);
  });

  it('numbers findings in report order, so an id in the brief is the one explainFinding takes', () => {
    const report = loadReport('masked-regression');
    const brief = agentBrief(report);
    const all = numberFindings(report);
    for (const f of brief.findings) expect(all.find((x) => x.id === f.id)).toEqual(f);
    expect(brief.failingTests[0]!.finding).toBe('F1');
    expect(all[0]!.kind).toBe('masked-regression');
    expect(brief.counterexamples[0]!.finding).toBe(all.find((f) => f.kind === 'probe-diverged')!.id);
  });
});

describe('explainFinding', () => {
  it('gives the test, its matrix cells, the counterexample and the code on both sides', () => {
    const report = loadReport('masked-regression');
    const e = explainFinding(report, 'f1')!;
    expect(e.finding.kind).toBe('masked-regression');
    expect(e.verdictRole).toBe('regressive');
    expect(e.test).toMatchObject({ before: 'pass', after: 'pass', oldTestOnNewCode: 'fail' });
    const text = renderExplanation(e);
    expect(text).toContain('old test on new code fail');
    expect(text).toContain('(AssertionError: expected 12 to be 7.5');
    expect(text).toMatch(/^Meaning: The old version of a test the patch edited/m);
    const diverged = numberFindings(report).find((f) => f.kind === 'probe-diverged')!;
    const d = explainFinding(report, diverged.id)!;
    expect(d.counterexample).toMatchObject({ call: 'tierPrice(5)', before: 'returns 7.5', after: 'returns 12' });
    expect(d.declaration?.before).toContain('function tierPrice');
    expect(d.declaration?.after).toContain('function tierPrice');
    expect(explainFinding(report, `F${report.findings.length + 1}`)).toBeUndefined();
  });
});

describe('suggestTests', () => {
  it('the probes test for a counterexample, and one todo per after-side mutant no test kills', () => {
    const tests = suggestTests(reportWithMutation());
    expect(tests.map((t) => [t.from, t.file])).toEqual([
      ['counterexample', 'src/coupon.patchprobe.test.ts'],
      ['surviving-mutant', 'src/coupon.patchprobe-gaps.test.ts'],
    ]);
    const todos = tests[1]!.code.split('\n').filter((l) => l.includes('it.todo('));
    expect(todos).toEqual([
      '  it.todo("src/coupon.ts:14: a test must fail when `Math.max(coupon.percentOff, 0)` becomes `Math.min(coupon.percentOff, 0)`");',
      '  it.todo("src/coupon.ts:15: a test must fail when `(subtotal * percent) / 100` becomes `(subtotal * percent) * 100`");',
      '  it.todo("src/coupon.ts:16: a test must fail when `return 0;` becomes `` (no test reaches this line)");',
    ]);
    expect(suggestTests(reportWithMutation(), 'couponDiscount')).toHaveLength(2);
    // Two declarations of one file: one file to paste (two would overwrite each other), a describe each.
    const two = reportWithMutation();
    two.mutation!.mutants.push({ ...two.mutation!.mutants[2]!, symbol: 'src/coupon.ts#couponDiscount.<anon#0>', line: 20 });
    const gaps = suggestTests(two).filter((t) => t.from === 'surviving-mutant');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.code.match(/^describe\(.*$/gm)).toEqual(['describe("couponDiscount", () => {', 'describe("couponDiscount.<anon#0>", () => {']);
    expect(suggestTests(reportWithMutation(), 'Cart.total')).toEqual([]);
  });
});
