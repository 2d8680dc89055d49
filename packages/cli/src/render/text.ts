import type pc from 'picocolors';
import { findingLocation, formatCounts, sortFindings, type Report } from '@patchprobe/core';

export type Colors = ReturnType<typeof pc.createColors>;

// Shown in their own sections (Touched declarations, Type-check), not repeated under Findings.
const PER_DECLARATION = new Set(['declaration-changed', 'declaration-added', 'declaration-removed', 'declaration-renamed', 'declaration-moved', 'typecheck-skipped', 'mutation-score', 'mutation-survivor']);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The human report for a terminal. Colours come from the caller (off unless a TTY without NO_COLOR). */
export function renderText(report: Report, c: Colors): string {
  const out: string[] = [];
  const verdictColor = report.verdict === 'regressive' ? c.red : report.verdict === 'substantive' ? c.green : c.yellow;
  const after = report.subject.after;
  const afterText = after.kind === 'patch' ? `patch ${after.file}` : after.kind === 'revision' ? `${after.rev} (${after.commit.slice(0, 7)})` : 'working tree';
  out.push(c.dim(`patchprobe ${report.tool.version} · ${report.subject.project || '.'} · ${report.subject.base.rev} (${report.subject.base.commit.slice(0, 7)}) → ${afterText}`));
  out.push('');
  out.push(`  ${c.bold('Verdict')}  ${c.bold(verdictColor(report.verdict.toUpperCase()))}  (${report.confidence} confidence)`);
  report.reasons.forEach((r, i) => out.push(`  ${i === 0 ? c.bold('Why    ') : '       '}  ${r}`));

  if (report.changes.files.length > 0) {
    out.push('', `  ${c.bold('Changed files')}`);
    const width = Math.min(60, Math.max(...report.changes.files.map((f) => f.path.length)));
    for (const f of report.changes.files) {
      const mark = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R' }[f.status];
      const kind = f.role === 'source' && f.formattingOnly ? 'source (formatting only)' : f.role;
      out.push(`    ${mark} ${f.path.padEnd(width)}  ${kind.padEnd(8)}  ${c.green(`+${f.additions}`)} ${c.red(`−${f.deletions}`)}`);
    }
  }

  const firstRuns = report.tests.runs.filter((r) => r.attempt === 0);
  if (firstRuns.length > 0) {
    const left = report.tests.skippedProjects ? `; projects left out: ${report.tests.skippedProjects.join(', ')}` : '';
    out.push('', `  ${c.bold('Test matrix')}${report.tests.vitestVersion ? c.dim(`  (vitest ${report.tests.vitestVersion}${left})`) : ''}`);
    for (const r of firstRuns) {
      const scope = r.files === 'all' ? 'all tests' : `${r.files.length} file${r.files.length === 1 ? '' : 's'}`;
      const result = r.status === 'crashed' ? c.red(`crashed: ${r.crashMessage ?? ''}`) : formatCounts(r.counts);
      out.push(`    ${r.label.padEnd(30)} ${scope.padEnd(10)} ${result}  ${c.dim(seconds(r.durationMs))}`);
      const inferred = r.inferredFiles?.length ?? 0;
      if (inferred > 0) {
        const one = inferred === 1;
        out.push(c.dim(`      ${one ? '1 test file' : `${inferred} test files`} not run on the old code: ${one ? 'it imports' : 'they import'} nothing the patch changes and ${one ? 'passes' : 'pass'} after it, so the after run's outcomes stand`));
      }
      if (r.stoppedAfterMs !== undefined) {
        out.push(c.dim(`      stopped after ${seconds(r.stoppedAfterMs)}: the new tests did not finish on the old code (a loop that never ends?), so the tests only the new files have read as failing`));
      }
    }
    const reruns = report.tests.runs.length - firstRuns.length;
    if (reruns > 0) out.push(c.dim(`    + ${reruns} rerun${reruns === 1 ? '' : 's'} of the tests whose outcome changed`));
  }

  if (report.tests.changed.length > 0) {
    out.push('', `  ${c.bold('Changed tests')}`);
    for (const t of report.tests.changed.slice(0, 20)) {
      const cells = [`before ${t.before}`, `after ${t.after}`];
      if (t.oldTestOnNewCode) cells.push(`old test on new code ${t.oldTestOnNewCode}`);
      if (t.newTestOnOldCode) cells.push(`new test on old code ${t.newTestOnOldCode}`);
      out.push(`    ${t.name}${t.flaky ? c.yellow(' (flaky)') : ''}`);
      out.push(c.dim(`      ${cells.join(' · ')}`));
    }
    if (report.tests.changed.length > 20) out.push(c.dim(`    … ${report.tests.changed.length - 20} more in the JSON report`));
  }

  if (report.static) {
    // Source declarations only: a test file's describe/it callbacks say nothing a reviewer needs here.
    const testFiles = new Set(report.changes.files.filter((f) => f.role === 'test').map((f) => f.path));
    const decls = report.static.declarations.filter((d) => !testFiles.has(d.file));
    if (decls.length > 0) {
      out.push('', `  ${c.bold('Touched declarations')}`);
      const width = Math.min(60, Math.max(...decls.map((d) => d.symbol.length)));
      for (const d of decls.slice(0, 15)) {
        const kind = d.change === 'semantic' ? c.yellow(d.change) : d.change;
        out.push(`    ${d.symbol.padEnd(width)}  ${kind}${d.oldSymbol ? c.dim(` (was ${d.oldSymbol})`) : ''}`);
      }
      if (decls.length > 15) out.push(c.dim(`    … ${decls.length - 15} more in the JSON report`));
    }
    const tc = report.static.typecheck;
    // A narrowed check says so: a reader should know the other files were not type-checked again.
    const narrowed = tc.afterScope ? c.dim(` · the patch keeps the declared shapes of its files: only ${tc.afterScope.length === 1 ? 'that file' : `those ${tc.afterScope.length} files`} checked after it`) : '';
    out.push('', `  ${c.bold('Type-check')}  ${tc.status === 'ran' ? `before and after compared ${c.dim(seconds(tc.durationMs))}${narrowed}` : c.dim(`skipped: ${tc.reason ?? ''}`)}`);
  }

  if (report.probes && report.probes.functions.length > 0) {
    const p = report.probes;
    out.push('', `  ${c.bold('Property probes')}  ${c.dim(`before vs after on the same inputs · seed ${p.seed} · ${p.runs} runs per function`)}`);
    const color = { equivalent: c.green, diverged: c.yellow, nondeterministic: c.yellow, inconclusive: c.dim } as const;
    for (const f of p.functions.slice(0, 15)) {
      const name = f.id.slice(f.id.indexOf('#') + 1);
      const inputs = [f.inputs.derived ? 'generated' : '', f.inputs.recorded ? `${f.inputs.recorded} recorded` : ''].filter(Boolean).join(' + ');
      out.push(`    ${name}  ${color[f.outcome](f.outcome)}  ${c.dim(`${f.runs} inputs${inputs ? ` (${inputs})` : ''}${f.async ? ", async" : ""} · ${f.durationMs} ms`)}`);
      const ce = f.counterexample;
      if (ce) {
        out.push(`      ${ce.call}`);
        out.push(`        before  ${ce.before}`);
        out.push(`        after   ${ce.after}`);
      } else if (f.reason) {
        out.push(c.dim(`      ${f.reason}`));
      }
    }
    if (p.functions.length > 15) out.push(c.dim(`    … ${p.functions.length - 15} more in the JSON report`));
    const suggested = p.functions.find((f) => f.suggestedTest);
    if (suggested?.suggestedTest) out.push(c.dim(`    A test that pins the new behaviour is in the JSON report (probes.functions[].suggestedTest), e.g. for ${suggested.suggestedTest.file}`));
    const d = p.docExamples;
    if (d) {
      const parts = [`${d.checked} checked`, `${d.held} held`, ...(d.broken > 0 ? [c.red(`${d.broken} broken`)] : []), ...(d.fixed > 0 ? [`${d.fixed} fixed`] : [])];
      const aside = [...(d.ignored > 0 ? [`${d.ignored} not judged`] : []), ...(d.changedByPatch > 0 ? [`${d.changedByPatch} rewritten by the patch`] : []), ...(d.unreadable > 0 ? [`${d.unreadable} unreadable`] : [])];
      out.push(`    Documented examples  ${parts.join(', ')}${aside.length > 0 ? c.dim(` · ${aside.join(', ')}`) : ''}`);
    }
  }

  if (report.mutation) {
    const m = report.mutation;
    if (m.status === 'skipped') {
      out.push('', `  ${c.bold('Mutation probes')}  ${c.dim(`skipped: ${m.reason ?? ''}`)}`);
    } else {
      const score = (s: number | null): string => (s === null ? 'no score' : `${s}%`);
      const head = `score ${score(m.score)}${m.beforeScore !== null ? ` (the same mutants under the old tests: ${score(m.beforeScore)})` : ''} · threshold ${m.minScore}%`;
      out.push('', `  ${c.bold('Mutation probes')}  ${c.dim(`StrykerJS on the touched code · ${head}`)}`);
      for (const r of m.runs.filter((x) => x.status !== 'ran')) out.push(c.yellow(`    ${r.side}: ${r.status}: ${r.reason ?? ''}`));
      for (const r of m.runs.filter((x) => x.cutShort)) out.push(c.yellow(`    stopped at the time budget (--mutation-timeout) with ${r.tested} mutants tested: the scores count those`));
      const width = Math.min(50, Math.max(0, ...m.declarations.map((d) => d.symbol.length)));
      for (const d of m.declarations.slice(0, 15)) {
        const a = d.after;
        if (!a) continue;
        const tint = a.score === null ? c.dim : a.score < m.minScore ? c.yellow : c.green;
        const before = d.before?.score != null ? c.dim(` · before ${d.before.score}%`) : '';
        out.push(`    ${d.symbol.padEnd(width)}  ${tint(score(a.score))}  ${c.dim(`${a.mutants} mutants: ${a.killed + a.timeout} killed, ${a.survived} survived, ${a.noCoverage} no coverage`)}${before}`);
      }
      const survivors = m.mutants.filter((x) => x.side === 'after' && (x.status === 'survived' || x.status === 'no-coverage'));
      for (const x of survivors.slice(0, 10)) {
        out.push(`      ${x.file}:${x.line}  ${x.original}  →  ${x.replacement}  ${c.yellow(x.status === 'survived' ? 'survived' : 'no coverage')}`);
      }
      if (survivors.length > 10) out.push(c.dim(`      … ${survivors.length - 10} more surviving mutants in the JSON report`));
      if (m.htmlReport) out.push(c.dim(`    StrykerJS HTML report: ${m.htmlReport}`));
    }
  }

  // Declarations have their own table above; the rest of the evidence is listed here.
  const listed = sortFindings(report.findings.filter((f) => !PER_DECLARATION.has(f.kind)));
  if (listed.length > 0) {
    out.push('', `  ${c.bold('Findings')}`);
    for (const f of listed) {
      const tag = f.severity === 'error' ? c.red('✖ error  ') : f.severity === 'warning' ? c.yellow('▲ warning') : c.dim('· info   ');
      out.push(`    ${tag} ${f.message}${c.dim(findingLocation(f))}`);
    }
  }

  const stages = Object.entries(report.timings).map(([k, v]) => `${k} ${seconds(v ?? 0)}`);
  out.push('', c.dim(`  Time  ${stages.join(' · ')} · total ${seconds(report.durationMs)}`), '');
  return out.join('\n');
}
