import { ts } from 'ts-morph';

// Names and facts of single declarations; declaration-units.ts walks the file and builds paths from them.

export function isFunctionWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    node.body !== undefined
  );
}

export function propertyName(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return `[${name.getText().replace(/\s+/g, '')}]`;
}

/** "total", "static make", "get double", "constructor", "apply:signature" for an overload. */
export function memberSegment(node: ts.Node): string {
  if (ts.isConstructorDeclaration(node)) return node.body ? 'constructor' : 'constructor:signature';
  if (ts.isClassStaticBlockDeclaration(node)) return '<static>';
  if (ts.isIndexSignatureDeclaration(node)) return '<index>';
  if (ts.isSpreadAssignment(node)) return `...${node.expression.getText().replace(/\s+/g, '')}`;
  const named = node as ts.Node & { name?: ts.PropertyName };
  let segment = named.name ? propertyName(named.name) : '<member>';
  if (ts.isGetAccessorDeclaration(node)) segment = `get ${segment}`;
  if (ts.isSetAccessorDeclaration(node)) segment = `set ${segment}`;
  if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) segment = `static ${segment}`;
  if (ts.isMethodDeclaration(node) && !node.body) segment = `${segment}:signature`;
  return segment;
}

const STATEMENT_LABELS: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.IfStatement]: '<if>', [ts.SyntaxKind.ForStatement]: '<for>', [ts.SyntaxKind.ForOfStatement]: '<for>',
  [ts.SyntaxKind.ForInStatement]: '<for>', [ts.SyntaxKind.WhileStatement]: '<while>', [ts.SyntaxKind.DoStatement]: '<do>',
  [ts.SyntaxKind.TryStatement]: '<try>', [ts.SyntaxKind.Block]: '<block>', [ts.SyntaxKind.SwitchStatement]: '<switch>',
  [ts.SyntaxKind.ThrowStatement]: '<throw>', [ts.SyntaxKind.LabeledStatement]: '<label>',
};

const compact = (node: ts.Node) => node.getText().replace(/\s+/g, '').slice(0, 60);

/** Names of module-level statements: the declared name, or a label for imports, exports and expressions. */
export function topLevelName(s: ts.Statement): string {
  if (ts.isFunctionDeclaration(s)) return `${s.name?.text ?? 'default'}${s.body ? '' : ':signature'}`;
  if (ts.isClassDeclaration(s)) return s.name?.text ?? 'default';
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => boundNames(d.name)).join(',');
  if (ts.isInterfaceDeclaration(s)) return `interface ${s.name.text}`;
  if (ts.isTypeAliasDeclaration(s)) return `type ${s.name.text}`;
  if (ts.isEnumDeclaration(s)) return s.name.text;
  if (ts.isModuleDeclaration(s)) return `namespace ${s.name.text}`;
  if (ts.isImportDeclaration(s)) return `<import ${ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : compact(s.moduleSpecifier)}>`;
  if (ts.isImportEqualsDeclaration(s)) return `<import ${s.name.text}>`;
  if (ts.isExportDeclaration(s)) return s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? `<export from ${s.moduleSpecifier.text}>` : '<export>';
  if (ts.isExportAssignment(s)) return s.isExportEquals ? '<export =>' : 'default';
  if (ts.isExpressionStatement(s)) return expressionLabel(s.expression);
  return STATEMENT_LABELS[s.kind] ?? '<statement>';
}

function expressionLabel(e: ts.Expression): string {
  if (ts.isStringLiteral(e)) return `<directive ${e.text}>`;
  if (ts.isCallExpression(e)) return `<call ${compact(e.expression)}>`;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return `<assign ${compact(e.left)}>`;
  return '<expression>';
}

export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

export function localExports(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause))
      for (const e of s.exportClause.elements) names.add((e.propertyName ?? e.name).getText());
    if (ts.isExportAssignment(s) && ts.isIdentifier(s.expression)) names.add(s.expression.text);
  }
  return names;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** Exported when its statement is, and no function lies between (members of exported classes/objects count). */
export function isExported(node: ts.Node, top: ts.Statement, names: Set<string>): boolean {
  for (let n = node.parent; n !== undefined && node !== top; n = n.parent) {
    if (isFunctionWithBody(n)) return false;
    if (n === top) break;
  }
  if (hasModifier(top, ts.SyntaxKind.ExportKeyword) || ts.isExportAssignment(top) || ts.isExportDeclaration(top)) return true;
  if (ts.isExpressionStatement(top)) return /^(module\.)?exports\b/.test(top.expression.getText());
  const declared = ts.isVariableStatement(top)
    ? top.declarationList.declarations.flatMap((d) => boundNames(d.name))
    : [(top as { name?: ts.Node }).name?.getText() ?? ''];
  return declared.some((name) => names.has(name));
}

/** Syntax that TypeScript erases entirely. Imports are decided later, from the emitted file. */
export function isTypeOnly(node: ts.Node): boolean {
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isIndexSignatureDeclaration(node)) return true;
  if (hasModifier(node, ts.SyntaxKind.DeclareKeyword)) return true;
  if (hasModifier(node, ts.SyntaxKind.AbstractKeyword)) return !ts.isClassDeclaration(node);
  if ((ts.isExportDeclaration(node) || ts.isImportEqualsDeclaration(node)) && node.isTypeOnly) return true;
  const fn = ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node);
  return fn && (node as ts.FunctionLikeDeclaration).body === undefined;
}

export function nameNodeOf(node: ts.Node): ts.Node | undefined {
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.length === 1 ? node.declarationList.declarations[0]!.name : undefined;
  return (node as { name?: ts.Node }).name;
}
