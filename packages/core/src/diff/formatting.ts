import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';

/**
 * True when two versions of a file differ only in whitespace and comments.
 * JS/TS is compared as printed ASTs without comments, so the check is conservative: anything the
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

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function printWithoutTrivia(file: string, text: string, kind: ts.ScriptKind): string | undefined {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  // A file that does not parse cannot be proven equivalent to anything.
  const diagnostics = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics;
  if (diagnostics && diagnostics.length > 0) return undefined;
  return printer.printFile(sf);
}

export function isFormattingOnly(file: string, before: string, after: string): boolean {
  if (before === after) return true;
  const kind = codeScriptKind(file);
  if (kind !== undefined) {
    const a = printWithoutTrivia(file, before, kind);
    const b = printWithoutTrivia(file, after, kind);
    return a !== undefined && a === b;
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
