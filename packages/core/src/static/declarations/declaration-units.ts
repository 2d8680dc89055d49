import { ts } from 'ts-morph';
import {
  isExported, isFunctionWithBody, isTypeOnly, localExports, memberSegment, nameNodeOf, propertyName, topLevelName,
} from './declaration-names.js';
import type { SourceFlavour } from './emit-js.js';

/** How a declaration is wrapped to make a standalone module for the emitter (api-notes §5). */
export type Wrap = 'statement' | 'class-member' | 'object-member' | 'expression';

/** One declaration of one version of a file: a function-like, a class/object member or a top-level statement. */
export interface Unit {
  /** Path inside the file: "Cart.total", "outer.inner", "Calc.static make", "<import ./x>". */
  path: string;
  node: ts.Node;
  wrap: Wrap;
  /** The module-level statement that holds it (the node itself for top-level units). */
  top: ts.Statement;
  startLine: number;
  endLine: number;
  exported: boolean;
  /** Emits no JavaScript by its syntax (interface, type alias, declare, overload signature…). */
  typeOnly: boolean;
  /** The declaration's own name inside `node`, ignored when looking for renamed/moved declarations. */
  nameNode?: ts.Node;
}

/** One version (before or after) of one changed file. */
export interface SideFile {
  /** Repository path of this version. */
  path: string;
  sf: ts.SourceFile;
  flavour: SourceFlavour;
  /** Did not parse: nothing in it can be proven equivalent. */
  broken: boolean;
  units: Unit[];
  byPath: Map<string, Unit>;
}

export interface UnitRef {
  unit: Unit;
  file: SideFile;
}

interface Ctx {
  prefix: string;
  /** Anonymous functions are numbered per enclosing function/class/object. */
  scope: ts.Node;
  top: ts.Statement;
}

/** Every declaration of a file, in source order, with a path unique within the file. */
export function collectUnits(sf: ts.SourceFile): Unit[] {
  const units: Unit[] = [];
  const pathOf = new Map<ts.Node, string>();
  const taken = new Map<string, number>();
  const anon = new Map<ts.Node, number>();
  const exportedNames = localExports(sf);

  const add = (node: ts.Node, path: string, wrap: Wrap, top: ts.Statement): string => {
    const existing = pathOf.get(node);
    if (existing !== undefined) return existing;
    const n = (taken.get(path) ?? 0) + 1;
    taken.set(path, n);
    const unique = n === 1 ? path : `${path}#${n}`;
    pathOf.set(node, unique);
    units.push({
      path: unique, node, wrap, top, startLine: line(sf, node.getStart(sf)), endLine: line(sf, node.end),
      exported: isExported(node, top, exportedNames), typeOnly: isTypeOnly(node), nameNode: nameNodeOf(node),
    });
    return unique;
  };
  const nextAnon = (scope: ts.Node, label: string): string => {
    const i = anon.get(scope) ?? 0;
    anon.set(scope, i + 1);
    return `<${label}#${i}>`;
  };
  const join = (prefix: string, segment: string) => (prefix === '' ? segment : `${prefix}.${segment}`);

  // The path a function/class/object value lives at: its binding's, or a new segment under the prefix.
  const valuePath = (value: ts.Node, ctx: Ctx, label: string): string => {
    const owner = bindingOwner(value);
    if (owner !== undefined && pathOf.has(owner)) return pathOf.get(owner)!;
    const name = bindingName(value);
    return join(ctx.prefix, name ?? nextAnon(ctx.scope, label));
  };

  const visit = (node: ts.Node, ctx: Ctx): void => {
    if (isFunctionWithBody(node) || ts.isClassStaticBlockDeclaration(node)) {
      const member = ts.isClassLike(node.parent) || ts.isObjectLiteralExpression(node.parent);
      const owner = member ? undefined : bindingOwner(node);
      const owned = owner !== undefined && pathOf.has(owner);
      const path = pathOf.get(node) ?? (member ? join(ctx.prefix, memberSegment(node)) : valuePath(node, ctx, 'anon'));
      const final = owned ? path : add(node, path, wrapOf(node), ctx.top);
      ts.forEachChild(node, (c) => visit(c, { prefix: final, scope: node, top: ctx.top }));
      return;
    }
    if (ts.isClassLike(node) || (ts.isObjectLiteralExpression(node) && isContainerObject(node))) {
      const path = ts.isClassDeclaration(node) && pathOf.has(node) ? pathOf.get(node)! : valuePath(node, ctx, 'class');
      ts.forEachChild(node, (c) => visit(c, { prefix: path, scope: node, top: ctx.top }));
      return;
    }
    if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name)) {
      const path = join(ctx.prefix, node.name.text);
      ts.forEachChild(node, (c) => visit(c, { prefix: path, scope: node, top: ctx.top }));
      return;
    }
    if (isMemberUnit(node)) {
      const path = add(node, join(ctx.prefix, memberSegment(node)), wrapOf(node), ctx.top);
      ts.forEachChild(node, (c) => visit(c, { ...ctx, prefix: path }));
      return;
    }
    ts.forEachChild(node, (c) => visit(c, ctx));
  };

  for (const statement of sf.statements) {
    const path = add(statement, topLevelName(statement), 'statement', statement);
    const ctx: Ctx = { prefix: '', scope: sf, top: statement };
    if (isFunctionWithBody(statement) || ts.isClassDeclaration(statement) || ts.isModuleDeclaration(statement)) visit(statement, ctx);
    else ts.forEachChild(statement, (c) => visit(c, ts.isExportAssignment(statement) ? { ...ctx, prefix: path } : ctx));
  }
  return units;
}

function line(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

/** Class members and members of a named object literal are declarations of their own. */
function isMemberUnit(node: ts.Node): boolean {
  if (ts.isClassLike(node.parent) && ts.isClassElement(node)) return !ts.isSemicolonClassElement(node);
  return ts.isObjectLiteralElementLike(node) && ts.isObjectLiteralExpression(node.parent) && isContainerObject(node.parent);
}

function wrapOf(node: ts.Node): Wrap {
  if (ts.isClassLike(node.parent)) return 'class-member';
  if (ts.isObjectLiteralExpression(node.parent)) return 'object-member';
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? 'expression' : 'statement';
}

/** The parent a value is assigned to, looking through `( )`, `as`, `satisfies` and `!`. */
function bindingSite(value: ts.Node): ts.Node {
  let p = value.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p)) p = p.parent;
  return p;
}

/** A declaration that already stands for this value (class field, named-object member, sole top-level const, export default). */
function bindingOwner(value: ts.Node): ts.Node | undefined {
  const site = bindingSite(value);
  if (ts.isPropertyDeclaration(site) || ts.isPropertyAssignment(site) || ts.isExportAssignment(site)) return site;
  const list = site.parent;
  if (ts.isVariableDeclaration(site) && ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent)) {
    if (ts.isSourceFile(list.parent.parent) && list.declarations.length === 1) return list.parent;
  }
  return undefined;
}

function bindingName(value: ts.Node): string | undefined {
  const site = bindingSite(value);
  if (ts.isVariableDeclaration(site) && ts.isIdentifier(site.name)) return site.name.text;
  if (ts.isPropertyAssignment(site)) return propertyName(site.name);
  const own = (value as { name?: ts.Node }).name;
  return own !== undefined && ts.isIdentifier(own) ? own.text : undefined;
}

function isContainerObject(node: ts.ObjectLiteralExpression): boolean {
  const site = bindingSite(node);
  if (ts.isVariableDeclaration(site)) return ts.isIdentifier(site.name);
  if (ts.isPropertyAssignment(site)) return ts.isObjectLiteralExpression(site.parent) && isContainerObject(site.parent);
  return ts.isPropertyDeclaration(site) || ts.isExportAssignment(site);
}

