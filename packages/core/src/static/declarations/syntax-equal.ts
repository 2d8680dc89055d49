import { ts } from 'ts-morph';

/**
 * Syntax-tree equality that ignores exactly what cannot change behaviour: trivia (whitespace,
 * comments), quote style, semicolons (incl. empty statements), trailing commas and redundant
 * parentheses. Everything else (node kinds, let/const, optional chains, operators, literal values,
 * identifiers) must match. Used on TS sources (formatting check) and on emitted JS (semantic check).
 */
export interface SameSyntaxOptions {
  /** Identifiers match any identifier: a cheap pre-check before alpha-renaming. */
  wildIdentifiers?: boolean;
  /** Nodes that match each other whatever they hold (declaration names, for rename detection). */
  ignore?: ReadonlySet<ts.Node>;
}

// Flags that are syntax (let/const/using, `?.`, namespace forms); the rest are parse context or binder caches.
const SYNTAX_FLAGS =
  ts.NodeFlags.BlockScoped | ts.NodeFlags.OptionalChain | ts.NodeFlags.Namespace | ts.NodeFlags.NestedNamespace | ts.NodeFlags.GlobalAugmentation;

// Scalar properties that distinguish nodes of the same kind (`-x`/`+x`, extends/implements, `import type`…).
const SCALAR_KEYS = ['operator', 'token', 'keywordToken', 'isTypeOnly', 'isExportEquals', 'isTypeOf', 'phaseModifier'] as const;

// Optional slots: children are compared as a flat list, so `for (a;;)` and `for (;a;)`, or `{a: b}` and
// `{a = b}`, would look alike without knowing which slots are filled.
const SLOT_KEYS = [
  'propertyName', 'name', 'initializer', 'condition', 'incrementor', 'constraint', 'default', 'type', 'expression',
  'dotDotDotToken', 'questionToken', 'exclamationToken', 'asteriskToken', 'typeArguments', 'typeParameters',
  'elseStatement', 'catchClause', 'finallyBlock', 'variableDeclaration', 'importClause', 'namedBindings',
  'exportClause', 'moduleSpecifier', 'attributes', 'body', 'label', 'nameType', 'assertsModifier', 'questionDotToken',
] as const;

export function sameSyntax(a: ts.Node, b: ts.Node, options: SameSyntaxOptions = {}): boolean {
  const x = skipParens(a);
  const y = skipParens(b);
  if (options.ignore?.has(x) && options.ignore.has(y)) return true;
  if (options.wildIdentifiers && mayExpandShorthand(x, y)) return true;
  const leafX = leafText(x);
  if (leafX !== undefined || leafText(y) !== undefined) {
    if (options.wildIdentifiers && ts.isIdentifier(x) && ts.isIdentifier(y)) return true;
    return sameLeafKind(x, y) && leafX === leafText(y);
  }
  if (x.kind !== y.kind || (x.flags & SYNTAX_FLAGS) !== (y.flags & SYNTAX_FLAGS)) return false;
  if (!sameScalars(x, y) || slotSignature(x) !== slotSignature(y)) return false;
  const cx = syntaxChildren(x);
  const cy = syntaxChildren(y);
  return cx.length === cy.length && cx.every((child, i) => sameSyntax(child, cy[i]!, options));
}

/** `{x}` and `{x: y}` can become equal once shorthands are expanded and bindings renamed. */
function mayExpandShorthand(a: ts.Node, b: ts.Node): boolean {
  const property = (n: ts.Node) => ts.isShorthandPropertyAssignment(n) || ts.isPropertyAssignment(n);
  if (ts.isBindingElement(a) && ts.isBindingElement(b)) return true;
  return property(a) && property(b) && (ts.isShorthandPropertyAssignment(a) || ts.isShorthandPropertyAssignment(b));
}

function skipParens(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isParenthesizedTypeNode(n)) {
    // `('use strict');` is an expression, `'use strict';` a directive.
    if (ts.isParenthesizedExpression(n) && ts.isStringLiteral(n.expression) && ts.isExpressionStatement(n.parent)) break;
    n = ts.isParenthesizedExpression(n) ? n.expression : n.type;
  }
  return n;
}

function sameScalars(a: ts.Node, b: ts.Node): boolean {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  return SCALAR_KEYS.every((key) => ra[key] === rb[key]);
}

function slotSignature(node: ts.Node): string {
  const r = node as unknown as Record<string, unknown>;
  let sig = '';
  for (const key of SLOT_KEYS) sig += r[key] === undefined ? '0' : '1';
  return sig;
}

/** The text that identifies a leaf, with quote style and number notation normalised away; undefined for non-leaves. */
function leafText(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  // A directive is recognised by its raw text ('use\x20strict' is not one); quote style still does not matter.
  if (ts.isStringLiteral(node) && ts.isExpressionStatement(node.parent)) return `directive:${node.getText().slice(1, -1)}`;
  if (ts.isStringLiteral(node) || ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) return node.text;
  if (ts.isRegularExpressionLiteral(node)) return node.text;
  if (ts.isNoSubstitutionTemplateLiteral(node)) return isTagged(node) ? `raw:${node.rawText ?? node.text}` : node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.rawText ?? node.text;
  if (ts.isJsxText(node)) return jsxText(node.text);
  return undefined;
}

function isTagged(node: ts.Node): boolean {
  return ts.isTaggedTemplateExpression(node.parent);
}

/** An untagged `…` without substitutions is the same string as '…'. */
function sameLeafKind(a: ts.Node, b: ts.Node): boolean {
  if (a.kind === b.kind) return true;
  const plain = (n: ts.Node) => ts.isStringLiteral(n) || (ts.isNoSubstitutionTemplateLiteral(n) && !isTagged(n));
  return plain(a) && plain(b);
}

/** JSX text as the JSX transform sees it: lines trimmed at their breaks, blank lines dropped. */
export function jsxText(text: string): string {
  const lines = text.split(/\r\n|\n|\r/);
  const kept: string[] = [];
  lines.forEach((line, i) => {
    let t = line;
    if (i > 0) t = t.replace(/^[ \t]+/, '');
    if (i < lines.length - 1) t = t.replace(/[ \t]+$/, '');
    if (t !== '') kept.push(t);
  });
  return kept.join(' ');
}

function syntaxChildren(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  ts.forEachChild(node, (child) => {
    if (!isNoise(child, node)) out.push(child);
  });
  return out;
}

/** Children that exist only because of formatting: stray semicolons, JSX layout whitespace, `{/* c *\/}`. */
function isNoise(child: ts.Node, parent: ts.Node): boolean {
  if (ts.isSemicolonClassElement(child)) return true;
  if (ts.isEmptyStatement(child)) return ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent);
  if (ts.isJsxText(child)) return jsxText(child.text) === '';
  if (ts.isJsxExpression(child)) return child.expression === undefined && child.dotDotDotToken === undefined;
  // `export {}` only marks a file as a module; the emitter adds it when a unit's imports vanish.
  return ts.isSourceFile(parent) && ts.isExportDeclaration(child) && isEmptyExport(child);
}

function isEmptyExport(node: ts.ExportDeclaration): boolean {
  const clause = node.exportClause;
  return !node.moduleSpecifier && !node.isTypeOnly && clause !== undefined && ts.isNamedExports(clause) && clause.elements.length === 0;
}
