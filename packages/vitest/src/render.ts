import type { Report } from '@patchprobe/core';

/**
 * The compact verdict printed after each run: verdict, each touched source function with its
 * change kind and probe result, and why. Plain text (vitest's logger owns colours and streams).
 */
export function renderLiveVerdict(report: Report, opts: { base: string; full: boolean; durationMs: number }): string {
  const out: string[] = [''];
  out.push(` patchprobe  ${report.verdict.toUpperCase()} (${report.confidence} confidence) · working tree vs ${opts.base} · ${(opts.durationMs / 1000).toFixed(1)} s`);
  const tests = new Set(report.changes.files.filter((f) => f.role === 'test').map((f) => f.path));
  const probes = new Map((report.probes?.functions ?? []).flatMap((f) => f.covers.map((c) => [c, f] as const)));
  const decls = (report.static?.declarations ?? []).filter((d) => !tests.has(d.file) && !d.symbol.includes('<anon'));
  const width = Math.min(50, Math.max(0, ...decls.map((d) => d.symbol.length)));
  for (const d of decls.slice(0, 12)) {
    const p = probes.get(d.symbol);
    const probe = p ? `  probe: ${p.outcome}${p.counterexample ? `  ${p.counterexample.call}: before ${p.counterexample.before}, after ${p.counterexample.after}` : ''}` : '';
    out.push(`   ${d.symbol.padEnd(width)}  ${d.change}${probe}`);
  }
  if (decls.length > 12) out.push(`   … ${decls.length - 12} more`);
  for (const r of report.reasons) out.push(`   why: ${r}`);
  const shown = report.findings.filter((f) => (opts.full ? f.severity !== 'info' || f.kind.startsWith('probe-') : f.severity === 'error'));
  for (const f of shown.slice(0, opts.full ? 50 : 5)) out.push(`   ${f.severity}: ${f.message}`);
  out.push('');
  return out.join('\n');
}
