import type { Finding } from '../verdict/finding.js';
import { FINDING_KIND_INFO } from '../verdict/finding-kinds.js';
import type { Report, TestCounts } from './report.js';

/**
 * Where a finding goes in the report, the summary and the CLI's renderings (lower first): a failing
 * test the patch edited until it passed (`test-edited-to-pass`) heads the list whatever else was
 * found — it is the one thing a reviewer must not miss when the verdict is quiet; then errors; then
 * `spec-changed` (new expected values a reviewer confirms); then the other warnings; then infos.
 */
export function findingRank(f: Pick<Finding, 'kind' | 'severity'>): number {
  if (f.kind === 'test-edited-to-pass') return 0;
  if (f.severity === 'error') return 1;
  if (f.kind === 'spec-changed') return 2;
  return f.severity === 'warning' ? 3 : 4;
}

/** Findings by findingRank; equal ranks keep their order (the stages' order, see gatherEvidence). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => findingRank(a) - findingRank(b));
}

export function formatCounts(c: TestCounts | null): string {
  if (!c) return 'not run';
  const parts = [`${c.pass} passed`, `${c.fail} failed`];
  if (c.skip) parts.push(`${c.skip} skipped`);
  if (c.todo) parts.push(`${c.todo} todo`);
  return parts.join(', ');
}

export function findingLocation(f: Finding): string {
  return f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : '';
}

/**
 * Plain text, no colour, at most ~20 lines: what a reviewer or an agent needs to act on the verdict.
 */
export function renderSummary(report: Omit<Report, 'summary'>, maxFindings = 10): string {
  const lines: string[] = [];
  lines.push(`patchprobe verdict: ${report.verdict.toUpperCase()} (${report.confidence} confidence)`);
  for (const r of report.reasons) lines.push(`- ${r}`);
  const roles = { source: 0, test: 0, docs: 0 };
  for (const f of report.changes.files) roles[f.role]++;
  lines.push(`Changed: ${roles.source} source, ${roles.test} test, ${roles.docs} docs file(s)`);
  lines.push(`Tests: before ${formatCounts(report.tests.totals.before)}; after ${formatCounts(report.tests.totals.after)}`);
  // Info findings only when they are evidence a reader acts on (summaryAtInfo); the rest (per-file,
  // per-declaration facts) stay in the JSON.
  const shown = sortFindings(report.findings).filter((f) => f.severity !== 'info' || FINDING_KIND_INFO[f.kind].summaryAtInfo);
  if (shown.length > 0) lines.push('Evidence:');
  for (const f of shown.slice(0, maxFindings)) lines.push(`- [${f.severity}] ${f.message}${findingLocation(f)}`);
  if (shown.length > maxFindings) lines.push(`- … and ${shown.length - maxFindings} more in the JSON report`);
  return lines.join('\n');
}
