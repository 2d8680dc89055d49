import type { Finding } from '../verdict/finding.js';
import { FINDING_KIND_INFO } from '../verdict/finding-kinds.js';
import type { Report, TestCounts } from './report.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
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
