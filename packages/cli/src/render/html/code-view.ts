import { diffArrays, diffWordsWithSpace } from 'diff';
import type { CodeExcerpt, DeclarationChange } from '@patchprobe/core';
import { h, plural, type Markup } from './markup.js';

type Kind = 'ctx' | 'del' | 'add';

interface Cell {
  n: number;
  kind: Kind;
  html: Markup;
}

/** One row of the side-by-side view; a side is missing where the other side added or removed a line. */
type Row = { before?: Cell; after?: Cell } | { gap: number };

// A reviewer needs the changed lines plus enough around them to read them; a 120-line function
// with one edit would otherwise push everything else off the screen.
const CONTEXT = 3;
const MIN_GAP = 4;
// Below this share of shared text a word diff marks nearly everything: the line tint says it better.
const MIN_WORD_OVERLAP = 0.4;

const linesOf = (e: CodeExcerpt): string[] => e.text.split('\n');

function wordPair(before: string, after: string): { before: Markup; after: Markup } | undefined {
  const parts = diffWordsWithSpace(before, after);
  const common = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.trim().length, 0);
  if (common < MIN_WORD_OVERLAP * Math.max(before.trim().length, after.trim().length)) return undefined;
  return {
    before: h`${parts.filter((p) => !p.added).map((p) => (p.removed ? h`<mark class="w-del">${p.value}</mark>` : p.value))}`,
    after: h`${parts.filter((p) => !p.removed).map((p) => (p.added ? h`<mark class="w-add">${p.value}</mark>` : p.value))}`,
  };
}

function diffRows(before: CodeExcerpt, after: CodeExcerpt): Row[] {
  const rows: Row[] = [];
  let b = before.startLine;
  let a = after.startLine;
  const changes = diffArrays(linesOf(before), linesOf(after));
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) {
      for (const line of c.value) rows.push({ before: { n: b++, kind: 'ctx', html: h`${line}` }, after: { n: a++, kind: 'ctx', html: h`${line}` } });
      continue;
    }
    // jsdiff reports a replacement as a removal followed by an addition: pair them line by line.
    const removed = c.removed ? c.value : [];
    const next = changes[i + 1];
    const added = c.added ? c.value : next?.added ? next.value : [];
    if (c.removed && next?.added) i++;
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const o = removed[k];
      const n = added[k];
      const words = o !== undefined && n !== undefined ? wordPair(o, n) : undefined;
      rows.push({
        ...(o !== undefined ? { before: { n: b++, kind: 'del' as const, html: words?.before ?? h`${o}` } } : {}),
        ...(n !== undefined ? { after: { n: a++, kind: 'add' as const, html: words?.after ?? h`${n}` } } : {}),
      });
    }
  }
  return collapse(rows);
}

/** Folds long runs of unchanged lines, keeping CONTEXT lines next to each change. */
function collapse(rows: Row[]): Row[] {
  const isCtx = (r: Row): boolean => !('gap' in r) && r.before?.kind === 'ctx';
  if (rows.every(isCtx)) return rows;
  const out: Row[] = [];
  let i = 0;
  while (i < rows.length) {
    if (!isCtx(rows[i]!)) {
      out.push(rows[i++]!);
      continue;
    }
    let j = i;
    while (j < rows.length && isCtx(rows[j]!)) j++;
    // At the edges keep one line: the signature at the top, the closing brace at the bottom.
    const head = i === 0 ? 1 : CONTEXT;
    const tail = j === rows.length ? 1 : CONTEXT;
    const hidden = j - i - head - tail;
    if (hidden >= MIN_GAP) out.push(...rows.slice(i, i + head), { gap: hidden }, ...rows.slice(j - tail, j));
    else out.push(...rows.slice(i, j));
    i = j;
  }
  return out;
}

function oneSide(e: CodeExcerpt, kind: 'add' | 'del'): Row[] {
  return linesOf(e).map((line, i) => {
    const cell: Cell = { n: e.startLine + i, kind, html: h`${line}` };
    return kind === 'add' ? { after: cell } : { before: cell };
  });
}

const cells = (cell: Cell | undefined, side: 'before' | 'after'): Markup =>
  cell
    ? h`<td class="ln ${cell.kind}">${cell.n}</td><td class="src ${cell.kind}" data-side="${side}" data-line="${cell.n}" data-change="${cell.kind}">${cell.html}</td>`
    : h`<td class="ln none"></td><td class="src none" data-side="${side}"></td>`;

function span(e: CodeExcerpt): string {
  return e.startLine === e.endLine ? `line ${e.startLine}` : `lines ${e.startLine}–${e.endLine}`;
}

function truncation(side: string, e: CodeExcerpt | undefined): Markup | null {
  if (!e?.truncated) return null;
  const shown = linesOf(e).length;
  return h`<p class="note" data-testid="truncated">The ${side} side is cut to its first ${plural(shown, 'line')} of ${e.endLine - e.startLine + 1}; the rest is not in the report, so the diff near the cut may be incomplete.</p>`;
}

/**
 * The declaration's before and after code side by side, with real line numbers, changed lines
 * tinted and changed words marked (jsdiff); added and removed declarations show their one side.
 */
export function codeView(d: DeclarationChange): Markup {
  const { before, after } = d.code;
  if (!before && !after) return h`<p class="note">No code excerpt in the report for this declaration.</p>`;
  const split = Boolean(before && after);
  const rows = before && after ? diffRows(before, after) : before ? oneSide(before, 'del') : oneSide(after!, 'add');
  const unchanged = before && after && before.text === after.text;
  const head = split
    ? h`<tr><th colspan="2">before · ${span(before!)}</th><th colspan="2">after · ${span(after!)}</th></tr>`
    : before
      ? h`<tr><th colspan="2">before · ${span(before)} · removed by the patch</th></tr>`
      : h`<tr><th colspan="2">after · ${span(after!)} · added by the patch</th></tr>`;
  const body = rows.map((r) =>
    'gap' in r
      ? h`<tr class="gap"><td colspan="${split ? 4 : 2}">⋯ ${plural(r.gap, 'unchanged line')}</td></tr>`
      : split
        ? h`<tr>${cells(r.before, 'before')}${cells(r.after, 'after')}</tr>`
        : h`<tr>${r.before ? cells(r.before, 'before') : cells(r.after, 'after')}</tr>`,
  );
  return h`<div class="code-wrap"><table class="code ${split ? 'split' : 'single'}" data-testid="code-view">
<colgroup>${split ? h`<col class="c-ln"><col><col class="c-ln"><col>` : h`<col class="c-ln"><col>`}</colgroup>
<thead>${head}</thead><tbody>${body}</tbody></table></div>
${unchanged ? h`<p class="note">The text is the same on both sides; the declaration moved or was renamed around it.</p>` : null}${truncation('before', before)}${truncation('after', after)}`;
}
