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
  scanner.setLanguageVariant(sf.languageVariant);
  scanner.setText(sf.text, start, node.end - start);
  const out: string[] = [];
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
    const ended = LINE_BREAK_MATTERS.has(prev) && (tok === K.SemicolonToken || scanner.hasPrecedingLineBreak());
    if (ended) out.push(';');
    prev = tok;
    if (tok === K.SemicolonToken) continue;
    if ((tok === K.CloseParenToken || tok === K.CloseBracketToken || tok === K.CloseBraceToken) && out.at(-1) === ',') out.pop();
    out.push(tok === K.StringLiteral || tok === K.NoSubstitutionTemplateLiteral ? JSON.stringify(scanner.getTokenValue()) : scanner.getTokenText());
  }
  return out.join(' ');
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
