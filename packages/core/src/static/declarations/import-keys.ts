import { ts } from 'ts-morph';
import type { SideFile, UnitRef } from './declaration-units.js';
import { emitAll } from './emit-js.js';

/**
 * What an import declaration leaves in the emitted JavaScript, as a comparable key ('' when it
 * vanishes). A lone import emits nothing (its names are unused), so TS files are emitted whole and
 * only the bindings that survive there count: adding `Foo` used only as a type is types-only, adding
 * a value import is not. JavaScript keeps every import.
 */
export function importKeys(refs: readonly UnitRef[]): Map<ts.Node, string> {
  const imports = refs.filter((r) => ts.isImportDeclaration(r.unit.node));
  const files = [...new Set(imports.map((r) => r.file))].filter((f) => f.flavour === 'ts' || f.flavour === 'tsx');
  const emitted = emitAll(files.map((f) => ({ text: f.sf.text, flavour: f.flavour })));
  const survivors = new Map<SideFile, Map<string, Set<string>> | undefined>();
  files.forEach((f, i) => survivors.set(f, emitted[i] && importedLocals(emitted[i])));
  const keys = new Map<ts.Node, string>();
  for (const { unit, file } of imports) {
    const node = unit.node as ts.ImportDeclaration;
    const kept = survivors.has(file) ? survivors.get(file) : 'all';
    keys.set(node, kept === undefined ? `unparsed:${node.getText()}` : importKey(node, kept));
  }
  return keys;
}

function specifierOf(node: ts.ImportDeclaration): string {
  return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : node.moduleSpecifier.getText();
}

/** Local names bound by the emitted imports, per module specifier. */
function importedLocals(js: ts.SourceFile): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of js.statements) {
    if (!ts.isImportDeclaration(s)) continue;
    const names = out.get(specifierOf(s)) ?? new Set<string>();
    for (const b of bindings(s)) names.add(b.local);
    out.set(specifierOf(s), names);
  }
  return out;
}

function bindings(node: ts.ImportDeclaration): { imported: string; local: string }[] {
  const clause = node.importClause;
  if (!clause || clause.isTypeOnly) return [];
  const out = clause.name ? [{ imported: 'default', local: clause.name.text }] : [];
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) out.push({ imported: '*', local: named.name.text });
  if (named && ts.isNamedImports(named))
    for (const e of named.elements) if (!e.isTypeOnly) out.push({ imported: (e.propertyName ?? e.name).text, local: e.name.text });
  return out;
}

function importKey(node: ts.ImportDeclaration, kept: Map<string, Set<string>> | 'all'): string {
  const spec = specifierOf(node);
  const attributes = node.attributes?.elements.map((e) => `${e.name.text}=${e.value.getText()}`).join(',') ?? '';
  const clause = node.importClause;
  if (!clause) return `import "${spec}" ${attributes}`;
  const all = bindings(node);
  const surviving = kept === 'all' ? all : all.filter((b) => kept.get(spec)?.has(b.local));
  if (surviving.length === 0) return all.length === 0 && !clause.isTypeOnly && !hasTypeOnlyNames(clause) ? `import {} "${spec}"` : '';
  const list = surviving.map((b) => `${b.imported} as ${b.local}`).sort();
  const phase = (clause as { phaseModifier?: unknown }).phaseModifier ?? '';
  return `import${phase} {${list.join(',')}} "${spec}" ${attributes}`;
}

function hasTypeOnlyNames(clause: ts.ImportClause): boolean {
  const named = clause.namedBindings;
  return named !== undefined && ts.isNamedImports(named) && named.elements.some((e) => e.isTypeOnly);
}
