import { createHash } from 'node:crypto';
import { findingLocation, formatCounts, type DeclarationChange, type Finding, type MutantEntry, type MutationCounts, type Report, type Severity } from '@patchprobe/core';
import { codeView } from './html/code-view.js';
import { clip, h, plural, prose, raw, seconds, type Markup } from './html/markup.js';
import { STYLES } from './html/styles.js';

type ProbeEntry = NonNullable<Report['probes']>['functions'][number];

// Caps keep a report with thousands of tests or mutants a page a browser opens at once; each
// section says how many it left out, and the JSON report keeps them all.
export const HTML_LIMITS = { declarations: 20, changedTests: 100, counterexamples: 20, mutants: 100, findingsPerSeverity: 200, files: 100 } as const;

// Printing should show what a reader would expand by hand. The CSP below allows this script by its
// hash and nothing else, so even markup that slipped past escaping could not run a script.
const PRINT_SCRIPT = "addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true})});";
const CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}'; base-uri 'none'; form-action 'none'`;

const nameOf = (symbol: string): string => symbol.slice(symbol.indexOf('#') + 1);
const more = (n: number, what: string): Markup | null => (n > 0 ? h`<p class="more" data-testid="more">… ${plural(n, what)} more in the JSON report</p>` : null);
const state = (s: string): Markup => h`<span class="state ${s}">${s}</span>`;
const section = (id: string, title: string, count: string | number | null, ...body: Array<Markup | null>): Markup =>
  h`<section id="${id}"><h2>${title}${count !== null ? h`<span class="count">${count}</span>` : null}</h2>${body}</section>`;

function afterText(report: Report): string {
  const after = report.subject.after;
  return after.kind === 'patch' ? `patch ${after.file}` : after.kind === 'revision' ? `${after.rev} (${after.commit.slice(0, 7)})` : 'working tree';
}

function header(report: Report, toc: Markup): Markup {
  const s = report.subject;
  return h`<header>
<p class="tool">patchprobe ${report.tool.version} · ${s.project || '.'} · <span data-testid="subject">${s.base.rev} (${s.base.commit.slice(0, 7)}) → ${afterText(report)}</span></p>
<h1 class="verdict-line"><span class="muted">Verdict</span> <span class="badge ${report.verdict}" data-testid="verdict">${report.verdict.toUpperCase()}</span> <span class="confidence" data-testid="confidence">${report.confidence} confidence</span></h1>
${toc}
</header>`;
}

function why(report: Report): Markup {
  return section('why', 'Why', null, report.reasons.length > 0 ? h`<ul class="reasons" data-testid="reasons">${report.reasons.map((r) => h`<li>${prose(r)}</li>`)}</ul>` : h`<p class="note">No reasons given.</p>`);
}

function changedFiles(report: Report): Markup | null {
  const files = report.changes.files;
  if (files.length === 0) return null;
  const rows = files.slice(0, HTML_LIMITS.files).map((f) => {
    const kind = f.role === 'source' && f.formattingOnly ? 'source (formatting only)' : f.role;
    return h`<tr><td><code>${f.path}</code>${f.oldPath ? h` <span class="muted">(was ${f.oldPath})</span>` : null}</td><td>${f.status}</td><td>${kind}</td><td class="num"><span class="state pass">+${f.additions}</span> <span class="state fail">−${f.deletions}</span></td></tr>`;
  });
  return section(
    'files',
    'Changed files',
    files.length,
    h`<table class="grid"><thead><tr><th>File</th><th>Status</th><th>Kind</th><th class="num">Lines</th></tr></thead><tbody>${rows}</tbody></table>`,
    more(files.length - HTML_LIMITS.files, 'file'),
  );
}

function inputsText(f: ProbeEntry): string {
  const inputs = [f.inputs.derived ? 'generated' : '', f.inputs.recorded ? `${f.inputs.recorded} recorded` : ''].filter(Boolean).join(' + ');
  return `${plural(f.runs, 'input')}${inputs ? ` (${inputs})` : ''}${f.async ? ', async' : ''} · ${f.durationMs} ms`;
}

const score = (s: number | null): string => (s === null ? 'no score' : `${s}%`);
const surviving = (x: MutantEntry): boolean => x.status === 'survived' || x.status === 'no-coverage';

// Same words as the terminal report: timeouts count as killed (the mutant was caught).
function countsText(c: MutationCounts): string {
  return `${plural(c.mutants, 'mutant')}: ${c.killed + c.timeout} killed, ${c.survived} survived, ${c.noCoverage} no coverage`;
}

const mutationOf = (report: Report, symbol: string): string => {
  const after = report.mutation?.declarations.find((x) => x.symbol === symbol)?.after;
  return after ? `; mutation score ${score(after.score)}, ${countsText(after)}` : '';
};

/** The probe and mutation facts for one declaration, with links to the sections holding the details. */
function declarationFacts(report: Report, d: DeclarationChange, cxIds: Map<string, string>): Markup[] {
  const facts: Markup[] = [];
  const probes = report.probes;
  if (probes) {
    const own = probes.functions.find((f) => f.id === d.symbol);
    const via = own ? [] : probes.functions.filter((f) => f.covers.includes(d.symbol));
    for (const f of own ? [own] : via) {
      const cx = cxIds.get(f.id);
      facts.push(
        h`<li data-testid="probe-outcome">Property probe${own ? '' : h` through <code>${nameOf(f.id)}</code>`}: <span class="pill ${f.outcome}">${f.outcome}</span> <span class="muted">${inputsText(f)}</span>${cx ? h` · <a href="#${cx}">counterexample</a>` : null}${!f.counterexample && f.reason ? h` <span class="muted">· ${clip(f.reason, 400)}</span>` : null}</li>`,
      );
    }
    const uncovered = probes.uncovered.find((u) => u.symbol === d.symbol);
    if (uncovered) facts.push(h`<li class="muted">Not probed: ${uncovered.reason}</li>`);
  }
  const m = report.mutation?.declarations.find((x) => x.symbol === d.symbol);
  if (m?.after) {
    const tint = m.after.score === null ? 'neutral' : m.after.score < (report.mutation?.minScore ?? 0) ? 'warning' : 'ok';
    facts.push(
      h`<li data-testid="mutation-counts">Mutation probes: <span class="pill ${tint}">${score(m.after.score)}</span> <span class="muted">${countsText(m.after)}${m.before?.score != null ? ` · before ${score(m.before.score)}` : ''}</span></li>`,
    );
  }
  return facts;
}

function functions(report: Report, cxIds: Map<string, string>): Markup {
  const title = 'Touched functions';
  if (!report.static) return section('functions', title, null, h`<p class="note">Static analysis did not run (no code change).</p>`);
  // Source declarations only, as in the terminal report: a test file's describe/it callbacks say nothing a reviewer needs here.
  const testFiles = new Set(report.changes.files.filter((f) => f.role === 'test').map((f) => f.path));
  const decls = report.static.declarations.filter((d) => !testFiles.has(d.file));
  // An inner function or callback is already in its parent's code view: list it under the parent instead of repeating the code.
  const parentOf = (d: DeclarationChange): DeclarationChange | undefined =>
    decls.filter((p) => p !== d && p.file === d.file && d.symbol.startsWith(`${p.symbol}.`) && p.code.after && p.code.before).sort((a, b) => b.symbol.length - a.symbol.length)[0];
  const nested = new Map<DeclarationChange, DeclarationChange[]>();
  const top: DeclarationChange[] = [];
  for (const d of decls) {
    const p = parentOf(d);
    if (p) nested.set(p, [...(nested.get(p) ?? []), d]);
    else top.push(d);
  }
  if (top.length === 0) return section('functions', title, null, h`<p class="note">No source declaration changed.</p>`);
  const cards = top.slice(0, HTML_LIMITS.declarations).map((d) => {
    const facts = declarationFacts(report, d, cxIds);
    const inner = nested.get(d) ?? [];
    return h`<article class="card" data-testid="declaration" data-symbol="${d.symbol}">
<header><h3>${nameOf(d.symbol)}</h3><span class="pill ${d.change}">${d.change}</span>${d.oldSymbol ? h`<span class="muted">was <code>${d.oldSymbol}</code></span>` : null}<span class="muted">${d.file}:${d.line}${d.exported ? ' · exported' : ''}</span></header>
<div class="body">
${facts.length > 0 ? h`<ul class="facts">${facts}</ul>` : null}
${codeView(d)}
${inner.length > 0 ? h`<p class="nested">Inside it: ${inner.map((c, i) => h`${i > 0 ? '; ' : ''}<code>${nameOf(c.symbol).slice(nameOf(d.symbol).length + 1)}</code> ${c.change} (line ${c.line}${mutationOf(report, c.symbol)})`)}</p>` : null}
</div></article>`;
  });
  return section('functions', title, top.length, ...cards, more(top.length - HTML_LIMITS.declarations, 'declaration'));
}

function testMatrix(report: Report): Markup {
  const t = report.tests;
  const firstRuns = t.runs.filter((r) => r.attempt === 0);
  const reruns = t.runs.length - firstRuns.length;
  const runs =
    firstRuns.length === 0
      ? h`<p class="note">No test run.</p>`
      : h`<table class="grid" data-testid="runs"><thead><tr><th>Run</th><th>Tests</th><th>Result</th><th class="num">Time</th></tr></thead><tbody>${firstRuns.map((r) => {
          const inferred = r.inferredFiles?.length ?? 0;
          const scope = r.files === 'all' ? (inferred > 0 ? `all tests (${plural(inferred, 'file')} not run: ${inferred === 1 ? 'it imports' : 'they import'} nothing the patch changes)` : 'all tests') : plural(r.files.length, 'file');
          const result = r.status === 'crashed' ? h`<span class="state fail">crashed</span>: ${clip(r.crashMessage ?? '', 1000)}` : h`${formatCounts(r.counts)}`;
          return h`<tr><td>${r.label}</td><td>${scope}</td><td>${result}</td><td class="num">${seconds(r.durationMs)}</td></tr>`;
        })}</tbody></table>${reruns > 0 ? h`<p class="note">+ ${plural(reruns, 'rerun')} of the tests whose outcome changed</p>` : null}`;
  const shownChanges = t.changed.slice(0, HTML_LIMITS.changedTests);
  // The cross runs (old tests on new code and the reverse) only happen when the patch edits tests.
  const crossChecked = shownChanges.some((c) => c.oldTestOnNewCode || c.newTestOnOldCode);
  const changed =
    t.changed.length === 0
      ? h`<p class="note" data-testid="no-changed-tests">No test changed its outcome.</p>`
      : h`<h3 class="sev">Changed tests <span class="muted">${t.changed.length}</span></h3>
<table class="grid" data-testid="changed-tests"><thead><tr><th>Test</th><th class="nowrap">Before → after</th>${crossChecked ? h`<th>Cross-checks</th>` : null}</tr></thead><tbody>${shownChanges.map((c) => {
          const cross = [
            c.oldTestOnNewCode ? h`<div>old test on new code ${state(c.oldTestOnNewCode)}</div>` : null,
            c.newTestOnOldCode ? h`<div>new test on old code ${state(c.newTestOnOldCode)}</div>` : null,
          ];
          return h`<tr data-testid="test-change"><td><div class="test-name">${c.name}</div>${c.flaky ? h` <span class="pill warning">flaky</span>` : null}${c.error ? h`<details><summary>error</summary><pre class="block">${clip(c.error)}</pre></details>` : null}</td><td class="transition nowrap">${state(c.before)}<span class="arrow">→</span>${state(c.after)}</td>${crossChecked ? h`<td>${cross}</td>` : null}</tr>`;
        })}</tbody></table>${more(t.changed.length - HTML_LIMITS.changedTests, 'changed test')}`;
  const left = t.skippedProjects ? `; projects left out: ${t.skippedProjects.join(', ')}` : '';
  return section('tests', 'Test matrix', t.vitestVersion ? `vitest ${t.vitestVersion}${left}` : null, runs, changed);
}

function counterexamples(report: Report, cxIds: Map<string, string>): Markup {
  const title = 'Counterexamples';
  const p = report.probes;
  if (!p) return section('counterexamples', title, null, h`<p class="note">Property probes did not run.</p>`);
  const withCx = p.functions.filter((f) => f.counterexample);
  if (withCx.length === 0) {
    const byOutcome = ['equivalent', 'diverged', 'nondeterministic', 'inconclusive'].map((o) => [o, p.functions.filter((f) => f.outcome === o).length] as const).filter(([, n]) => n > 0);
    const outcomes = byOutcome.length > 0 ? ` (${byOutcome.map(([o, n]) => `${n} ${o}`).join(', ')})` : '';
    return section('counterexamples', title, null, h`<p class="note" data-testid="no-counterexamples">No counterexample: ${plural(p.functions.length, 'function')} probed before vs after on the same inputs${outcomes}.</p>`);
  }
  const cards = withCx.slice(0, HTML_LIMITS.counterexamples).map((f) => {
    const cx = f.counterexample!;
    return h`<article class="card" id="${cxIds.get(f.id) ?? ''}" data-testid="counterexample" data-symbol="${f.id}">
<header><h3>${nameOf(f.id)}</h3><span class="pill ${f.outcome}">${f.outcome}</span><span class="muted">${f.file} · ${cx.divergence}</span></header>
<div class="body">
<pre class="cx-call" data-testid="counterexample-call">${clip(cx.call)}</pre>
<table class="outcomes"><tbody>
<tr class="outcome-before"><th>before</th><td><code data-testid="counterexample-before">${clip(cx.before)}</code></td></tr>
<tr class="outcome-after"><th>after</th><td><code data-testid="counterexample-after">${clip(cx.after)}</code></td></tr>
</tbody></table>
<ul class="facts">
<li>${clip(cx.divergenceReason, 1000)}</li>
<li class="muted" data-testid="replay">Replay: seed ${f.seed}${cx.path !== undefined ? h`, path <code>${cx.path}</code>` : null} · found by the search over ${cx.search === 'all' ? 'all inputs (generated and recorded)' : 'generated inputs only'}, ${plural(cx.shrinks, 'shrink')} · ${inputsText(f)}</li>
</ul>
${f.suggestedTest ? h`<details data-testid="suggested-test"><summary>Suggested test that pins the new behaviour: ${f.suggestedTest.file}</summary><pre class="block">${clip(f.suggestedTest.code, 8000)}</pre></details>` : null}
</div></article>`;
  });
  return section(
    'counterexamples',
    title,
    withCx.length,
    h`<p class="note">Calls on which the function behaves differently before and after the patch (seed ${p.seed}, ${p.runs} runs per function).</p>`,
    ...cards,
    more(withCx.length - HTML_LIMITS.counterexamples, 'counterexample'),
  );
}

function mutants(report: Report): Markup {
  const title = 'Surviving mutants';
  const m = report.mutation;
  if (!m) return section('mutants', title, null, h`<p class="note" data-testid="mutation-not-run">Mutation probes did not run.</p>`);
  if (m.status === 'skipped') return section('mutants', title, null, h`<p class="note" data-testid="mutation-not-run">Mutation probes were skipped${m.reason ? `: ${m.reason}` : ''}.</p>`);
  // As in the terminal report: the after run is what the patch leaves behind; the before run only
  // measures the old tests, so its survivors are counted, not listed.
  const survivors = m.mutants.filter((x) => x.side === 'after' && surviving(x));
  const runs = m.runs.map(
    (r) =>
      h`<li${r.status === 'ran' ? '' : h` class="warn"`}>${r.side} run: ${r.status}${r.reason ? `: ${clip(r.reason, 400)}` : ''} · ${r.tested} of ${plural(r.generated, 'mutant')} tested · ${r.testFiles.length > 0 ? plural(r.testFiles.length, 'test file') : 'no test file'} · ${seconds(r.durationMs)}</li>`,
  );
  const rows = survivors
    .slice(0, HTML_LIMITS.mutants)
    .map(
      (x) =>
        h`<tr data-testid="mutant"><td><code>${x.file}:${x.line}:${x.column}</code><div class="muted">${nameOf(x.symbol)}</div></td><td><code>${clip(x.original, 300)}</code><span class="arrow">→</span><code>${clip(x.replacement, 300)}</code></td><td>${x.mutator}</td><td><span class="pill ${x.status === 'survived' ? 'warning' : 'neutral'}">${x.status === 'survived' ? 'survived' : 'no coverage'}</span></td></tr>`,
    );
  let table: Markup;
  if (m.mutants.length === 0) table = h`<p class="note" data-testid="no-survivors">No mutant was tested in the touched code.</p>`;
  else if (survivors.length === 0) table = h`<p class="note" data-testid="no-survivors">No mutant survived: the tests catch every tested change to the touched code.</p>`;
  else
    table = h`<table class="grid" data-testid="mutants"><thead><tr><th>Where</th><th>Mutation</th><th>Mutator</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>${more(survivors.length - HTML_LIMITS.mutants, 'surviving mutant')}`;
  return section(
    'mutants',
    title,
    survivors.length,
    h`<p data-testid="mutation-score">StrykerJS on the touched code · score ${score(m.score)}${m.beforeScore !== null ? ` (the same mutants under the old tests: ${score(m.beforeScore)})` : ''} · threshold ${m.minScore}% <span class="muted">· at most ${m.maxMutants} mutants</span></p>`,
    runs.length > 0 ? h`<ul class="facts">${runs}</ul>` : null,
    table,
    m.htmlReport ? h`<p class="note">StrykerJS HTML report: <code>${m.htmlReport}</code></p>` : null,
  );
}

function findings(report: Report): Markup {
  const groups: Array<[Severity, string]> = [
    ['error', 'Errors'],
    ['warning', 'Warnings'],
    ['info', 'Info'],
  ];
  const item = (f: Finding): Markup =>
    h`<li data-testid="finding" data-severity="${f.severity}"><span class="msg">${prose(clip(f.message, 4000))}<span class="muted">${findingLocation(f)}</span></span><span class="kind">${f.kind}</span></li>`;
  const body = groups.map(([sev, label]) => {
    const list = report.findings.filter((f) => f.severity === sev);
    if (list.length === 0) return null;
    return h`<div data-testid="findings-${sev}"><h3 class="sev ${sev}">${label} <span class="muted">${list.length}</span></h3><ul class="findings">${list.slice(0, HTML_LIMITS.findingsPerSeverity).map(item)}</ul>${more(list.length - HTML_LIMITS.findingsPerSeverity, `${sev} finding`)}</div>`;
  });
  return section('findings', 'Findings', report.findings.length, report.findings.length === 0 ? h`<p class="note">No findings.</p>` : h`${body}`);
}

function timings(report: Report): Markup {
  const stages = Object.entries(report.timings).map(([k, v]) => [k, v ?? 0] as const);
  const max = Math.max(1, ...stages.map(([, v]) => v));
  const bars = stages.map(([k, v]) => h`<span>${k}</span><div><div class="bar" style="width:${((v / max) * 100).toFixed(1)}%"></div></div><span class="num">${seconds(v)}</span>`);
  return section('timings', 'Timings', `total ${seconds(report.durationMs)}`, h`<div class="bars" data-testid="timings">${bars}</div>`);
}

/**
 * The report as one self-contained HTML page for reviewers: nothing is fetched (inline CSS, one
 * hashed print script), it reads in light and dark mode and prints. All report text is escaped.
 */
export function renderHtml(report: Report): string {
  const cxIds = new Map((report.probes?.functions ?? []).filter((f) => f.counterexample).map((f, i) => [f.id, `cx-${i + 1}`]));
  const survivors = report.mutation?.mutants.filter((x) => x.side === 'after' && surviving(x)).length ?? 0;
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const toc = h`<nav class="toc">${[
    ['why', 'Why', null],
    ['functions', 'Touched functions', null],
    ['tests', 'Test matrix', report.tests.changed.length ? `${report.tests.changed.length} changed` : null],
    ['counterexamples', 'Counterexamples', cxIds.size || null],
    ['mutants', 'Surviving mutants', survivors || null],
    ['findings', 'Findings', errors ? `${errors} error${errors === 1 ? '' : 's'}` : null],
    ['timings', 'Timings', null],
  ].map(([id, label, n]) => h`<a href="#${id}">${label}${n !== null ? h` <span class="n">${n}</span>` : null}</a>`)}</nav>`;
  const page = h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>patchprobe: ${report.verdict} · ${report.subject.project || report.subject.repository.split(/[\\/]/).pop()}</title>
<link rel="icon" href="data:,">
<style>${raw(STYLES)}</style>
<script>${raw(PRINT_SCRIPT)}</script>
</head>
<body>
<main>
${header(report, toc)}
${why(report)}
${functions(report, cxIds)}
${testMatrix(report)}
${counterexamples(report, cxIds)}
${mutants(report)}
${findings(report)}
${changedFiles(report)}
${timings(report)}
<footer>patchprobe ${report.tool.version} · schema ${report.schemaVersion}. The JSON report (--json) holds everything this page leaves out.</footer>
</main>
</body>
</html>
`;
  return page.__html;
}
