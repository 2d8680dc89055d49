import path from 'node:path';
import { Node, Project, ts, type ReferencedSymbol, type SourceFile } from 'ts-morph';
import type { Finding } from '../../verdict/finding.js';
import { splitSymbol } from '../types.js';

export interface BlastRadiusEntry {
  /** The changed declaration, "src/util.ts#normalize". */
  symbol: string;
  /** Callers by level: level 1 calls the changed declaration, level 2 calls a level-1 caller, … */
  callers: string[][];
  /** Repository-relative test files that reference the declaration or any of its callers. */
  testFiles: string[];
}

export interface BlastRadiusInput {
  /** The after copy's repository root. */
  root: string;
  /** Every JS/TS file of the project in the after tree, repository-relative (node_modules excluded). */
  files: readonly string[];
  /** Symbols ("file#path") of the declarations that changed semantically. */
  changed: readonly string[];
  isTestFile: (file: string) => boolean;
  /** Levels of callers to follow. @default 3 */
  depth?: number;
}

const MAX_CALLERS_PER_LEVEL = 25;
const FUNCTION_KINDS = (n: Node): boolean =>
  Node.isFunctionDeclaration(n) || Node.isMethodDeclaration(n) || Node.isArrowFunction(n) || Node.isFunctionExpression(n) ||
  Node.isConstructorDeclaration(n) || Node.isGetAccessorDeclaration(n) || Node.isSetAccessorDeclaration(n);

/**
 * Who calls what changed, up to 3 levels, through imports and re-exports (the language service's
 * find-references, so aliases and re-exports are followed), and which test files reach any of them.
 */
export function computeBlastRadius(input: BlastRadiusInput): BlastRadiusEntry[] {
  if (input.changed.length === 0) return [];
  const project = new Project({
    // noLib: references between the project's own files need no lib.d.ts, which costs seconds to load.
    compilerOptions: { allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true, noLib: true, types: [] },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    // Only the project's own files matter: resolving `import … from 'vitest'` would pull a package's
    // whole type graph into the program (54 files for a 5-file project, ~1.4 s).
    resolutionHost: (host, getCompilerOptions) => ({
      resolveModuleNames: (names, containingFile) =>
        names.map((name) =>
          name.startsWith('.') || path.isAbsolute(name) ? ts.resolveModuleName(name, containingFile, getCompilerOptions(), host).resolvedModule : undefined,
        ),
    }),
  });
  for (const rel of input.files) project.addSourceFileAtPathIfExists(path.join(input.root, rel));
  const rel = (sf: SourceFile): string => path.relative(input.root, sf.getFilePath()).split(path.sep).join('/');
  const depth = input.depth ?? 3;

  return input.changed.flatMap((symbol) => {
    const start = findDeclaration(project, input.root, symbol);
    if (!start) return [];
    const callers: string[][] = [];
    const testFiles = new Set<string>();
    const seen = new Set<Node>([start]);
    let frontier: Node[] = [start];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const next: Node[] = [];
      for (const decl of frontier) {
        for (const ref of references(decl)) {
          const file = rel(ref.getSourceFile());
          if (input.isTestFile(file)) {
            testFiles.add(file);
            continue;
          }
          const caller = namedCaller(ref);
          if (caller && !seen.has(caller) && next.length < MAX_CALLERS_PER_LEVEL) {
            seen.add(caller);
            next.push(caller);
          }
        }
      }
      if (next.length > 0) callers.push(next.map((n) => `${rel(n.getSourceFile())}#${callerPath(n)}`));
      frontier = next;
    }
    // The last level's callers are not followed further, but the tests that call them still count.
    for (const decl of frontier) {
      for (const ref of references(decl)) {
        const file = rel(ref.getSourceFile());
        if (input.isTestFile(file)) testFiles.add(file);
      }
    }
    return [{ symbol, callers, testFiles: [...testFiles].sort() }];
  });
}

/**
 * The function a reference sits in, skipping anonymous callbacks (`.filter((x) => f(x))`) up to
 * the nearest named one, which is what a reviewer recognises; an anonymous one at top level stays.
 */
function namedCaller(ref: Node): Node | undefined {
  let fn = ref.getFirstAncestor(FUNCTION_KINDS);
  for (let outer = fn; outer && nameOf(outer) === '<anon>'; ) {
    outer = outer.getFirstAncestor(FUNCTION_KINDS);
    if (outer) fn = outer;
  }
  return fn;
}

/** Reference nodes of a declaration, excluding its own definition. */
function references(decl: Node): Node[] {
  // An import line: what uses, in its own file, the names it binds (a changed import rebinds them
  // there; the same names imported elsewhere are not changed by it).
  if (Node.isImportDeclaration(decl) || Node.isImportEqualsDeclaration(decl)) {
    const clause = Node.isImportDeclaration(decl) ? decl.getImportClause() : undefined;
    const names = Node.isImportDeclaration(decl)
      ? [clause?.getDefaultImport(), clause?.getNamespaceImport(), ...(clause?.getNamedImports() ?? []).map((s) => s.getAliasNode() ?? s.getNameNode())]
      : [decl.getNameNode()];
    return names.flatMap((n) => findReferenceNodes(n)).filter((r) => r.getSourceFile() === decl.getSourceFile() && !r.getFirstAncestorByKind(ts.SyntaxKind.ImportDeclaration));
  }
  const nameNode = Node.hasName(decl) ? decl.getNameNode() : Node.isVariableDeclaration(decl.getParent()) ? decl.getParentOrThrow() : undefined;
  const target = nameNode && Node.isVariableDeclaration(nameNode) ? nameNode.getNameNode() : nameNode;
  return findReferenceNodes(target);
}

function findReferenceNodes(target: Node | undefined): Node[] {
  if (!target || !Node.isReferenceFindable(target)) return [];
  return target
    .findReferences()
    .flatMap((r: ReferencedSymbol) => r.getReferences())
    .filter((r) => !r.isDefinition())
    .map((r) => r.getNode());
}

function nameOf(n: Node): string {
  const own = Node.hasName(n) ? n.getName() : undefined;
  const bound = n.getParent();
  const name = own ?? (bound && (Node.isVariableDeclaration(bound) || Node.isPropertyAssignment(bound) || Node.isPropertyDeclaration(bound)) ? bound.getName() : '<anon>');
  const cls = n.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a));
  const clsName = cls && Node.hasName(cls) ? cls.getName() : undefined;
  return clsName && (Node.isMethodDeclaration(n) || Node.isConstructorDeclaration(n)) ? `${clsName}.${name}` : name;
}

/**
 * `set.recurse` for a function declared inside `set` (radashi's set.ts): the named functions that
 * enclose it, outermost first, so the probes can climb to one they can call (targets.ts).
 */
function callerPath(n: Node): string {
  const names = [nameOf(n)];
  for (let outer = n.getFirstAncestor(FUNCTION_KINDS); outer; outer = outer.getFirstAncestor(FUNCTION_KINDS)) {
    const name = nameOf(outer);
    if (name !== '<anon>') names.unshift(name);
  }
  return names.join('.');
}

/** Finds "file#a.b" in the after tree: the last path segment, inside the named containers. */
function findDeclaration(project: Project, root: string, symbol: string): Node | undefined {
  const { file, name: declPath } = splitSymbol(symbol);
  if (!file || !declPath) return undefined;
  const sf = project.getSourceFile(path.join(root, file));
  if (!sf) return undefined;
  // "<import ./x>" (declaration-names.ts): the import line, whose users are its callers.
  const spec = /^<import (.+)>$/.exec(declPath)?.[1];
  if (spec !== undefined) return sf.getImportDeclarations().find((d) => d.getModuleSpecifierValue() === spec) ?? sf.getStatements().find((s) => Node.isImportEqualsDeclaration(s) && s.getName() === spec);
  const parts = declPath.split('.').filter((p) => !p.startsWith('<'));
  const last = parts.at(-1)?.replace(/^(static|get|set) /, '');
  if (!last) return undefined;
  const fn = sf.getDescendants().find((n) => FUNCTION_KINDS(n) && nameOf(n).split('.').at(-1) === last);
  if (fn) return fn;
  // A module-level value (`const REGEX_DTS = /…/`, a table, a config object): the functions that
  // read it are its callers, so a probe of them covers it.
  return parts.length === 1 ? sf.getVariableDeclaration(last) : undefined;
}

export function blastRadiusFindings(entries: readonly BlastRadiusEntry[]): Finding[] {
  return entries
    .filter((e) => e.callers.length > 0 || e.testFiles.length > 0)
    .map((e) => {
      const { file, name } = splitSymbol(e.symbol);
      const chain = e.callers.map((level) => level.map((c) => `\`${splitSymbol(c).name}\``).slice(0, 3).join(', ') + (level.length > 3 ? ` +${level.length - 3}` : ''));
      const used = chain.length > 0 ? `; used by ${chain.join(' → ')}` : '; no callers in the project';
      const tests = e.testFiles.length === 1 ? '1 test file' : `${e.testFiles.length} test files`;
      return {
        kind: 'blast-radius' as const,
        severity: 'info' as const,
        file,
        symbol: e.symbol,
        message: `\`${name}\` changed${used}; reached by ${tests}`,
      };
    });
}
