import { describe, expect, it } from 'vitest';
import { findingRank, renderSummary, sortFindings } from '../src/report/summary.js';
import type { Finding, FindingKind } from '../src/verdict/finding.js';

const f = (kind: FindingKind, severity: Finding['severity']): Finding => ({ kind, severity, message: `${kind} (${severity})` });

describe(sortFindings.name, () => {
  it('puts a test edited to pass first, then errors, spec-changed, other warnings, infos; equal ranks keep their order', () => {
    const findings = [
      f('fail-to-pass', 'info'),
      f('tamper-expected-changed', 'warning'),
      f('test-broken', 'error'),
      f('spec-changed', 'warning'),
      f('test-edited-to-pass', 'warning'),
      f('test-removed', 'warning'),
      f('masked-regression', 'error'),
    ];
    expect(sortFindings(findings).map((x) => x.kind)).toEqual([
      'test-edited-to-pass',
      'test-broken',
      'masked-regression',
      'spec-changed',
      'tamper-expected-changed',
      'test-removed',
      'fail-to-pass',
    ]);
    expect(findingRank(f('test-edited-to-pass', 'warning'))).toBeLessThan(findingRank(f('test-broken', 'error')));
  });

  it('shows a test edited to pass as the first evidence line of the summary', () => {
    const text = renderSummary({
      verdict: 'cosmetic',
      confidence: 'medium',
      reasons: ['x'],
      changes: { files: [] },
      tests: { totals: { before: null, after: null } },
      findings: sortFindings([f('tamper-expected-changed', 'warning'), f('test-edited-to-pass', 'warning')]),
    } as unknown as Parameters<typeof renderSummary>[0]);
    expect(text.split('\n').find((l) => l.startsWith('- [warning]'))).toBe('- [warning] test-edited-to-pass (warning)');
  });
});
