import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeclarationChange, Finding, MutantEntry, Report, TestChange } from '@patchprobe/core';
import { cpuMs, expectValidReport, scaledMs } from '@patchprobe/test-utils';
import { HTML_LIMITS, renderHtml } from '../../src/render/html.js';
import { mutationSection, realReport, withMutation } from './html-sample-report.js';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
/** What a reader sees of a piece of markup: tags dropped, entities decoded, whitespace folded. */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();

/** The markup of one section, by its id. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start, `section #${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The markup of every element with this data-testid (elements of the same name do not nest here). */
function byTestId(html: string, id: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<([a-z0-9]+)[^>]*data-testid="${id}"[^>]*>`, 'g');
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const end = html.indexOf(`</${m[1]}>`, m.index);
    out.push(html.slice(m.index, end + m[1]!.length + 3));
  }
  return out;
}

interface CodeCell {
  side: string;
  line: number;
  change: string;
  text: string;
}
/** The code view's cells in reading order, as a reviewer would list them. */
function codeCells(html: string): CodeCell[] {
  return [...html.matchAll(/<td class="src [a-z]+" data-side="(before|after)" data-line="(\d+)" data-change="([a-z]+)">(.*?)<\/td>/g)].map((m) => ({
    side: m[1]!,
    line: Number(m[2]),
    change: m[3]!,
    text: textOf(m[4]!),
  }));
}

const declaration = (d: Partial<DeclarationChange> & Pick<DeclarationChange, 'symbol' | 'change' | 'code'>): DeclarationChange => ({
  file: 'src/ratings.ts',
  line: 1,
  endLine: 1,
  exported: true,
  ...d,
});

/** The real report with `declarations` as the only touched declarations. */
function withDeclarations(declarations: DeclarationChange[]): Report {
  const r = realReport();
  r.static!.declarations = declarations;
  return r;
}

const ALLOWED_TAGS = new Set(
  'html head meta title link style script body main header p span h1 nav a section h2 h3 ul li table colgroup col thead tbody tr th td code article div mark pre details summary footer'.split(' '),
);
const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&amp;`;

/** Every text field a report carries, set to markup. */
function hostileReport(): Report {
  const r = withMutation(realReport());
  r.subject.project = HOSTILE;
  r.subject.base.rev = HOSTILE;
  r.subject.after = { kind: 'patch', file: HOSTILE };
  r.reasons = [HOSTILE, `\`${HOSTILE}\` in backticks`];
  r.findings.push({ kind: 'test-broken', severity: 'error', message: HOSTILE, file: HOSTILE, line: 1, test: HOSTILE });
  r.changes.files[0]!.path = HOSTILE;
  r.tests.runs[0]!.label = HOSTILE;
  r.tests.runs[1] = { ...r.tests.runs[1]!, status: 'crashed', crashMessage: HOSTILE };
  r.tests.changed = [{ id: HOSTILE, name: HOSTILE, file: HOSTILE, before: 'pass', after: 'fail', flaky: false, error: HOSTILE }];
  const d = r.static!.declarations[0]!;
  d.symbol = `src/ratings.ts#averageRating" onmouseover="alert(3)`;
  d.code.before!.text = `${HOSTILE}\n${d.code.before!.text}`;
  d.code.after!.text = `${HOSTILE}x\n${d.code.after!.text}`;
  const f = r.probes!.functions[0]!;
  f.counterexample = { ...f.counterexample!, call: HOSTILE, before: HOSTILE, after: HOSTILE, divergenceReason: HOSTILE, path: HOSTILE };
  f.suggestedTest = { file: HOSTILE, code: HOSTILE };
  r.probes!.uncovered = [{ symbol: d.symbol, reason: HOSTILE }];
  r.mutation!.mutants = r.mutation!.mutants.map((m) => ({ ...m, file: HOSTILE, original: HOSTILE, replacement: HOSTILE, mutator: HOSTILE }));
  r.mutation!.runs[0]!.reason = HOSTILE;
  r.mutation!.htmlReport = HOSTILE;
  return r;
}

describe(renderHtml.name, () => {
  it('starts from real, schema-valid reports', () => {
    expectValidReport(realReport());
    expectValidReport(withMutation(realReport()));
    expectValidReport(hostileReport());
  });

  it('writes one complete document that loads nothing from anywhere', () => {
    const html = renderHtml(realReport());
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(html.endsWith('</body>\n</html>\n')).toBe(true);
    // Links only jump inside the page; the one icon is an empty data: URL (so the browser does not ask for /favicon.ico).
    const urls = [...html.matchAll(/\s(?:src|href|action|srcset|poster|data)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.filter((u) => !u.startsWith('#'))).toEqual(['data:,']);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//);
    // The CSP allows the one inline script by its hash, and nothing else.
    const scripts = [...html.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'; base-uri 'none'; form-action 'none'`,
    );
  });

  it('shows every piece of report text as text: no tag, attribute or script of its own gets in', () => {
    const html = renderHtml(hostileReport());
    const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)];
    expect([...new Set(tags.map((t) => t[1]!.toLowerCase()))].filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(tags.filter((t) => t[1] === 'script')).toHaveLength(1);
    // Attribute values are quoted and never hold a raw quote, so this reads every attribute name.
    const attributeNames = new Set(tags.flatMap((t) => [...t[2]!.matchAll(/\s([^\s="]+)(?:="[^"]*")?/g)].map((a) => a[1]!)));
    expect([...attributeNames].sort()).toEqual(['charset', 'class', 'colspan', 'content', 'data-change', 'data-line', 'data-severity', 'data-side', 'data-symbol', 'data-testid', 'href', 'http-equiv', 'id', 'lang', 'name', 'rel', 'style']);
    expect(html).toContain('data-symbol="src/ratings.ts#averageRating&quot; onmouseover=&quot;alert(3)"');
    // The markup is all there, as text, in every place the report carries it.
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;amp;';
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(20);
    expect(textOf(byTestId(html, 'test-change')[0]!)).toBe(`${HOSTILE} error ${HOSTILE} pass → fail`);
    expect(textOf(byTestId(html, 'counterexample-call')[0]!)).toBe(HOSTILE);
  });

  it('shows a changed function side by side with real line numbers, removed lines tinted on the left and added ones on the right', () => {
    const html = renderHtml(realReport());
    const card = byTestId(html, 'declaration');
    expect(card.map((c) => /data-symbol="([^"]*)"/.exec(c)![1])).toEqual(['src/ratings.ts#averageRating']);
    expect(codeCells(card[0]!)).toEqual([
      { side: 'before', line: 2, change: 'ctx', text: 'export function averageRating(ratings: number[]): number {' },
      { side: 'after', line: 2, change: 'ctx', text: 'export function averageRating(ratings: number[]): number {' },
      { side: 'before', line: 3, change: 'del', text: 'if (ratings.length === 0) return 0;' },
      { side: 'after', line: 3, change: 'add', text: 'const sum = ratings.reduce((total, rating) => total + rating, 0);' },
      { side: 'before', line: 4, change: 'del', text: 'let sum = 0;' },
      { side: 'before', line: 5, change: 'del', text: 'for (const rating of ratings) sum += rating;' },
      { side: 'before', line: 6, change: 'ctx', text: 'return Math.round((sum / ratings.length) * 10) / 10;' },
      { side: 'after', line: 4, change: 'ctx', text: 'return Math.round((sum / ratings.length) * 10) / 10;' },
      { side: 'before', line: 7, change: 'ctx', text: '}' },
      { side: 'after', line: 5, change: 'ctx', text: '}' },
    ]);
    // A line rewritten wholesale is tinted, not word-marked: marking every word says nothing.
    expect(card[0]).not.toContain('<mark');
    expect(textOf(/<thead>.*?<\/thead>/s.exec(card[0]!)![0])).toBe('before · lines 2–7 after · lines 2–5');
    // The callback inside it is named under it rather than shown twice.
    expect(textOf(/<p class="nested">.*?<\/p>/s.exec(card[0]!)![0])).toBe(
      'Inside it: <anon#0> added (line 3; mutation score 100%, 2 mutants: 2 killed, 0 survived, 0 no coverage)',
    );
  });

  it('marks the changed words of a line edited in place', () => {
    const html = renderHtml(
      withDeclarations([
        declaration({
          symbol: 'src/ratings.ts#sum',
          change: 'semantic',
          code: { before: { startLine: 10, endLine: 12, text: 'function sum(a, b) {\n  return a + b;\n}' }, after: { startLine: 10, endLine: 12, text: 'function sum(a, b) {\n  return a - b;\n}' } },
        }),
      ]),
    );
    const cells = [...html.matchAll(/<td class="src (?:del|add)"[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(['  return a <mark class="w-del">+</mark> b;', '  return a <mark class="w-add">-</mark> b;']);
  });

  it('folds long unchanged stretches and keeps counting lines across the fold', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `  step(${i + 1});`);
    const after = lines.map((l, i) => (i === 19 ? '  step(20, { fast: true });' : l));
    const html = renderHtml(
      withDeclarations([
        declaration({
          symbol: 'src/ratings.ts#long',
          change: 'semantic',
          code: { before: { startLine: 101, endLine: 140, text: lines.join('\n') }, after: { startLine: 101, endLine: 140, text: after.join('\n') } },
        }),
      ]),
    );
    const rows = [...html.matchAll(/<tr class="gap"><td colspan="4">(.*?)<\/td>|data-side="before" data-line="(\d+)"/g)].map((m) => m[2] ?? textOf(m[1]!));
    expect(rows).toEqual(['101', '⋯ 15 unchanged lines', '117', '118', '119', '120', '121', '122', '123', '⋯ 16 unchanged lines', '140']);
  });

  it('shows an added declaration by its after side only, a removed one by its before side, and says when an excerpt was cut', () => {
    const html = renderHtml(
      withDeclarations([
        declaration({ symbol: 'src/ratings.ts#median', change: 'added', line: 20, endLine: 21, code: { after: { startLine: 20, endLine: 21, text: 'export function median() {\n}' } } }),
        declaration({
          symbol: 'src/ratings.ts#legacyAverage',
          change: 'removed',
          line: 30,
          endLine: 329,
          code: { before: { startLine: 30, endLine: 329, text: 'export function legacyAverage() {\n  // …', truncated: true } },
        }),
      ]),
    );
    const [added, removed] = byTestId(html, 'declaration');
    expect(codeCells(added!)).toEqual([
      { side: 'after', line: 20, change: 'add', text: 'export function median() {' },
      { side: 'after', line: 21, change: 'add', text: '}' },
    ]);
    expect(textOf(/<thead>.*?<\/thead>/s.exec(added!)![0])).toBe('after · lines 20–21 · added by the patch');
    expect(codeCells(removed!).map((c) => `${c.side} ${c.line} ${c.change}`)).toEqual(['before 30 del', 'before 31 del']);
    expect(byTestId(removed!, 'truncated').map(textOf)).toEqual([
      'The before side is cut to its first 2 lines of 300; the rest is not in the report, so the diff near the cut may be incomplete.',
    ]);
    expect(byTestId(added!, 'truncated')).toEqual([]);
  });

  it("puts the function's probe outcome and mutation counts on its card, with a link to the counterexample", () => {
    const html = renderHtml(withMutation(realReport()));
    const card = byTestId(html, 'declaration')[0]!;
    expect(textOf(byTestId(card, 'probe-outcome')[0]!)).toBe('Property probe: diverged 8 inputs (generated + 2 recorded) · 17 ms · counterexample');
    expect(card).toContain('<a href="#cx-1">counterexample</a>');
    expect(html).toContain('<article class="card" id="cx-1" data-testid="counterexample"');
    expect(textOf(byTestId(card, 'mutation-counts')[0]!)).toBe('Mutation probes: 50% 4 mutants: 2 killed, 1 survived, 1 no coverage');
  });

  it('shows the test matrix: each run with its counts, and each test whose outcome changed as before → after', () => {
    const plain = sectionOf(renderHtml(realReport()), 'tests');
    expect(textOf(byTestId(plain, 'runs')[0]!)).toBe(
      'Run Tests Result Time before source × before tests all tests 3 passed, 0 failed 0.6 s after source × after tests all tests 3 passed, 0 failed 0.6 s',
    );
    expect(byTestId(plain, 'no-changed-tests').map(textOf)).toEqual(['No test changed its outcome.']);

    const r = realReport();
    const change = (name: string, more: Partial<TestChange> = {}): TestChange => ({ id: name, name, file: 'test/ratings.test.ts', before: 'pass', after: 'fail', flaky: false, ...more });
    r.tests.changed = [change('test/ratings.test.ts > averageRating > is 0 without ratings', { oldTestOnNewCode: 'fail', newTestOnOldCode: 'pass' }), change('test/ratings.test.ts > rounds', { before: 'skip', after: 'pass', flaky: true })];
    const rows = byTestId(sectionOf(renderHtml(r), 'tests'), 'test-change').map(textOf);
    expect(rows).toEqual([
      'test/ratings.test.ts > averageRating > is 0 without ratings pass → fail old test on new code fail new test on old code pass',
      'test/ratings.test.ts > rounds flaky skip → pass',
    ]);
  });

  it('shows each counterexample: the call, both outcomes, how to replay it, and the suggested test folded away', () => {
    const html = renderHtml(realReport());
    const [cx] = byTestId(sectionOf(html, 'counterexamples'), 'counterexample');
    expect(textOf(byTestId(cx!, 'counterexample-call')[0]!)).toBe('averageRating([])');
    expect([textOf(byTestId(cx!, 'counterexample-before')[0]!), textOf(byTestId(cx!, 'counterexample-after')[0]!)]).toEqual(['returns 0', 'returns Number.NaN']);
    expect(textOf(byTestId(cx!, 'replay')[0]!)).toBe(
      'Replay: seed 716970015, path 7 · found by the search over all inputs (generated and recorded), 0 shrinks · 8 inputs (generated + 2 recorded) · 17 ms',
    );
    const suggested = byTestId(cx!, 'suggested-test')[0]!;
    expect(suggested.startsWith('<details data-testid="suggested-test"><summary>')).toBe(true);
    expect(textOf(/<pre class="block">(.*?)<\/pre>/s.exec(suggested)![1]!)).toBe(
      "import { expect, test } from 'vitest'; import { averageRating } from './ratings'; test('keeps the new behaviour of averageRating([])', () => { expect(averageRating([])).toBeNaN(); });",
    );
  });

  it('says so when there is no counterexample, or when the probes did not run', () => {
    const r = realReport();
    r.probes!.functions = r.probes!.functions.map(({ counterexample: _, suggestedTest: __, ...f }) => ({ ...f, outcome: 'equivalent' as const }));
    expect(byTestId(renderHtml(r), 'no-counterexamples').map(textOf)).toEqual(['No counterexample: 1 function probed before vs after on the same inputs (1 equivalent).']);
    expect(textOf(sectionOf(renderHtml({ ...r, probes: null }), 'counterexamples'))).toBe('Counterexamples Property probes did not run.');
  });

  it('lists the surviving and uncovered mutants of the after run, not the killed ones', () => {
    const r = withMutation(realReport());
    const before: MutantEntry = { ...r.mutation!.mutants[2]!, side: 'before' };
    r.mutation!.mutants.push(before);
    const section = sectionOf(renderHtml(r), 'mutants');
    expect(byTestId(section, 'mutant').map(textOf)).toEqual([
      'src/ratings.ts:3:30 averageRating (total, rating) => total + rating → () => undefined ArrowFunction survived',
      'src/ratings.ts:4:38 averageRating / 10 → * 10 ArithmeticOperator no coverage',
    ]);
    expect(textOf(byTestId(section, 'mutation-score')[0]!)).toBe('StrykerJS on the touched code · score 50% · threshold 60% · at most 50 mutants');
  });

  it('says what the mutation section holds when nothing survived, the stage was skipped, or it did not run', () => {
    expect(byTestId(renderHtml(realReport()), 'no-survivors').map(textOf)).toEqual(['No mutant survived: the tests catch every tested change to the touched code.']);
    const skipped = { ...realReport(), mutation: { ...mutationSection(), status: 'skipped' as const, reason: 'no test reaches the touched code' } };
    expectValidReport(skipped);
    expect(byTestId(renderHtml(skipped), 'mutation-not-run').map(textOf)).toEqual(['Mutation probes were skipped: no test reaches the touched code.']);
    expect(byTestId(renderHtml({ ...realReport(), mutation: null }), 'mutation-not-run').map(textOf)).toEqual(['Mutation probes did not run.']);
  });

  it('lists every finding under its severity, errors first, code quoted in backticks shown as code', () => {
    const r = realReport();
    r.findings.push({ kind: 'test-flaky', severity: 'warning', message: '`rounds` passed and failed on reruns', test: 'test/ratings.test.ts > rounds' });
    const section = sectionOf(renderHtml(r), 'findings');
    const groups = ['error', 'warning', 'info'].map((sev) => byTestId(section, `findings-${sev}`)[0] ?? '');
    expect(groups.map((g) => section.indexOf(g))).toEqual([...groups.map((g) => section.indexOf(g))].sort((a, b) => a - b));
    expect(groups.map((g) => byTestId(g, 'finding').length)).toEqual([1, 1, 7]);
    expect(r.findings).toHaveLength(9);
    expect(textOf(byTestId(groups[0]!, 'finding')[0]!)).toBe(
      'averageRating([]) : before returns 0, after returns Number.NaN: the new version returns a degenerate value where it returned a proper one (seed 716970015, path 7) (src/ratings.ts:2) probe-degenerate',
    );
    expect(byTestId(groups[0]!, 'finding')[0]).toContain('<code>averageRating([])</code>');
  });

  it('shows the verdict, confidence and subject at the top, and the stage timings at the bottom', () => {
    const html = renderHtml(realReport());
    expect(byTestId(html, 'verdict')).toEqual(['<span class="badge regressive" data-testid="verdict">REGRESSIVE</span>']);
    expect(byTestId(html, 'confidence').map(textOf)).toEqual(['high confidence']);
    expect(byTestId(html, 'subject').map(textOf)).toEqual(['HEAD (a00f38d) → patch /work/main/examples/probe-edge-regression/patch.diff'.replace('a00f38d', realReport().subject.base.commit.slice(0, 7))]);
    expect(byTestId(html, 'reasons').map(textOf)).toEqual(realReport().reasons);
    expect(textOf(sectionOf(html, 'timings'))).toBe('Timings total 10.7 s snapshot 0.1 s diff 0.0 s suites 1.2 s static 1.9 s probes 2.9 s mutation 4.6 s verdict 0.0 s report 0.0 s');
    for (const verdict of ['substantive', 'cosmetic'] as const) {
      expect(byTestId(renderHtml({ ...realReport(), verdict }), 'verdict')).toEqual([`<span class="badge ${verdict}" data-testid="verdict">${verdict.toUpperCase()}</span>`]);
    }
  });

  it('keeps a huge report to a page a browser opens at once, and says what it left out', () => {
    const r = withMutation(realReport());
    const body = Array.from({ length: 120 }, (_, i) => `  const v${i} = compute(${i}, 'some fairly long argument text to make the line realistic');`).join('\n');
    r.static!.declarations = Array.from({ length: 60 }, (_, i) =>
      declaration({
        symbol: `src/big.ts#f${i}`,
        file: 'src/big.ts',
        change: 'semantic',
        code: { before: { startLine: 1, endLine: 500, text: body, truncated: true }, after: { startLine: 1, endLine: 500, text: body.replace(/compute/g, 'calculate'), truncated: true } },
      }),
    );
    r.tests.changed = Array.from({ length: 5000 }, (_, i): TestChange => ({ id: `t${i}`, name: `test/big.test.ts > case ${i}`, file: 'test/big.test.ts', before: 'pass', after: 'fail', flaky: false, error: 'x'.repeat(5000) }));
    r.mutation!.mutants = Array.from({ length: 3000 }, (_, i): MutantEntry => ({ ...r.mutation!.mutants[2]!, line: i + 1 }));
    r.findings = Array.from({ length: 1000 }, (_, i): Finding => ({ kind: 'test-broken', severity: 'error', message: `case ${i} broke` }));
    r.probes!.functions = Array.from({ length: 50 }, (_, i) => ({ ...r.probes!.functions[0]!, id: `src/big.ts#f${i}` }));
    expectValidReport(r);

    // CPU time: wall time depends on what else the machine runs.
    const { value: html, cpuMs: ms } = cpuMs(() => renderHtml(r));
    expect(byTestId(html, 'declaration')).toHaveLength(HTML_LIMITS.declarations);
    expect(byTestId(html, 'test-change')).toHaveLength(HTML_LIMITS.changedTests);
    expect(byTestId(html, 'counterexample')).toHaveLength(HTML_LIMITS.counterexamples);
    expect(byTestId(html, 'mutant')).toHaveLength(HTML_LIMITS.mutants);
    expect(byTestId(html, 'finding')).toHaveLength(HTML_LIMITS.findingsPerSeverity);
    expect(byTestId(html, 'more').map(textOf)).toEqual([
      '… 40 declarations more in the JSON report',
      '… 4900 changed tests more in the JSON report',
      '… 30 counterexamples more in the JSON report',
      '… 2900 surviving mutants more in the JSON report',
      '… 800 error findings more in the JSON report',
    ]);
    expect(html).toContain('x'.repeat(2000) + '… (3000 more characters in the JSON report)');
    expect(html.length).toBeLessThan(3_000_000);
    expect(ms).toBeLessThan(scaledMs(3000));
  });
});
