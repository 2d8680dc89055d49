import { ts } from 'ts-morph';

/** Text helpers over TypeScript syntax, shared by the static tamper checks. */

export function lineOf(node: ts.Node, sf: ts.SourceFile): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

const K = ts.SyntaxKind;
/** Tokens after which `/` divides; anywhere else it starts a regular expression. */
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  K.Identifier, K.PrivateIdentifier, K.ThisKeyword, K.SuperKeyword, K.TrueKeyword, K.FalseKeyword, K.NullKeyword,
  K.NumericLiteral, K.BigIntLiteral, K.StringLiteral, K.RegularExpressionLiteral, K.NoSubstitutionTemplateLiteral,
  K.TemplateTail, K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken, K.PlusPlusToken, K.MinusMinusToken,
]);
/** A line break after these inserts a semicolon (`return` + newline returns nothing): keep it. */
const LINE_BREAK_MATTERS = new Set<ts.SyntaxKind>([K.ReturnKeyword, K.ThrowKeyword, K.BreakKeyword, K.ContinueKeyword, K.YieldKeyword]);
const scanner = ts.createScanner(ts.ScriptTarget.Latest, true);

/**
 * The node's tokens joined by single spaces: equal for two versions that differ only in layout —
 * whitespace, comments, and what formatters such as prettier change besides: quote style (strings are
 * compared by value), trailing commas, semicolons (except the ASI-relevant one after `return`…).
 * A scan of the node's text (templates and regular expressions re-scanned), much faster than
 * building the token nodes.
 */
export function canon(node: ts.Node, sf: ts.SourceFile): string {
  const start = node.getStart(sf);
  const out: string[] = [];
  let prev: ts.SyntaxKind = K.Unknown;
  scanTokens(sf.text, start, node.end - start, sf.languageVariant, (tok) => {
    const ended = LINE_BREAK_MATTERS.has(prev) && (tok === K.SemicolonToken || scanner.hasPrecedingLineBreak());
    if (ended) out.push(';');
    prev = tok;
    if (tok === K.SemicolonToken) return;
    if ((tok === K.CloseParenToken || tok === K.CloseBracketToken || tok === K.CloseBraceToken) && out.at(-1) === ',') out.pop();
    out.push(tok === K.StringLiteral || tok === K.NoSubstitutionTemplateLiteral ? JSON.stringify(scanner.getTokenValue()) : scanner.getTokenText());
  });
  return out.join(' ');
}

/**
 * Calls `visit` for each token of `text[start, start + length)`, comments and whitespace skipped,
 * template literals and regular expressions re-scanned as the parser would; `scanner` holds the
 * token's text and value during the call.
 */
function scanTokens(text: string, start: number, length: number, variant: ts.LanguageVariant, visit: (tok: ts.SyntaxKind) => void): void {
  scanner.setLanguageVariant(variant);
  scanner.setText(text, start, length);
  const braces: boolean[] = []; // true: the `}` closes a template substitution
  let prev: ts.SyntaxKind = K.Unknown;
  for (let tok = scanner.scan(); tok !== K.EndOfFileToken; tok = scanner.scan()) {
    if (tok === K.OpenBraceToken) braces.push(false);
    else if (tok === K.TemplateHead) braces.push(true);
    else if (tok === K.CloseBraceToken) {
      if (braces.at(-1) === true) {
        tok = scanner.reScanTemplateToken(false);
        if (tok === K.TemplateTail) braces.pop();
      } else braces.pop();
    } else if ((tok === K.SlashToken || tok === K.SlashEqualsToken) && !ENDS_EXPRESSION.has(prev)) tok = scanner.reScanSlashToken();
    prev = tok;
    visit(tok);
  }
}

/**
 * When the only difference between two versions of a file is a consistent renaming of identifiers
 * (every changed token is an identifier on both sides, and each old name always becomes the same
 * new one and back), the renaming, old name → new name; otherwise undefined (also when nothing
 * was renamed).
 */
export function renameOnlyMapping(before: string, after: string): Map<string, string> | undefined {
  const a = tokensWithoutImportLists(before);
  const b = tokensWithoutImportLists(after);
  if (a.tokens.length !== b.tokens.length || a.imported.length !== b.imported.length) return undefined;
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  const pair = (ta: string, tb: string): boolean => {
    if ((forward.get(ta) ?? tb) !== tb || (backward.get(tb) ?? ta) !== ta) return false;
    forward.set(ta, tb);
    backward.set(tb, ta);
    return true;
  };
  for (let i = 0; i < a.tokens.length; i++) {
    const [ka, ta] = a.tokens[i]!;
    const [kb, tb] = b.tokens[i]!;
    if (ka !== K.Identifier || kb !== K.Identifier) {
      if (ka !== kb || ta !== tb) return undefined;
      continue;
    }
    // Unchanged identifiers count too: a name kept in one place and renamed in another is no renaming.
    if (!pair(ta, tb)) return undefined;
  }
  // The names in `import { … }` lists may be reordered (sorted) with the rename: the new lists must
  // hold exactly the old names renamed; a name used nowhere else renames only by the same rule.
  const renamed = new Set(a.imported.map((name) => forward.get(name) ?? name));
  if (renamed.size !== new Set(b.imported).size || b.imported.some((name) => !renamed.has(name))) return undefined;
  for (const [from, to] of forward) if (from === to) forward.delete(from);
  return forward.size > 0 ? forward : undefined;
}

/** The file's tokens with the `{ … }` of each import statement set apart as a list of the names in it. */
function tokensWithoutImportLists(text: string): { tokens: Array<[ts.SyntaxKind, string]>; imported: string[] } {
  const tokens: Array<[ts.SyntaxKind, string]> = [];
  const imported: string[] = [];
  let state: 'code' | 'import' | 'list' = 'code';
  scanTokens(text, 0, text.length, ts.LanguageVariant.Standard, (tok) => {
    const t = scanner.getTokenText();
    if (state === 'code' && tok === K.ImportKeyword) state = 'import';
    else if (state === 'import' && tok === K.OpenBraceToken) state = 'list';
    else if (state === 'list') {
      if (tok === K.CloseBraceToken) state = 'import';
      else if (tok === K.Identifier) imported.push(t);
      return;
    } else if (state === 'import' && (tok === K.FromKeyword || tok === K.SemicolonToken || tok === K.StringLiteral || tok === K.OpenParenToken || tok === K.DotToken)) {
      state = 'code'; // the end of the clause, or `import(…)` / `import.meta`: no list follows
    }
    tokens.push([tok, t]);
  });
  return { tokens, imported };
}

/** Source text on one line, shortened for a message. */
export function short(node: ts.Node, sf: ts.SourceFile, max = 80): string {
  const text = node.getText(sf).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A number literal, possibly with separators, a sign, or `a * b` of literals (`60 * 1000`). */
export function numberValue(e: ts.Expression | undefined): number | undefined {
  if (!e) return undefined;
  if (ts.isParenthesizedExpression(e)) return numberValue(e.expression);
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) {
    const v = numberValue(e.operand);
    return v === undefined ? undefined : -v;
  }
  if (ts.isBinaryExpression(e)) {
    const a = numberValue(e.left);
    const b = numberValue(e.right);
    if (a === undefined || b === undefined) return undefined;
    if (e.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return a * b;
    if (e.operatorToken.kind === ts.SyntaxKind.PlusToken) return a + b;
  }
  return undefined;
}
