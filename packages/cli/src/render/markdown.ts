import { formatCounts, sortFindings, type Finding, type Report } from '@patchprobe/core';
import { survivingMutants } from './annotations.js';

/** GitHub refuses a job step summary over 1 MiB; stay a little under it. */
export const STEP_SUMMARY_MAX_BYTES = 1_000_000;

const BADGE = { regressive: '🔴', substantive: '🟢', cosmetic: '🟡' } as const;
// Shown in the Touched declarations table, so not repeated among the info findings.
const PER_DECLARATION = new Set(['declaration-changed', 'declaration-added', 'declaration-removed', 'declaration-renamed', 'declaration-moved']);
// One finding or cell never grows past this; a vitest error can be pages long.
const MAX_TEXT = 1000;

/**
 * A part of the summary: fixed head and foot lines around one line per row. When the summary is
 * over its size, rows go from the end of the block with the lowest `keep` first, and a block whose
 * rows are all gone goes with its head; the note at the end counts what left, by `noun`.
 */
interface Block {
  keep: number;
  rows: string[];
  head: string[];
  foot?: string[];
  /** What a row is, singular and plural, for the note. */
  noun?: [string, string];
}

/**
 * The report as GitHub-flavoured Markdown for a job step summary ($GITHUB_STEP_SUMMARY): verdict,
 * why, touched declarations, changed tests, counterexamples, surviving mutants, then the other
 * findings. Never longer than `maxBytes` UTF-8 bytes: the least important rows are left out first,
 * and a last line says what was left out.
 * @default maxBytes 1_000_000
 */
export function renderMarkdown(report: Report, options: { maxBytes?: number } = {}): string {
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_MAX_BYTES;
  const blocks = [
    heading(report),
    why(report),
    declarationsBlock(report),
    testsBlock(report),
    counterexamplesBlock(report),
    mutantsBlock(report),
    findingsBlock(report),
    infosBlock(report),
  ].filter((b) => b.rows.length > 0 || !Number.isFinite(b.keep));
  return fit(blocks, maxBytes);
}

function heading(report: Report): Block {
  const t = report.tests.totals;
  const lines = [
    `## ${BADGE[report.verdict]} patchprobe: ${report.verdict.toUpperCase()} (${report.confidence} confidence)`,
    '',
    `patchprobe ${report.tool.version} · tests before: ${formatCounts(t.before)} · after: ${formatCounts(t.after)}`,
  ];
  const m = report.mutation;
  if (m?.status === 'ran' && m.score !== null) {
    const before = m.beforeScore !== null ? `; ${m.beforeScore}% under the old tests` : '';
    lines.push('', `Mutation score of the changed code: ${m.score}% (minimum ${m.minScore}%${before})`);
  }
  return { keep: Infinity, head: lines, rows: [] };
}

function why(report: Report): Block {
  return { keep: 7, head: ['### Why'], rows: report.reasons.map((r) => `- ${prose(r)}`), noun: ['reason', 'reasons'] };
}

function declarationsBlock(report: Report): Block {
  // Source declarations only: a test file's describe/it callbacks say nothing a reviewer needs here.
  const testFiles = new Set(report.changes.files.filter((f) => f.role === 'test').map((f) => f.path));
  const decls = (report.static?.declarations ?? []).filter((d) => !testFiles.has(d.file));
  const probes = report.probes;
  const mutation = report.mutation?.status === 'ran' ? report.mutation : null;
  const columns = ['Declaration', 'Change', ...(probes ? ['Probe'] : []), ...(mutation ? ['Mutation score'] : [])];
  const rows = decls.map((d) => {
    const cells = [cellCode(d.symbol), d.change + (d.oldSymbol ? ` (was ${cellCode(d.oldSymbol)})` : '')];
    if (probes) {
      const direct = probes.functions.find((f) => f.id === d.symbol);
      // A nested declaration (a callback inside a probed function) is exercised by its parent's probe.
      const via = direct ? undefined : probes.functions.find((f) => f.covers.includes(d.symbol) || d.symbol.startsWith(`${f.id}.`));
      const uncovered = probes.uncovered.some((u) => u.symbol === d.symbol);
      cells.push(direct ? direct.outcome : via ? `${via.outcome} (via ${cellCode(shortName(via.id))})` : uncovered ? 'not probed' : '—');
    }
    if (mutation) {
      const c = mutation.declarations.find((m) => m.symbol === d.symbol)?.after;
      cells.push(c && c.score !== null ? `${c.score}% (${c.killed + c.timeout}/${c.mutants - c.errors} killed)` : '—');
    }
    return `| ${cells.join(' | ')} |`;
  });
  return { keep: 2, head: ['### Touched declarations', `| ${columns.join(' | ')} |`, `|${' --- |'.repeat(columns.length)}`], rows, noun: ['touched declaration', 'touched declarations'] };
}

function testsBlock(report: Report): Block {
  const rows = report.tests.changed.map((t) => {
    const other = [
      t.oldTestOnNewCode ? `old test on new code: ${t.oldTestOnNewCode}` : '',
      t.newTestOnOldCode ? `new test on old code: ${t.newTestOnOldCode}` : '',
      t.flaky ? 'flaky' : '',
    ].filter(Boolean);
    return `| ${cellCode(t.name)} | ${t.before} → ${t.after} | ${other.join('; ') || '—'} |`;
  });
  return { keep: 4, head: ['### Test matrix changes', '| Test | Before → after | Other runs |', '| --- | --- | --- |'], rows, noun: ['changed test', 'changed tests'] };
}

function counterexamplesBlock(report: Report): Block {
  const rows = (report.probes?.functions ?? []).flatMap((f) => {
    const ce = f.counterexample;
    return ce ? [`| ${cellCode(shortName(f.id))} | ${cellCode(ce.call)} | ${cellCode(ce.before)} | ${cellCode(ce.after)} |`] : [];
  });
  return { keep: 5, head: ['### Counterexamples', '| Function | Call | Before | After |', '| --- | --- | --- | --- |'], rows, noun: ['counterexample', 'counterexamples'] };
}

function mutantsBlock(report: Report): Block {
  const rows = survivingMutants(report).map(
    (m) => `- ${code(`${m.file}:${m.line}`)} ${code(m.original)} → ${code(m.replacement)} ${m.status === 'survived' ? 'survived' : 'is reached by no test'} (${esc(m.mutator)})`,
  );
  return { keep: 3, head: ['### Surviving mutants'], rows, noun: ['surviving mutant', 'surviving mutants'] };
}

function findingsBlock(report: Report): Block {
  // In findingRank's order (a test edited to pass, errors, spec-changed, warnings): rows leave from the end, so warnings go first.
  const listed = sortFindings(report.findings.filter((f) => f.severity !== 'info'));
  const rows = listed.map((f) => `- ${f.severity === 'error' ? '✖ **error**' : '▲ **warning**'} ${findingText(f)}`);
  return { keep: 6, head: ['### Findings'], rows, noun: ['error or warning finding', 'error and warning findings'] };
}

function infosBlock(report: Report): Block {
  // Survivors have their own section and per-declaration scores a column; the rest are listed here.
  const shown = (f: Finding): boolean => (f.kind === 'mutation-survivor' || (f.kind === 'mutation-score' && f.symbol !== undefined)) && report.mutation?.status === 'ran';
  const infos = report.findings.filter((f) => f.severity === 'info' && !PER_DECLARATION.has(f.kind) && !shown(f));
  return {
    keep: 1,
    head: [`<details><summary>${infos.length} info finding${infos.length === 1 ? '' : 's'}</summary>`, ''],
    rows: infos.map((f) => `- ${findingText(f)}`),
    foot: ['', '</details>'],
    noun: ['info finding', 'info findings'],
  };
}

const findingText = (f: Finding): string => `${prose(f.message)}${f.file ? ` (${code(f.line ? `${f.file}:${f.line}` : f.file)})` : ''}`;
const shortName = (symbol: string): string => symbol.slice(symbol.indexOf('#') + 1);

/** Leaves out rows, least important first, until the summary and its note fit in `maxBytes`. */
function fit(blocks: Block[], maxBytes: number): string {
  const kept = blocks.map((b) => b.rows.length);
  const visible = (i: number): boolean => blocks[i]!.rows.length === 0 || kept[i]! > 0;
  const note = (): string | undefined => {
    const left = blocks.flatMap((b, i) => {
      const n = b.rows.length - kept[i]!;
      return n > 0 ? [`${n} ${(b.noun ?? ['row', 'rows'])[n === 1 ? 0 : 1]}`] : [];
    });
    return left.length > 0 ? `_Left out to stay under ${maxBytes} bytes: ${left.join(', ')}. The full report is in the JSON and HTML output._` : undefined;
  };
  const join = (parts: string[]): string => `${parts.join('\n\n')}\n`;
  const render = (): string => {
    const parts = blocks.flatMap((b, i) => (visible(i) ? [[...b.head, ...b.rows.slice(0, kept[i]), ...(b.foot ?? [])].join('\n')] : []));
    const n = note();
    return join(n ? [...parts, n] : parts);
  };
  // Sizes are kept up to date as rows leave rather than re-rendered: a report can hold 100,000 rows.
  const rowBytes = blocks.map((b) => b.rows.map((r) => bytes(r) + 1));
  const blockBytes = blocks.map((b, i) => bytes([...b.head, ...(b.foot ?? [])].join('\n')) + rowBytes[i]!.reduce((a, n) => a + n, 0));
  const size = (): number => {
    let n = 0;
    let parts = 0;
    blocks.forEach((_, i) => {
      if (visible(i)) (n += blockBytes[i]!), parts++;
    });
    const last = note();
    if (last) (n += bytes(last)), parts++;
    return n + 2 * (parts - 1) + 1;
  };
  const order = blocks.map((_, i) => i).filter((i) => Number.isFinite(blocks[i]!.keep));
  order.sort((a, b) => blocks[a]!.keep - blocks[b]!.keep);
  for (const i of order) {
    while (kept[i]! > 0 && size() > maxBytes) blockBytes[i]! -= rowBytes[i]![--kept[i]!]!;
  }
  const out = render();
  if (bytes(out) <= maxBytes) return out;
  // Even the heading does not fit: keep its first line and the note, so the reader knows to look elsewhere.
  return truncateBytes(join([blocks[0]!.head[0] ?? '', note() ?? '']), maxBytes);
}

/** The last resort for a tiny limit: cut at a line end, or at a character boundary. */
function truncateBytes(s: string, maxBytes: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= maxBytes) return s;
  let cut = buf.subarray(0, maxBytes).toString('utf8');
  // A cut inside a multi-byte character decodes to U+FFFD, which may be longer than what it replaced.
  while (bytes(cut) > maxBytes || cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  const lastLine = cut.lastIndexOf('\n');
  return lastLine > 0 ? cut.slice(0, lastLine + 1) : cut;
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

const oneLine = (s: string): string => {
  const flat = s.replace(/\s*[\r\n]+\s*/g, ' ');
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
};

/**
 * User text (messages, test names) as inline Markdown that renders as written: HTML special
 * characters become entities, Markdown punctuation is backslash-escaped (`|` too, so it is safe in a
 * table cell), and a leading marker cannot start a heading or list.
 */
export function esc(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_[\]|~$]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^[#+\-=]/, '\\$&');
}

/**
 * patchprobe's own sentences, which quote code in backticks ("`tierPrice(5)`: before returns 7.5"):
 * each quote becomes a code span, the rest is escaped text.
 */
export function prose(s: string): string {
  return oneLine(s)
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? code(part.slice(1, -1)) : part === '' ? '' : esc(part)))
    .join('');
}

/** A code span whose fence is longer than any backtick run inside it. */
export function code(s: string): string {
  const text = oneLine(s);
  if (text.trim() === '') return '(empty)';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Code in a table cell: a backtick span cannot hold a `|` safely there (GFM splits the row first, and
 * a backslash before it would show), so it is HTML <code> around escaped text.
 */
export function cellCode(s: string): string {
  return oneLine(s).trim() === '' ? '(empty)' : `<code>${esc(s)}</code>`;
}
