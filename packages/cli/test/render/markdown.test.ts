import { describe, expect, it } from 'vitest';
import type { Report } from '@patchprobe/core';
import { expectValidReport } from '@patchprobe/test-utils';
import { cellCode, code, esc, prose, renderMarkdown } from '../../src/render/markdown.js';
import { hugeReport, loadReport, REAL_REPORTS, reportWithMutation } from '../fixtures/reports/index.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
/** The lines of one `### Title` section, up to the next blank line. */
const section = (md: string, title: string): string[] => {
  const lines = md.split('\n');
  const start = lines.indexOf(`### ${title}`);
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
};
// GFM splits a table row at every `|` not preceded by a backslash.
const cells = (row: string): number => row.split(/(?<!\\)\|/).length - 2;

describe(renderMarkdown.name, () => {
  it('renders the real probe-edge-regression report', () => {
    expect(renderMarkdown(loadReport('probe-edge-regression'))).toMatchInlineSnapshot(`
      "## 🔴 patchprobe: REGRESSIVE (high confidence)

      patchprobe 0.1.0 · tests before: 3 passed, 0 failed · after: 3 passed, 0 failed

      Mutation score of the changed code: 100% (minimum 60%)

      ### Why
      - 1 changed function now returns degenerate values (NaN, Invalid Date, "undefined"…) where it returned proper ones (property probes)

      ### Touched declarations
      | Declaration | Change | Probe | Mutation score |
      | --- | --- | --- | --- |
      | <code>src/ratings.ts#averageRating</code> | semantic | diverged | 100% (4/4 killed) |
      | <code>src/ratings.ts#averageRating.&lt;anon#0&gt;</code> | added | diverged (via <code>averageRating</code>) | 100% (2/2 killed) |

      ### Counterexamples
      | Function | Call | Before | After |
      | --- | --- | --- | --- |
      | <code>averageRating</code> | <code>averageRating(\\[\\])</code> | <code>returns 0</code> | <code>returns Number.NaN</code> |

      ### Findings
      - ✖ **error** \`averageRating([])\`: before returns 0, after returns Number.NaN: the new version returns a degenerate value where it returned a proper one (seed 716970015, path 7) (\`src/ratings.ts:2\`)

      <details><summary>3 info findings</summary>

      - \`averageRating\` changed; no callers in the project; reached by 1 test file (\`src/ratings.ts\`)
      - the patch changes the behaviour of 1 declaration in 1 file: \`averageRating\` (pass --scope to flag changes outside the intended files)
      - src/ratings.ts edited (+2 −4) (\`src/ratings.ts:1\`)

      </details>
      "
    `);
  });

  it.each(REAL_REPORTS)('renders the real %s report whole, under the limit', (name) => {
    const report = loadReport(name);
    expectValidReport(report);
    const md = renderMarkdown(report);
    expect(md.split('\n')[0]).toBe(`## ${{ regressive: '🔴', substantive: '🟢', cosmetic: '🟡' }[report.verdict]} patchprobe: ${report.verdict.toUpperCase()} (${report.confidence} confidence)`);
    expect(section(md, 'Why')).toEqual(report.reasons.map((r) => `- ${prose(r)}`));
    expect(md).not.toMatch(/Left out/);
    expect(bytes(md)).toBeLessThan(1_000_000);
  });

  it('lists source declarations only, with probe outcome and mutation score', () => {
    const report = reportWithMutation();
    expectValidReport(report);
    expect(section(renderMarkdown(report), 'Touched declarations')).toEqual([
      '| Declaration | Change | Probe | Mutation score |',
      '| --- | --- | --- | --- |',
      '| <code>src/coupon.ts#couponDiscount</code> | semantic | diverged | 50% (3/6 killed) |',
    ]);
    // No probe or mutation column when those stages did not run.
    expect(section(renderMarkdown({ ...report, probes: null, mutation: null }), 'Touched declarations').slice(0, 1)).toEqual(['| Declaration | Change |']);
  });

  it('shows the mutation score and the surviving mutants of the patched code only', () => {
    const md = renderMarkdown(reportWithMutation());
    expect(md.split('\n')[4]).toBe('Mutation score of the changed code: 50% (minimum 60%; 40% under the old tests)');
    expect(section(md, 'Surviving mutants')).toEqual([
      '- `src/coupon.ts:14` `Math.max(coupon.percentOff, 0)` → `Math.min(coupon.percentOff, 0)` survived (MethodExpression)',
      '- `src/coupon.ts:15` `(subtotal * percent) / 100` → `(subtotal * percent) * 100` survived (ArithmeticOperator)',
      '- `src/coupon.ts:16` `return 0;` → (empty) is reached by no test (BlockStatement)',
    ]);
    // The real fix-with-test run: every mutant after the patch killed; a before-side survivor is not shown.
    const fixed = loadReport('fix-with-test');
    expect(fixed.mutation!.mutants.filter((m) => m.status === 'survived').map((m) => m.side)).toEqual(['before']);
    expect(section(renderMarkdown(fixed), 'Surviving mutants')).toEqual([]);
  });

  it('lists the real mutation-tests-weakened survivors once: in their section, not among the infos', () => {
    const md = renderMarkdown(loadReport('mutation-tests-weakened'));
    expect(section(md, 'Surviving mutants')).toHaveLength(8);
    expect(section(md, 'Surviving mutants')[4]).toBe('- `src/percent.ts:4` `0 > value` → `0 >= value` survived (EqualityOperator)');
    expect(section(md, 'Touched declarations')[2]).toBe('| <code>src/percent.ts#clampPercent</code> | semantic | equivalent | 27.3% (3/11 killed) |');
    const infos = md.slice(md.indexOf('<details>'), md.indexOf('</details>'));
    expect(infos.split('\n')[0]).toBe('<details><summary>6 info findings</summary>');
    expect(infos).not.toMatch(/survived|mutants/);
  });

  it('shows test matrix changes and counterexamples', () => {
    const md = renderMarkdown(loadReport('masked-regression'));
    expect(section(md, 'Test matrix changes').slice(2)).toEqual([
      '| <code>test/shipping.test.ts &gt; tierPrice &gt; prices a 5 kg parcel</code> | pass → pass | old test on new code: fail; new test on old code: fail |',
    ]);
    expect(section(md, 'Counterexamples').slice(2)).toEqual(['| <code>tierPrice</code> | <code>tierPrice(5)</code> | <code>returns 7.5</code> | <code>returns 12</code> |']);
  });

  it('lists errors before warnings, and collapses the infos but the per-declaration ones', () => {
    const md = renderMarkdown(loadReport('formatting-only'));
    expect(md).toMatch(/<details><summary>4 info findings<\/summary>\n\n- src\/recipe\.ts: every change/);
    expect(md).not.toMatch(/formatting only\n/);
    const report = loadReport('masked-regression');
    report.findings.reverse();
    expect(section(renderMarkdown(report), 'Findings').map((l) => l.slice(0, 15))).toEqual(['- ✖ **error** t', '- ▲ **warning**']);
  });

  it('lists a test edited to pass first, even before the errors', () => {
    const report = loadReport('masked-regression');
    report.findings.push({ kind: 'test-edited-to-pass', severity: 'warning', message: 'edited to pass', file: 'test/a.test.ts', line: 3 });
    expect(section(renderMarkdown(report), 'Findings').map((l) => l.slice(0, 30))).toEqual(['- ▲ **warning** edited to pass', '- ✖ **error** the old version ', '- ▲ **warning** expected value']);
  });

  it('keeps user text from breaking the Markdown: one table row, no HTML, no code fence escape', () => {
    const report = loadReport('masked-regression');
    const name = 'a | b <script>alert(1)</script>\n| injected | row |\n`x` *y* [l](http://e.x) # h';
    report.tests.changed[0]!.name = name;
    report.findings[0]!.message = '1. <img src=x onerror=alert(1)> | ```\n## not a heading';
    report.probes!.functions[0]!.counterexample!.call = 'f(`a|b`, "<b>")';
    const md = renderMarkdown(report);
    const rows = section(md, 'Test matrix changes');
    expect(rows).toHaveLength(3);
    expect(cells(rows[2]!)).toBe(3);
    expect(cells(section(md, 'Counterexamples')[2]!)).toBe(4);
    expect(md).not.toMatch(/<script|<img|<b>|^## not/m);
    expect(section(md, 'Findings')[0]).toBe(
      '- ✖ **error** 1\\. &lt;img src=x onerror=alert(1)&gt; \\| \\`\\`\\` ## not a heading (`test/shipping.test.ts:9`)',
    );
  });

  it('is never longer than maxBytes, and says what it left out', () => {
    const report = reportWithMutation();
    const full = renderMarkdown(report);
    // Every limit, byte by byte: an off-by-one in the size arithmetic shows at some boundary.
    for (let max = 120; max < bytes(full) + 50; max++) {
      const md = renderMarkdown(report, { maxBytes: max });
      expect(bytes(md), `maxBytes ${max}`).toBeLessThanOrEqual(max);
      if (max >= bytes(full)) expect(md).toBe(full);
      else if (max >= 350) expect(md.trimEnd().split('\n').at(-1)).toMatch(/^_Left out to stay under \d+ bytes: .+\. The full report is in the JSON and HTML output\._$/);
    }
  });

  it('leaves out info findings first, then rows of less important sections', () => {
    const report = reportWithMutation();
    const full = renderMarkdown(report);
    const md = renderMarkdown(report, { maxBytes: bytes(full) - 200 });
    expect(md.trimEnd().split('\n').at(-1)).toBe(`_Left out to stay under ${bytes(full) - 200} bytes: 4 info findings. The full report is in the JSON and HTML output._`);
    for (const title of ['Why', 'Touched declarations', 'Test matrix changes', 'Counterexamples', 'Surviving mutants', 'Findings']) expect(section(md, title)).toEqual(section(full, title));
    const small = renderMarkdown(report, { maxBytes: 1100 });
    expect(small.trimEnd().split('\n').at(-1)).toMatch(/: 1 touched declaration, 1 changed test, 3 surviving mutants, 7 info findings\. /);
    expect(section(small, 'Findings')).toEqual(section(full, 'Findings'));
  });

  it('keeps the verdict and the note under a tiny limit', () => {
    const report = loadReport('masked-regression');
    const note = (max: number, reasons = '1 reason, '): string =>
      `_Left out to stay under ${max} bytes: ${reasons}2 touched declarations, 1 changed test, 1 counterexample, 2 surviving mutants, 2 error and warning findings, 7 info findings. The full report is in the JSON and HTML output._\n`;
    // The reasons are the last rows to go.
    expect(renderMarkdown(report, { maxBytes: 600 })).toBe(
      `## 🔴 patchprobe: REGRESSIVE (high confidence)\n\npatchprobe 0.1.0 · tests before: 7 passed, 0 failed · after: 7 passed, 0 failed\n\nMutation score of the changed code: 87.5% (minimum 60%; 82.4% under the old tests)\n\n### Why\n- 1 old test fails on the new code while the patch edited or removed it\n\n${note(600, '')}`,
    );
    // Under the heading and the note together, the heading's first line and the note stay.
    expect(renderMarkdown(report, { maxBytes: 400 })).toBe(`## 🔴 patchprobe: REGRESSIVE (high confidence)\n\n${note(400)}`);
    expect(bytes(renderMarkdown(report, { maxBytes: 20 }))).toBeLessThanOrEqual(20);
  });

  it('fits a huge report into GitHub’s 1 MiB, counting bytes, not characters', () => {
    const report: Report = hugeReport();
    const md = renderMarkdown(report);
    expect(bytes(md)).toBeLessThanOrEqual(1_000_000);
    expect(bytes(md)).toBeGreaterThan(990_000);
    expect(md.split('\n')[0]).toBe('## 🟢 patchprobe: SUBSTANTIVE (high confidence)');
    expect(section(md, 'Why')).toEqual(['- 1 test fails on the old code and passes on the new code']);
    expect(section(md, 'Findings')[0]).toMatch(/^- ✖ \*\*error\*\* case 0 broke: /);
    expect(md.trimEnd().split('\n').at(-1)).toMatch(/^_Left out to stay under 1000000 bytes: 4001 touched declarations, 4001 changed tests, .*, 4007 info findings\. The full report is in the JSON and HTML output\._$/);
  });
});

describe('markdown escaping', () => {
  it.each([
    ['plain words', 'plain words'],
    ['a | b', 'a \\| b'],
    ['<b>&amp;</b>', '&lt;b&gt;&amp;amp;&lt;/b&gt;'],
    ['*x* _y_ `z` [l](u) ~s~ $m$ \\', '\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~ \\$m\\$ \\\\'],
    ['line one\r\n  line two', 'line one line two'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['12. not a list', '12\\. not a list'],
  ])('esc(%j)', (input, expected) => {
    expect(esc(input)).toBe(expected);
  });

  it.each([
    ['a > b', '`a > b`'],
    ['a `b` c', '``a `b` c``'],
    ['`edge`', '`` `edge` ``'],
    ['two\nlines', '`two lines`'],
    ['', '(empty)'],
  ])('code(%j)', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it.each([
    ['`tierPrice(5)`: before returns 7.5', '`tierPrice(5)`: before returns 7.5'],
    ['changed for `a | b` → `<b>`', 'changed for `a | b` → `<b>`'],
    ['a <b> and `x` *y*', 'a &lt;b&gt; and `x` \\*y\\*'],
    ['unbalanced ` quote', 'unbalanced \\` quote'],
  ])('prose(%j)', (input, expected) => {
    expect(prose(input)).toBe(expected);
  });

  it.each([
    ['a | b', '<code>a \\| b</code>'],
    ['x < y', '<code>x &lt; y</code>'],
    ['a \\| b', '<code>a \\\\\\| b</code>'],
  ])('cellCode(%j)', (input, expected) => {
    expect(cellCode(input)).toBe(expected);
  });

  it('cuts one very long text to 1,000 characters', () => {
    expect(esc('x'.repeat(5000))).toBe(`${'x'.repeat(999)}…`);
  });
});
