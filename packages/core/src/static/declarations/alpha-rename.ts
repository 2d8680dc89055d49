import { ts } from 'ts-morph';

/**
 * Alpha-normalisation (api-notes §5): the declaration's text with every binding it declares itself
 * (parameters, locals, nested functions/classes, catch variables) renamed to `__pp$0, __pp$1…` in
 * order of first occurrence. Free names keep their text, so renaming a local onto a name the body
 * also uses from outside (capture) or shadowing an outer name gives a different text: not a rename.
 * Property names are never renamed; shorthand `{x}` is expanded to `{x: __pp$0}` first.
 * Undefined when names are dynamic (`with`, `eval`) and renaming cannot be proven safe.
 */
export function alphaNormalised(unit: ts.Node, sf: ts.SourceFile, checker: ts.TypeChecker): string | undefined {
  const start = unit.getStart(sf);
  const canonical = new Map<ts.Symbol, string>();
  const edits: { from: number; to: number; text: string }[] = [];
  let dynamic = false;
  const visit = (node: ts.Node): void => {
    if (ts.isWithStatement(node)) dynamic = true;
    if (!ts.isIdentifier(node)) return ts.forEachChild(node, visit);
    if (node.text === 'eval') dynamic = true;
    if (isPropertySlot(node)) return;
    const symbol = symbolOf(node, checker);
    if (symbol === undefined || !declaredInside(symbol, unit, sf)) return;
    const name = canonical.get(symbol) ?? `__pp$${canonical.size}`;
    canonical.set(symbol, name);
    const text = isShorthand(node) ? `${node.text}: ${name}` : name;
    edits.push({ from: node.getStart(sf) - start, to: node.end - start, text });
  };
  visit(unit);
  if (dynamic) return undefined;
  let text = sf.text.slice(start, unit.end);
  for (const e of edits.sort((a, b) => b.from - a.from)) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  return text;
}

function symbolOf(id: ts.Identifier, checker: ts.TypeChecker): ts.Symbol | undefined {
  const parent = id.parent;
  // getSymbolAtLocation on a shorthand property gives the property; the binding is what we rename.
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === id) return checker.getShorthandAssignmentValueSymbol(parent);
  return checker.getSymbolAtLocation(id);
}

function isShorthand(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isShorthandPropertyAssignment(p)) return p.name === id;
  return ts.isBindingElement(p) && p.name === id && !p.propertyName && !p.dotDotDotToken && ts.isObjectBindingPattern(p.parent);
}

/** Identifiers that name properties, labels or module exports: never bindings. */
function isPropertySlot(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p)) return p.name === id;
  if (ts.isQualifiedName(p)) return p.right === id;
  if (ts.isBindingElement(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) return p.propertyName === id;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return p.label === id;
  if (ts.isMetaProperty(p)) return true;
  if (ts.isJsxAttribute(p) || ts.isEnumMember(p)) return p.name === id;
  const named = ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p) ||
    ts.isMethodSignature(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p);
  return named && p.name === id;
}

const RENAMEABLE = new Set([
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ClassExpression,
]);

/** Every declaration of the symbol is a binding inside the unit whose scope ends inside it too. */
function declaredInside(symbol: ts.Symbol, unit: ts.Node, sf: ts.SourceFile): boolean {
  const declarations = symbol.declarations ?? [];
  return (
    declarations.length > 0 &&
    declarations.every(
      (d) => d.getSourceFile() === sf && d.pos >= unit.pos && d.end <= unit.end && RENAMEABLE.has(d.kind) && !isModuleScoped(d),
    )
  );
}

/** Module-level bindings are visible to the rest of the file, so renaming them is never local. */
function isModuleScoped(declaration: ts.Node): boolean {
  if (ts.isFunctionExpression(declaration) || ts.isClassExpression(declaration)) return false;
  const varLike = ts.isFunctionDeclaration(declaration) || ((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.BlockScoped) === 0 && !ts.isClassDeclaration(declaration));
  for (let n = declaration.parent; !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isClassStaticBlockDeclaration(n) || ts.isCatchClause(n)) return false;
    if (!varLike && (ts.isBlock(n) || ts.isIterationStatement(n, false) || ts.isCaseBlock(n))) return false;
  }
  return true;
}
