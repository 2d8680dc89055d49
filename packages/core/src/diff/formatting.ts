import { isDeepStrictEqual } from 'node:util';
import { ts } from 'ts-morph';

/**
 * True when two versions of a file differ only in whitespace and comments.
 * JS/TS is compared as syntax trees (trivia is not part of them), so the check is conservative: anything the
 * parser sees differently (an ASI trap such as `return` + newline, a changed literal, quotes,
 * parentheses) counts as a real change. JSON is compared as parsed values.
 */
const CODE_EXTENSIONS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export function codeScriptKind(file: string): ts.ScriptKind | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : CODE_EXTENSIONS[file.slice(dot)];
}

function parse(file: string, text: string, kind: ts.ScriptKind): ts.SourceFile | undefined {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  // A file that does not parse cannot be proven equivalent to anything.
  const diagnostics = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics;
  return diagnostics && diagnostics.length > 0 ? undefined : sf;
}

function children(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  ts.forEachChild(node, (child) => {
    out.push(child);
  });
  return out;
}

/**
 * Same syntax tree: same node kinds and flags (let/const…), same operators, and the same text for
 * every token (identifiers, literals, keywords). Trivia is not in the tree; layout flags such as a
 * block's single-line form are deliberately not compared.
 */
function sameTree(a: ts.Node, b: ts.Node, sa: ts.SourceFile, sb: ts.SourceFile): boolean {
  if (a.kind !== b.kind || a.flags !== b.flags) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key of ['operator', 'token', 'keywordToken'] as const) if (ra[key] !== rb[key]) return false;
  const ca = children(a);
  const cb = children(b);
  if (ca.length !== cb.length) return false;
  if (ca.length === 0 && a.kind <= ts.SyntaxKind.LastToken) return a.getText(sa) === b.getText(sb);
  return ca.every((child, i) => sameTree(child, cb[i]!, sa, sb));
}

export function isFormattingOnly(file: string, before: string, after: string): boolean {
  if (before === after) return true;
  const kind = codeScriptKind(file);
  if (kind !== undefined) {
    const a = parse(file, before, kind);
    const b = parse(file, after, kind);
    return a !== undefined && b !== undefined && sameTree(a, b, a, b);
  }
  if (file.endsWith('.json')) {
    try {
      return isDeepStrictEqual(JSON.parse(before), JSON.parse(after));
    } catch {
      return false;
    }
  }
  return false;
}
