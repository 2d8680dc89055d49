import type { MutantEntry } from '../mutation/types.js';
import type { TestChange } from '../suites/compare.js';
import type { Finding, FindingKind } from '../verdict/finding.js';
import { FINDING_KIND_INFO } from '../verdict/finding-kinds.js';
import type { Report } from './report.js';
import { findingLocation, formatCounts, sortFindings } from './summary.js';

/**
 * The report cut to what an AI coding agent acts on in its next turn: the verdict, what to do next,
 * then the most decisive evidence first (tests that broke, calls that answer differently, edits of
 * the touched lines the tests do not notice, changes outside the task's scope), each list short and
 * in a stable order. The MCP server (@patchprobe/mcp) returns it as structured content and its text
 * (renderAgentBrief) as the message; `patchprobe verify --agent` prints the same text.
 */
export interface AgentBrief {
  verdict: Report['verdict'];
  confidence: Report['confidence'];
  /** The task, in one line, when the caller gave it: the next-step lines are phrased against it. */
  intent?: string;
  /** What to do next, most important first (at most three lines). */
  next: string[];
  reasons: string[];
  tests: { before: string; after: string };
  /** Tests that passed before the patch and fail, no longer run, or whose old version fails on the new code. */
  failingTests: AgentFailingTest[];
  /** Calls on which the before and after versions of a touched function answer differently. */
  counterexamples: AgentCounterexample[];
  /** Mutants of the touched lines (after the patch) that no test kills, or that no test reaches. */
  survivingMutants: AgentMutant[];
  /** Behaviour changes outside the `scope` the caller gave. */
  outOfScope: Array<{ symbol: string; file: string; line?: number; finding: string }>;
  /** Tests that pin the new behaviour (from counterexamples) or name what the tests miss (from surviving mutants). */
  suggestedTests: AgentSuggestedTest[];
  /** The findings a reader acts on, with the ids explainFinding takes ("F1" is the first of the whole report). */
  findings: AgentFinding[];
  /** How many entries each list had before it was cut to AGENT_LIST_MAX. */
  omitted: { failingTests: number; counterexamples: number; survivingMutants: number; outOfScope: number; findings: number };
}

export interface AgentFinding extends Finding {
  id: string;
}

export interface AgentFailingTest {
  test: string;
  file: string;
  /**
   * `broken`: passed before, fails after. `masked`: its old version fails on the new code while the
   * patch edited it. `disabled`: passed before and no longer runs, though the patch did not edit its
   * file. `removed`: the patch removed or skipped it.
   */
  how: 'broken' | 'masked' | 'disabled' | 'removed';
  /** The first line of the failure. */
  error?: string;
  finding?: string;
}

export interface AgentCounterexample {
  /** The probed function, "src/cart.ts#Cart.total". */
  symbol: string;
  call: string;
  before: string;
  after: string;
  divergence: string;
  finding?: string;
}

export interface AgentMutant {
  symbol: string;
  file: string;
  line: number;
  original: string;
  replacement: string;
  status: 'survived' | 'no-coverage';
}

export interface AgentSuggestedTest {
  symbol: string;
  /** Where to put it, repository-relative: beside the source. */
  file: string;
  code: string;
  /** `counterexample`: a real test of the new behaviour on the probes' counterexample. `surviving-mutant`: `it.todo` entries that name the edits the tests miss; the expected values are for the author to write. */
  from: 'counterexample' | 'surviving-mutant';
}

/** Entries per list in the brief; the rest are counted in `omitted` and stay in the report. */
export const AGENT_LIST_MAX = 5;

/** Every finding with its id: "F1" is the first in the report's order (sortFindings), for explainFinding. */
export function numberFindings(report: Pick<Report, 'findings'>): AgentFinding[] {
  return sortFindings(report.findings).map((f, i) => ({ id: `F${i + 1}`, ...f }));
}

const firstLine = (text: string | undefined, max = 200): string | undefined => {
  if (text === undefined) return undefined;
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const cut = <T>(list: T[]): [T[], number] => [list.slice(0, AGENT_LIST_MAX), Math.max(0, list.length - AGENT_LIST_MAX)];

// A crash or a degenerate value is the most decisive call to show; a changed value the least.
const DIVERGENCE_ORDER = ['crash', 'hang', 'timeout', 'degenerate', 'returns-undefined', 'throws', 'argument-mutated', 'error-changed', 'value'];

const symbolName = (symbol: string): string => symbol.slice(symbol.indexOf('#') + 1);

export function agentBrief(report: Report, options: { intent?: string } = {}): AgentBrief {
  const numbered = numberFindings(report);
  const idOf = (pred: (f: Finding) => boolean): string | undefined => numbered.find(pred)?.id;

  const failing: AgentFailingTest[] = [];
  for (const t of report.tests.changed) {
    if (t.flaky || t.before !== 'pass') continue;
    const gone = numbered.find((f) => f.test === t.name && (f.kind === 'test-disabled' || f.kind === 'test-removed' || f.kind === 'test-skipped'));
    const how = t.after === 'fail' ? 'broken' : t.after !== 'pass' ? (gone?.kind === 'test-disabled' ? 'disabled' : 'removed') : t.oldTestOnNewCode === 'fail' ? 'masked' : undefined;
    if (!how) continue;
    const entry: AgentFailingTest = { test: t.name, file: t.file, how };
    const error = firstLine(t.error);
    if (error) entry.error = error;
    const finding = idOf((f) => f.test === t.name && FINDING_KIND_INFO[f.kind].verdict.role === 'regressive') ?? idOf((f) => f.test === t.name);
    if (finding) entry.finding = finding;
    failing.push(entry);
  }

  const counterexamples: AgentCounterexample[] = [];
  for (const fn of report.probes?.functions ?? []) {
    const c = fn.counterexample;
    if (!c) continue;
    const entry: AgentCounterexample = { symbol: fn.id, call: c.call, before: c.before, after: c.after, divergence: c.divergence };
    const finding = idOf((f) => f.symbol === fn.id && FINDING_KIND_INFO[f.kind].stage === 'probes');
    if (finding) entry.finding = finding;
    counterexamples.push(entry);
  }
  const rank = (d: string): number => (DIVERGENCE_ORDER.indexOf(d) + DIVERGENCE_ORDER.length + 1) % (DIVERGENCE_ORDER.length + 1);
  counterexamples.sort((a, b) => rank(a.divergence) - rank(b.divergence));

  const mutants = (report.mutation?.mutants ?? []).filter(
    (m): m is MutantEntry & { status: 'survived' | 'no-coverage' } => m.side === 'after' && (m.status === 'survived' || m.status === 'no-coverage'),
  );
  const survivingMutants: AgentMutant[] = mutants.map((m) => ({ symbol: m.symbol, file: m.file, line: m.line, original: m.original, replacement: m.replacement, status: m.status }));

  const outOfScope = numbered.filter((f) => f.kind === 'unrelated-change').map((f) => ({ symbol: f.symbol ?? '', file: f.file ?? '', ...(f.line ? { line: f.line } : {}), finding: f.id }));

  const shown = numbered.filter((f) => f.severity !== 'info' || FINDING_KIND_INFO[f.kind].summaryAtInfo);
  const [failingTests, failingOmitted] = cut(failing);
  const [ces, cesOmitted] = cut(counterexamples);
  const [muts, mutsOmitted] = cut(survivingMutants);
  const [scope, scopeOmitted] = cut(outOfScope);
  const [findings, findingsOmitted] = [shown.slice(0, 2 * AGENT_LIST_MAX), Math.max(0, shown.length - 2 * AGENT_LIST_MAX)];

  const brief: AgentBrief = {
    verdict: report.verdict,
    confidence: report.confidence,
    next: [],
    reasons: report.reasons,
    tests: { before: formatCounts(report.tests.totals.before), after: formatCounts(report.tests.totals.after) },
    failingTests,
    counterexamples: ces,
    survivingMutants: muts,
    outOfScope: scope,
    suggestedTests: suggestTests(report),
    findings,
    omitted: { failingTests: failingOmitted, counterexamples: cesOmitted, survivingMutants: mutsOmitted, outOfScope: scopeOmitted, findings: findingsOmitted },
  };
  const intent = options.intent?.trim().split('\n')[0];
  if (intent) brief.intent = intent;
  brief.next = nextSteps(report, brief, numbered, failing, counterexamples);
  return brief;
}

const has = (findings: readonly Finding[], ...kinds: FindingKind[]): Finding | undefined => findings.find((f) => kinds.includes(f.kind));
const quoted = (test: string | undefined): string => (test ? `"${test}"` : 'the test');
const at = (f: Finding): string => (f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '');

/**
 * What an agent should do next, from the findings that decided the verdict: never more than three
 * lines, the one that blocks the others first (a break before a missing test).
 */
function nextSteps(report: Report, brief: AgentBrief, findings: readonly Finding[], failing: readonly AgentFailingTest[], counterexamples: readonly AgentCounterexample[]): string[] {
  const steps: string[] = [];
  const push = (line: string | undefined): void => {
    if (line && !steps.includes(line) && steps.length < 3) steps.push(line);
  };
  const task = brief.intent ? `the task ("${brief.intent}")` : 'the task';

  if (report.verdict === 'regressive') {
    const crashed = has(findings, 'suite-crashed');
    if (crashed) push(`The test suite no longer runs (${firstLine(crashed.message, 160)}): fix that first.`);
    const masked = failing.find((t) => t.how === 'masked')?.test ?? has(findings, 'masked-regression')?.test;
    if (masked) push(`Revert your edit to ${quoted(masked)}: its old version fails on your code, so the edit hides a break. Then fix the code until the old test passes.`);
    const broken = failing.filter((t) => t.how === 'broken');
    if (broken.length > 0) {
      const first = broken[0]!;
      const more = broken.length > 1 ? ` (and ${broken.length - 1} more test${broken.length > 2 ? 's' : ''})` : '';
      push(`Fix the code, not the test: ${quoted(first.test)}${more} passed before your change and fails now${first.error ? ` (${first.error})` : ''}.`);
    }
    const disabled = has(findings, 'test-disabled');
    if (disabled) push(`Re-enable ${quoted(disabled.test)} and make it pass: it passed before your change and no longer runs.`);
    const weakened = has(findings, 'tests-weakened');
    if (weakened) push(`Restore the tests and assertions your edit removed or loosened: ${firstLine(weakened.message, 240)}.`);
    for (const f of findings.filter((x) => x.kind === 'type-error' || x.kind === 'invented-api' || x.kind === 'unknown-package').slice(0, 2)) push(`Fix ${at(f)}: ${firstLine(f.message, 200)}.`);
    const probe = has(findings, 'probe-crash', 'probe-degenerate');
    const call = probe && counterexamples.find((c) => c.symbol === probe.symbol);
    if (call) push(`\`${call.call}\` ${call.before} before your change and ${call.after} now: fix it (or, if that is intended, add the suggested test that pins it).`);
    if (steps.length === 0) {
      const first = findings.find((f) => FINDING_KIND_INFO[f.kind].verdict.role === 'regressive' && f.severity === 'error');
      push(first ? `Fix this break: ${firstLine(first.message, 200)}${findingLocation(first)}.` : 'Something that worked now breaks: read the findings.');
    }
    return steps;
  }

  const editedToPass = has(findings, 'test-edited-to-pass');
  if (editedToPass) push(`Revert your edit to ${quoted(editedToPass.test)}: it failed before, and passes now only because you edited it (its new version passes on the old code too). Fix the code instead.`);
  const newFails = has(findings, 'new-test-fails');
  if (newFails) push(`Make your new test ${quoted(newFails.test)} pass: it fails on your code.`);
  // A test added beside a code change should show the change; one added alone (more tests for
  // what already works, an honest upstream "test:" commit) passing on the old code is the point.
  const codeChanged = report.changes.files.some((f) => f.role === 'source' && f.category === 'code' && !f.formattingOnly);
  const vacuous = has(findings, 'test-passes-on-old-code');
  if (vacuous && codeChanged) push(`Your new test ${quoted(vacuous.test)} passes on the old code too, so it proves nothing about your change: make it fail before the change.`);

  if (report.verdict === 'cosmetic') {
    const missing = has(findings, 'missing-evidence');
    push(
      codeChanged
        ? `No observable behaviour changed: if ${task} needs a change of behaviour, it is not done yet (make the change, with a test that fails before it); if it asked for a refactor, it is done.`
        : `Your change touches no code that runs: if ${task} needs a change of behaviour, it is not done yet.`,
    );
    if (missing || report.confidence === 'low') push(`The evidence is incomplete${missing ? `: ${firstLine(missing.message, 200)?.replace(/\.$/, '')}` : ''}; do not take "cosmetic" as proof.`);
    return steps;
  }

  // substantive
  for (const f of findings.filter((x) => x.kind === 'unrelated-change').slice(0, 1)) {
    push(`Revert your change to \`${f.symbol ? symbolName(f.symbol) : at(f)}\` (${at(f)}) unless ${task} needs it: it changes behaviour outside the scope you were given.`);
  }
  // Issue 17 §5: a change of another kind than the patch's own fail-to-pass tests show.
  const unexplained = report.probes?.functions.find((f) => f.explained?.unexplained);
  const un = unexplained?.explained?.unexplained;
  if (unexplained && un && has(findings, 'unexplained-divergence')) {
    const call = un.call.length > 120 ? `${un.call.slice(0, 119)}…` : un.call;
    push(
      `Check that your change to \`${symbolName(unexplained.id)}\` is meant: \`${call}\` ${un.before} before it and ${un.after} now, a change your fail-to-pass tests do not show. If it is not meant, fix it; if it is, add a test that pins it.`,
    );
  }
  const spec = has(findings, 'spec-changed');
  if (spec) push(`Confirm with the user that the new expected value in ${quoted(spec.test)} is what ${task} asks for: your edit changes what the test asserts.`);
  const api = has(findings, 'api-removed', 'api-renamed', 'api-changed');
  if (api) push(`This changes the public API (${firstLine(api.message, 160)}): confirm it is intended and say so in the changelog.`);
  const demonstrated = findings.some((f) => f.kind === 'fail-to-pass' || f.kind === 'test-fixed');
  const untested = has(findings, 'untested-change');
  if (!demonstrated || untested) {
    const suggestion = brief.suggestedTests.find((t) => t.from === 'counterexample');
    const what = untested?.symbol ?? counterexamples[0]?.symbol ?? findings.find((f) => f.kind === 'declaration-changed' && f.symbol)?.symbol;
    push(
      `Add a test that fails before your change and passes after it${what ? ` for \`${symbolName(what)}\`` : ''}: no test pins the new behaviour${suggestion ? ` (a ready one is suggested for ${suggestion.file})` : ''}.`,
    );
  }
  if (steps.length === 0) push('Done if this is the behaviour the task asks for: it changed, a test pins it, and nothing that passed before breaks.');
  return steps;
}

/**
 * Tests to paste: for each probed function with a counterexample, the probes' test that pins the
 * new behaviour on it; for each touched declaration with surviving mutants, one `it.todo` per
 * mutant that names the edit the tests would not notice.
 */
export function suggestTests(report: Report, symbol?: string): AgentSuggestedTest[] {
  const wanted = (s: string): boolean => symbol === undefined || s === symbol || symbolName(s) === symbol || s.startsWith(`${symbol}.`);
  const out: AgentSuggestedTest[] = [];
  for (const fn of report.probes?.functions ?? []) {
    if (fn.suggestedTest && (wanted(fn.id) || fn.covers.some(wanted))) out.push({ symbol: fn.id, file: fn.suggestedTest.file, code: fn.suggestedTest.code, from: 'counterexample' });
  }
  // One file per source file (a todo per mutant, a describe per declaration): two suggestions for
  // one file would overwrite each other when pasted.
  const byFile = new Map<string, MutantEntry[]>();
  for (const m of report.mutation?.mutants ?? []) {
    if (m.side !== 'after' || (m.status !== 'survived' && m.status !== 'no-coverage') || !wanted(m.symbol)) continue;
    byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
  }
  for (const [source, list] of byFile) {
    // Beside the probes' test of the same module when there is one: its folder is one the project's
    // vitest collects (probes/suggested-test-file.ts). Its own name, so that neither overwrites the other.
    const probesTest = report.probes?.functions.find((f) => f.file === source && f.suggestedTest)?.suggestedTest?.file;
    const file = probesTest ? probesTest.replace('.patchprobe.', '.patchprobe-gaps.') : source.replace(/\.(m|c)?[jt]sx?$/, '.patchprobe-gaps.test.ts');
    const title = (m: MutantEntry): string =>
      `${m.file}:${m.line}: a test must fail when \`${m.original}\` becomes \`${m.replacement}\`${m.status === 'no-coverage' ? ' (no test reaches this line)' : ''}`;
    const symbols = [...new Set(list.map((m) => m.symbol))];
    const code = [
      "import { describe, it } from 'vitest';",
      '',
      `// patchprobe: edits of the code you touched in ${source} that every test still passes. Turn each todo into a test whose expected value the edit would change.`,
      ...symbols.flatMap((sym) => [
        `describe(${JSON.stringify(symbolName(sym))}, () => {`,
        ...list.filter((m) => m.symbol === sym).map((m) => `  it.todo(${JSON.stringify(title(m))});`),
        '});',
      ]),
      '',
    ].join('\n');
    out.push({ symbol: symbols[0]!, file, code, from: 'surviving-mutant' });
  }
  return out;
}

/**
 * The brief as text for an agent's next turn: no colour, the decision and the next step first, each
 * list in a stable order and at most AGENT_LIST_MAX long.
 */
export function renderAgentBrief(brief: AgentBrief): string {
  const lines: string[] = [`patchprobe: ${brief.verdict.toUpperCase()} (${brief.confidence} confidence)`];
  if (brief.intent) lines.push(`Task: ${brief.intent}`);
  for (const n of brief.next) lines.push(`Next: ${n}`);
  lines.push('Why:');
  for (const r of brief.reasons) lines.push(`- ${r}`);
  lines.push(`Tests: before ${brief.tests.before}; after ${brief.tests.after}`);
  const section = (title: string, items: string[], omitted: number): void => {
    if (items.length === 0) return;
    lines.push(`${title}:`);
    for (const i of items) lines.push(`- ${i}`);
    if (omitted > 0) lines.push(`- … and ${omitted} more`);
  };
  const how = { broken: 'passed before, fails now', masked: 'its old version fails on the new code', disabled: 'passed before, no longer runs', removed: 'passed before, removed or skipped by the patch' };
  section('Tests that broke or went away', brief.failingTests.map((t) => `${t.test}: ${how[t.how]}${t.error ? ` — ${t.error}` : ''}${t.finding ? ` [${t.finding}]` : ''}`), brief.omitted.failingTests);
  section('Counterexamples', brief.counterexamples.map((c) => `${c.call}: before ${c.before}; after ${c.after}${c.finding ? ` [${c.finding}]` : ''}`), brief.omitted.counterexamples);
  section(
    'Edits of your lines that no test notices',
    brief.survivingMutants.map((m) => `${m.file}:${m.line} \`${m.original}\` → \`${m.replacement}\`${m.status === 'no-coverage' ? ' (no test reaches it)' : ''}`),
    brief.omitted.survivingMutants,
  );
  section('Outside the scope', brief.outOfScope.map((o) => `${symbolName(o.symbol)} (${o.file}${o.line ? `:${o.line}` : ''}) [${o.finding}]`), brief.omitted.outOfScope);
  section('Findings', brief.findings.map((f) => `${f.id} [${f.severity}] ${f.kind}: ${f.message}${findingLocation(f)}`), brief.omitted.findings);
  if (brief.suggestedTests.length > 0) lines.push(`Suggested tests: ${brief.suggestedTests.map((t) => `${t.file} (${t.from})`).join(', ')}`);
  return lines.join('\n');
}

/** One finding with everything the report holds about it, for an agent that wants the whole story. */
export interface FindingExplanation {
  finding: AgentFinding;
  /** What the kind means, and how the verdict counts it. */
  meaning: string;
  verdictRole: string;
  test?: TestChange;
  counterexample?: AgentCounterexample & { suggestedTest?: { file: string; code: string } };
  declaration?: { symbol: string; file: string; change: string; before?: string; after?: string };
  mutants?: AgentMutant[];
  callers?: string[][];
}

export function explainFinding(report: Report, id: string): FindingExplanation | undefined {
  const finding = numberFindings(report).find((f) => f.id === id.trim().toUpperCase());
  if (!finding) return undefined;
  const info = FINDING_KIND_INFO[finding.kind];
  const out: FindingExplanation = { finding, meaning: info.sarif.full, verdictRole: info.verdict.role };
  if (finding.test) {
    const test = report.tests.changed.find((t) => t.name === finding.test || t.id === finding.test);
    if (test) out.test = test;
  }
  const declarations = report.static?.declarations ?? [];
  const decl =
    (finding.symbol && declarations.find((d) => d.symbol === finding.symbol)) ||
    (finding.file && finding.line && declarations.find((d) => d.file === finding.file && d.line <= finding.line! && finding.line! <= d.endLine)) ||
    undefined;
  const symbol = finding.symbol ?? (decl ? decl.symbol : undefined);
  if (decl) {
    out.declaration = { symbol: decl.symbol, file: decl.file, change: decl.change };
    if (decl.code.before) out.declaration.before = decl.code.before.text;
    if (decl.code.after) out.declaration.after = decl.code.after.text;
  }
  if (symbol) {
    const fn = report.probes?.functions.find((f) => f.id === symbol) ?? report.probes?.functions.find((f) => f.covers.includes(symbol) && f.counterexample);
    if (fn?.counterexample) {
      const c = fn.counterexample;
      out.counterexample = { symbol: fn.id, call: c.call, before: c.before, after: c.after, divergence: c.divergence };
      if (fn.suggestedTest) out.counterexample.suggestedTest = fn.suggestedTest;
    }
    const mutants = (report.mutation?.mutants ?? []).filter((m) => m.side === 'after' && m.symbol === symbol && (m.status === 'survived' || m.status === 'no-coverage'));
    if (mutants.length > 0) out.mutants = mutants.map((m) => ({ symbol: m.symbol, file: m.file, line: m.line, original: m.original, replacement: m.replacement, status: m.status as AgentMutant['status'] }));
    const radius = report.static?.blastRadius.find((b) => b.symbol === symbol);
    if (radius && radius.callers.length > 0) out.callers = radius.callers;
  }
  return out;
}

export function renderExplanation(e: FindingExplanation): string {
  const f = e.finding;
  const lines = [`${f.id} [${f.severity}] ${f.kind}${findingLocation(f)}`, f.message, `Meaning: ${e.meaning}`, `Counts toward: ${e.verdictRole === 'none' ? 'no verdict rule by itself' : e.verdictRole}`];
  if (e.test) {
    const t = e.test;
    const cells = [`before ${t.before}`, `after ${t.after}`];
    if (t.oldTestOnNewCode) cells.push(`old test on new code ${t.oldTestOnNewCode}`);
    if (t.newTestOnOldCode) cells.push(`new test on old code ${t.newTestOnOldCode}`);
    lines.push(`Test: ${t.name}`, `  ${cells.join(' · ')}${t.flaky ? ' · flaky' : ''}`);
    if (t.error) lines.push(`  error: ${firstLine(t.error, 400)}`);
  }
  if (e.counterexample) {
    const c = e.counterexample;
    lines.push(`Counterexample: ${c.call}`, `  before: ${c.before}`, `  after:  ${c.after}`);
    if (c.suggestedTest) lines.push(`Test that pins the new behaviour (${c.suggestedTest.file}):`, c.suggestedTest.code.trimEnd());
  }
  if (e.declaration) {
    const d = e.declaration;
    lines.push(`Declaration: ${d.symbol} (${d.change})`);
    if (d.before !== undefined) lines.push('Before:', d.before.trimEnd());
    if (d.after !== undefined) lines.push('After:', d.after.trimEnd());
  }
  if (e.mutants) lines.push('Edits no test notices:', ...e.mutants.map((m) => `- ${m.file}:${m.line} \`${m.original}\` → \`${m.replacement}\``));
  if (e.callers) lines.push(`Callers: ${e.callers.map((level, i) => `level ${i + 1}: ${level.join(', ')}`).join('; ')}`);
  return lines.join('\n');
}
