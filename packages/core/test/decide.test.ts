import { describe, expect, it } from 'vitest';
import { decideVerdict } from '../src/verdict/decide.js';
import type { Finding, FindingKind } from '../src/verdict/finding.js';

const f = (kind: FindingKind, severity: Finding['severity'] = 'info'): Finding => ({ kind, severity, message: kind });
const decide = (...kinds: FindingKind[]) => {
  const d = decideVerdict(kinds.map((k) => f(k)));
  return `${d.verdict}/${d.confidence}`;
};

// The rows of docs/verdict.md, in order.
describe(decideVerdict.name, () => {
  it.each([
    [['source-changed', 'test-broken'], 'regressive/high'],
    [['source-changed', 'test-file-changed', 'masked-regression', 'fail-to-pass'], 'regressive/high'],
    [['source-changed', 'test-disabled'], 'regressive/high'],
    [['source-changed', 'suite-crashed'], 'regressive/high'],
    [['test-file-changed', 'test-broken'], 'regressive/high'],
    [['source-changed', 'test-broken', 'test-flaky'], 'regressive/medium'],
    [['source-changed', 'test-fixed'], 'substantive/high'],
    [['source-changed', 'test-file-changed', 'fail-to-pass'], 'substantive/high'],
    // a masked regression reconciled into a change of specification (verdict/spec-change.ts)
    [['source-changed', 'test-file-changed', 'spec-changed', 'fail-to-pass', 'tamper-expected-changed'], 'substantive/high'],
    [['source-changed', 'test-file-changed', 'spec-changed', 'masked-regression', 'fail-to-pass'], 'regressive/high'],
    [['source-changed', 'fail-to-pass', 'test-flaky'], 'substantive/medium'],
    [['source-changed', 'test-outcome-changed'], 'substantive/medium'],
    [['no-change'], 'cosmetic/high'],
    [['source-formatting-only'], 'cosmetic/high'],
    [['docs-changed'], 'cosmetic/high'],
    [['test-file-changed', 'test-passes-on-old-code'], 'cosmetic/high'],
    // a failing test edited until it passes: never more than medium confidence, whatever the rule
    [['test-file-changed', 'test-edited-to-pass'], 'cosmetic/medium'],
    [['source-changed', 'test-file-changed', 'fail-to-pass', 'test-edited-to-pass'], 'substantive/medium'],
    [['source-changed', 'test-broken', 'test-edited-to-pass'], 'regressive/medium'],
    [['source-changed', 'test-edited-to-pass'], 'cosmetic/low'],
    [['source-changed'], 'cosmetic/low'],
    [['source-changed', 'source-formatting-only', 'test-file-changed', 'test-passes-on-old-code'], 'cosmetic/low'],
  ] as Array<[FindingKind[], string]>)('%j → %s', (kinds, expected) => {
    expect(decide(...kinds)).toBe(expected);
  });

  it('puts a test edited to pass first among the reasons, unless the patch is regressive', () => {
    const cosmetic = decideVerdict([f('test-file-changed'), f('test-edited-to-pass', 'warning')]);
    expect(cosmetic.reasons[0]).toMatch(/^1 failing test passes only because the patch edited it .*at most medium/);
    const regressive = decideVerdict([f('source-changed'), f('test-broken', 'error'), f('test-edited-to-pass', 'warning')]);
    expect(regressive.reasons.at(-1)).toMatch(/only because the patch edited it/);
  });

  it.each([
    ['invented-api', 'error', 'regressive/high'],
    ['unknown-package', 'error', 'regressive/high'],
    // a package a package.json declares (the patch added it) that is not installed: the type-check could not see it
    ['package-not-installed', 'warning', 'cosmetic/low'],
    ['type-error', 'error', 'regressive/high'],
    ['type-error', 'warning', 'cosmetic/low'],
  ] as const)('static evidence: %s (%s) → %s', (kind, severity, expected) => {
    const d = decideVerdict([{ kind: 'source-changed', severity: 'info', message: 'x', file: 'src/a.ts' }, { kind, severity, message: 'x', file: 'src/a.ts' }]);
    expect(`${d.verdict}/${d.confidence}`).toBe(expected);
  });

  it('treats a code file the static stage proved equivalent as no code change', () => {
    const changed = (file: string): Finding => ({ kind: 'source-changed', severity: 'info', message: 'x', file });
    const equivalent = (file: string): Finding => ({ kind: 'source-equivalent', severity: 'info', message: 'x', file });
    const both = decideVerdict([changed('src/a.ts'), equivalent('src/a.ts'), changed('src/b.ts'), equivalent('src/b.ts')]);
    expect(`${both.verdict}/${both.confidence}`).toBe('cosmetic/high');
    const one = decideVerdict([changed('src/a.ts'), equivalent('src/a.ts'), changed('src/b.ts')]);
    expect(`${one.verdict}/${one.confidence}`).toBe('cosmetic/low');
  });

  // Rules 1 (probe part), 4b and 7 of docs/verdict.md: property probe evidence.
  const probe = (kind: FindingKind, severity: Finding['severity'], symbol = 'src/a.ts#f'): Finding => ({ kind, severity, message: kind, symbol, file: 'src/a.ts' });
  const changed: Finding = { kind: 'source-changed', severity: 'info', message: 'x', file: 'src/a.ts' };
  it.each([
    [[probe('probe-crash', 'error')], undefined, 'regressive/high'],
    [[probe('probe-degenerate', 'error')], undefined, 'regressive/high'],
    // a test written by the patch expects the crash: a warning, and the divergence still counts as a change
    [[probe('probe-crash', 'warning'), probe('probe-diverged', 'info', 'src/a.ts#g')], undefined, 'substantive/medium'],
    [[probe('probe-diverged', 'info')], undefined, 'substantive/medium'],
    [[probe('probe-new-validation', 'warning')], undefined, 'substantive/medium'],
    [[probe('probe-argument-mutated', 'warning')], undefined, 'substantive/medium'],
    [[probe('probe-returns-undefined', 'warning')], undefined, 'substantive/medium'],
    [[probe('probe-equivalent', 'info')], { allEquivalent: true, strong: false }, 'cosmetic/medium'],
    [[probe('probe-equivalent', 'info')], { allEquivalent: true, strong: true }, 'cosmetic/high'],
    [[probe('probe-equivalent', 'info'), { kind: 'test-flaky', severity: 'warning', message: 'x' } as Finding], { allEquivalent: true, strong: true }, 'cosmetic/medium'],
    [[probe('probe-nondeterministic', 'warning')], { allEquivalent: false, strong: false }, 'cosmetic/low'],
    [[probe('probe-inconclusive', 'warning')], { allEquivalent: false, strong: false }, 'cosmetic/low'],
  ] as Array<[Finding[], { allEquivalent: boolean; strong: boolean } | undefined, string]>)('probe evidence %# → %s', (findings, probes, expected) => {
    const d = decideVerdict([changed, ...findings], probes);
    expect(`${d.verdict}/${d.confidence}`).toBe(expected);
  });

  // The plugin's live inspection runs no suite: the reasons must not claim test outcomes.
  it.each([
    [[probe('probe-diverged', 'info')], undefined, 'the property probes found 1 changed function whose results differ before vs after on the same inputs'],
    [[probe('probe-equivalent', 'info')], { allEquivalent: true, strong: true }, 'the property probes found no difference between before and after in 1 changed function'],
    [[], undefined, 'code changed, and no observable behaviour change was found'],
  ] as Array<[Finding[], { allEquivalent: boolean; strong: boolean } | undefined, string]>)('without suite runs %# the first reason is "%s"', (findings, probes, reason) => {
    const withSuites = decideVerdict([changed, ...findings], probes);
    const without = decideVerdict([changed, ...findings], probes, undefined, { suites: false });
    expect(without.reasons[0]).toBe(reason);
    expect(withSuites.reasons[0]).toMatch(/no test outcome changed/);
    expect(`${without.verdict}/${without.confidence}`).toBe(`${withSuites.verdict}/${withSuites.confidence}`);
  });

  it('does not call a patch regressive, or unchanged, when its only failures come from a new dependency that is not installed', () => {
    const d = decideVerdict([changed, { kind: 'test-needs-install', severity: 'warning', message: 'x' }, { kind: 'package-not-installed', severity: 'warning', message: 'x' }]);
    expect(`${d.verdict}/${d.confidence}`).toBe('cosmetic/low');
    expect(d.reasons[0]).toMatch(/could not run the new code/);
  });

  it('lets a failing old test decide whatever the probes say', () => {
    const d = decideVerdict([changed, f('test-broken'), probe('probe-equivalent', 'info')], { allEquivalent: true, strong: true });
    expect(d.verdict).toBe('regressive');
  });

  it('says which functions the probes could not settle', () => {
    const d = decideVerdict([changed, probe('probe-inconclusive', 'warning'), probe('probe-nondeterministic', 'warning', 'src/a.ts#g')], { allEquivalent: false, strong: false });
    expect(d.findings[0]?.message).toMatch(/could not settle 2 changed functions/);
  });

  it('names the missing evidence when code changed and no test outcome did', () => {
    const d = decideVerdict([f('source-changed')]);
    expect(d.findings).toEqual([expect.objectContaining({ kind: 'missing-evidence', severity: 'warning', message: expect.stringContaining('Property probes') })]);
  });

  it('never upgrades a regressive verdict when more evidence is added (monotonic)', () => {
    const extras: FindingKind[] = ['test-fixed', 'fail-to-pass', 'source-formatting-only', 'docs-changed', 'test-outcome-changed', 'no-change'];
    for (const extra of extras) expect(decide('source-changed', 'test-broken', extra)).toMatch(/^regressive/);
  });

  // Rules 1 (tests-weakened), 7 and 8 of docs/verdict.md: mutation evidence.
  describe('mutation evidence', () => {
    const changed = f('source-changed');
    const eq = (strong: boolean) => ({ allEquivalent: true, strong });
    const unsettled = { allEquivalent: false, strong: false };
    it.each([
      // [findings, probes, mutation score, expected]
      [[f('tests-weakened', 'error')], undefined, 30, 'regressive/high'],
      [[f('probe-equivalent')], eq(true), 90, 'cosmetic/high'],
      [[f('probe-equivalent')], eq(true), 40, 'cosmetic/medium'],
      [[f('probe-equivalent')], eq(false), 90, 'cosmetic/high'],
      [[f('probe-equivalent')], eq(false), 40, 'cosmetic/medium'],
      [[f('probe-equivalent')], eq(false), null, 'cosmetic/medium'],
      [[f('probe-inconclusive', 'warning')], unsettled, 90, 'cosmetic/medium'],
      [[f('probe-inconclusive', 'warning')], unsettled, 40, 'cosmetic/low'],
      [[], undefined, 75, 'cosmetic/medium'],
      [[], undefined, 10, 'cosmetic/low'],
      [[f('no-tests')], undefined, 100, 'cosmetic/low'],
      [[f('fail-to-pass')], undefined, 10, 'substantive/high'],
    ] as Array<[Finding[], { allEquivalent: boolean; strong: boolean } | undefined, number | null, string]>)('%# → %s', (findings, probes, score, expected) => {
      const d = decideVerdict([changed, ...findings], probes, { score, minScore: 60 });
      expect(`${d.verdict}/${d.confidence}`).toBe(expected);
    });

    it('says why a low mutation score lowers the confidence', () => {
      const d = decideVerdict([changed, f('probe-equivalent')], eq(true), { score: 25, minScore: 60 });
      expect(d.reasons.join(' ')).toContain('the tests kill 25% of the touched code');
      const low = decideVerdict([changed], undefined, { score: 25, minScore: 60 });
      expect(low.findings[0]?.message).toContain('kill only 25%');
    });

    it('takes the threshold from the caller', () => {
      expect(decideVerdict([changed], undefined, { score: 75, minScore: 80 }).confidence).toBe('low');
      expect(decideVerdict([changed], undefined, { score: 75, minScore: 70 }).confidence).toBe('medium');
    });
  });
});
