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
    [['source-changed', 'fail-to-pass', 'test-flaky'], 'substantive/medium'],
    [['source-changed', 'test-outcome-changed'], 'substantive/medium'],
    [['no-change'], 'cosmetic/high'],
    [['source-formatting-only'], 'cosmetic/high'],
    [['docs-changed'], 'cosmetic/high'],
    [['test-file-changed', 'test-passes-on-old-code'], 'cosmetic/high'],
    [['test-file-changed', 'test-edited-to-pass'], 'cosmetic/high'],
    [['source-changed'], 'cosmetic/low'],
    [['source-changed', 'source-formatting-only', 'test-file-changed', 'test-passes-on-old-code'], 'cosmetic/low'],
  ] as Array<[FindingKind[], string]>)('%j → %s', (kinds, expected) => {
    expect(decide(...kinds)).toBe(expected);
  });

  it('names the missing evidence when code changed and no test outcome did', () => {
    const d = decideVerdict([f('source-changed')]);
    expect(d.findings).toEqual([expect.objectContaining({ kind: 'missing-evidence', severity: 'warning', message: expect.stringContaining('Property probes') })]);
  });

  it('never upgrades a regressive verdict when more evidence is added (monotonic)', () => {
    const extras: FindingKind[] = ['test-fixed', 'fail-to-pass', 'source-formatting-only', 'docs-changed', 'test-outcome-changed', 'no-change'];
    for (const extra of extras) expect(decide('source-changed', 'test-broken', extra)).toMatch(/^regressive/);
  });
});
