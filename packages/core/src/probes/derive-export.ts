// Parameter descriptors of one exported function, found by file and export name: what
// `toBehaveLike` (@patchprobe/vitest) uses to generate inputs when a test gives none. The same
// derivation as the probes (derive-arbitraries.ts), on a ts-morph project configured by the
// nearest tsconfig.json; projects and results are cached, so a watch-mode rerun costs one stat.
import fs from 'node:fs';
import path from 'node:path';
import { Node, SyntaxKind, type Project, type SourceFile } from 'ts-morph';
import type { DerivedParameters } from './arbitrary-descriptor.js';
import { deriveParameters, type FunctionLike } from './derive-arbitraries.js';
import { isWarm, markWarm, readDerived, writeDerived } from './derive-disk-cache.js';
import { createProbeProject, needsFullLib, type LibMode } from './probe-project.js';

interface ProjectEntry {
  project: Project;
  /** Made without the DOM's declarations (probe-project.ts). */
  narrowed: boolean;
  /** mtime of every file this project read from disk when it was last (re)loaded. */
  mtimes: Map<string, number>;
}

const projects = new Map<string, ProjectEntry>();
const results = new Map<string, { mtimeMs: number; result: DerivedParameters }>();

/**
 * The parameters of `exportName` in `file` (absolute path), derived from their types:
 * `export function f(…)`, `export const f = (…) => …` / `function (…) {…}`, `export { f as g }`,
 * and `default` (`export default function`, `export default (…) => …`, `export default f`).
 * Throws an Error saying why when the file cannot be read or the export is not such a function.
 *
 * The result is cached per file, export and the file's mtime: when only a module the file imports
 * types from changes, the cached result stays until the file itself changes. Do not mutate it.
 */
export function deriveExportParameters(file: string, exportName: string): DerivedParameters {
  if (!path.isAbsolute(file)) throw new Error(`deriveExportParameters needs an absolute path, got ${JSON.stringify(file)}`);
  const abs = path.normalize(file);
  const mtimeMs = statMtime(abs);
  if (mtimeMs === undefined) throw new Error(`cannot derive inputs for ${exportName}: ${abs} does not exist`);
  const key = `${abs}\0${exportName}`;
  const cached = results.get(key);
  if (cached && cached.mtimeMs === mtimeMs) return cached.result;
  const content = fs.readFileSync(abs, 'utf8');
  const stored = readDerived(abs, content, exportName);
  if (stored) {
    results.set(key, { mtimeMs, result: stored });
    return stored;
  }

  // Without the DOM's declarations first; a type that needed them derives again with the full lib (probe-project.ts).
  let entry = projectFor(abs, 'narrow');
  let result = deriveParameters(exportedFunction(sourceFileOf(entry, abs), abs, exportName));
  if (entry.narrowed && needsFullLib(result)) {
    entry = projectFor(abs, 'full');
    result = deriveParameters(exportedFunction(sourceFileOf(entry, abs), abs, exportName));
  }
  results.set(key, { mtimeMs, result });
  writeDerived(abs, content, exportName, result);
  return result;
}

/**
 * Does the slow part of the first derivation ahead of time: builds the ts-morph project for `file`
 * (a test file), loads the modules it imports and creates the type checker (TypeScript binds every
 * file and the lib declarations here: seconds on a loaded machine). Returns the number of source
 * files the project now holds.
 */
export function warmUpTypes(file: string): number {
  const abs = path.normalize(file);
  // In patchprobe's own runs, a process that ran this test file before left its derivations on
  // disk (derive-disk-cache.ts): nothing to build.
  const content = fs.readFileSync(abs, 'utf8');
  if (isWarm(abs, content)) return 0;
  const entry = projectFor(abs, 'narrow');
  sourceFileOf(entry, abs);
  entry.project.getProgram().compilerObject.getTypeChecker();
  markWarm(abs, content);
  return entry.project.getSourceFiles().length;
}

/** What {@link prederiveTestFile} did for one test file. */
export interface Prederived {
  /** The `toBehaveLike` calls in the file. */
  calls: number;
  /** The (file, export) pairs derived (and written to the run's disk cache). */
  derived: Array<{ file: string; exportName: string }>;
  /** True when every call's received function was found and derived: the file was marked warm. */
  complete: boolean;
}

/**
 * Derives, ahead of the test run and in one process, the inputs of every `expect(f).toBehaveLike(…)`
 * in `testFile`: `f` resolved through its import to the exported function it is, derived as
 * {@link deriveExportParameters} does, with the result in the run's disk cache
 * (derive-disk-cache.ts). The plugin calls it in vitest's main process for every test file that
 * uses the matcher, so the workers read the cache and never build a TypeScript program: one
 * program per run instead of one per test file and worker. When every call was derived the file
 * is marked warm, so the worker's warm-up is skipped too; otherwise the worker warms up as before.
 */
export function prederiveTestFile(testFile: string): Prederived {
  const abs = path.normalize(testFile);
  const content = fs.readFileSync(abs, 'utf8');
  const out: Prederived = { calls: 0, derived: [], complete: true };
  if (!content.includes('toBehaveLike')) return out;
  const entry = projectFor(abs, 'narrow');
  const sf = sourceFileOf(entry, abs);
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'toBehaveLike') continue;
    out.calls += 1;
    const target = receivedExport(callee.getExpression());
    if (!target) {
      out.complete = false;
      continue;
    }
    try {
      deriveExportParameters(target.file, target.exportName);
      if (!out.derived.some((d) => d.file === target.file && d.exportName === target.exportName)) out.derived.push(target);
    } catch {
      // the matcher reports it, with its own message, inside the test
      out.complete = false;
    }
  }
  if (out.complete && out.calls > 0) markWarm(abs, content);
  return out;
}

/** `expect(f)` (also `expect.soft(f)`, `.not`): the exported function `f` is, by its declaring file and export name. */
function receivedExport(node: Node): { file: string; exportName: string } | undefined {
  let n = node;
  while (Node.isPropertyAccessExpression(n) && (n.getName() === 'not' || n.getName() === 'resolves')) n = n.getExpression();
  if (!Node.isCallExpression(n)) return undefined;
  const [arg] = n.getArguments();
  if (!arg || !(Node.isIdentifier(arg) || Node.isPropertyAccessExpression(arg))) return undefined;
  let symbol = arg.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  const decl = symbol?.getDeclarations()[0];
  if (!decl) return undefined;
  const declFile = decl.getSourceFile();
  if (declFile.isInNodeModules() || declFile.isDeclarationFile()) return undefined;
  // The export name the plugin's tag carries: the name the declaring module exports it under.
  for (const [name, decls] of declFile.getExportedDeclarations()) {
    if (decls.some((d) => d === decl)) return { file: path.normalize(declFile.getFilePath()), exportName: name };
  }
  return undefined;
}

/** Drops every cached project and result (tests; long-lived processes that want the memory back). */
export function clearDeriveExportCache(): void {
  projects.clear();
  results.clear();
}

/**
 * PATCHPROBE_DERIVE_LOG=FILE: one JSON line per TypeScript program this process builds (which
 * process, and whether it is a vitest worker). How the plugin's tests see that the workers read
 * the main process's derivations instead of building programs; also a debugging aid.
 */
function logProgram(tsconfig: string | undefined, mode: LibMode): void {
  const log = process.env.PATCHPROBE_DERIVE_LOG;
  if (!log) return;
  const worker = process.env.VITEST_WORKER_ID !== undefined || process.env.VITEST_POOL_ID !== undefined;
  try {
    fs.appendFileSync(log, `${JSON.stringify({ pid: process.pid, worker, tsconfig: tsconfig ?? null, mode })}\n`);
  } catch {
    // a debugging aid
  }
}

function statMtime(file: string): number | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st.mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

/** The nearest tsconfig.json in the file's folder or above it, or undefined. */
export function nearestTsconfig(file: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function projectFor(file: string, mode: LibMode): ProjectEntry {
  const tsconfig = nearestTsconfig(file);
  const key = `${tsconfig ?? '<default>'}\0${mode}`;
  let entry = projects.get(key);
  if (!entry) {
    entry = { ...createProbeProject(tsconfig, mode), mtimes: new Map() };
    projects.set(key, entry);
    logProgram(tsconfig, mode);
  }
  return entry;
}

// A file changed on disk since the project read it (watch mode) is read again, and so is any other
// project file that changed, so types imported from an edited module are current too.
function sourceFileOf(entry: ProjectEntry, file: string): SourceFile {
  const { project, mtimes } = entry;
  for (const sf of project.getSourceFiles()) {
    const p = sf.getFilePath();
    if (sf.isInNodeModules() || !mtimes.has(p)) continue;
    const now = statMtime(p);
    if (now === undefined) {
      project.removeSourceFile(sf);
      mtimes.delete(p);
    } else if (now !== mtimes.get(p)) {
      sf.refreshFromFileSystemSync();
      mtimes.set(p, now);
    }
  }
  let sf = project.getSourceFile(file);
  if (!sf) {
    sf = project.addSourceFileAtPath(file);
    // The files it imports are loaded too; record them so later edits are noticed.
    project.resolveSourceFileDependencies();
  }
  for (const s of project.getSourceFiles()) {
    const p = s.getFilePath();
    if (!s.isInNodeModules() && !mtimes.has(p)) {
      const m = statMtime(p);
      if (m !== undefined) mtimes.set(p, m);
    }
  }
  return sf;
}

function exportedFunction(sf: SourceFile, file: string, exportName: string): FunctionLike {
  const exported = sf.getExportedDeclarations();
  const decls = exported.get(exportName);
  if (!decls || decls.length === 0) {
    const names = [...exported.keys()].sort();
    const known = names.length > 0 ? `it exports ${names.join(', ')}` : 'it has no exports';
    throw new Error(`cannot derive inputs for ${exportName}: ${file} has no export named ${exportName} (${known})`);
  }
  for (const decl of decls) {
    const fn = functionOf(decl);
    if (fn) return fn;
  }
  const [first] = decls;
  throw new Error(
    `cannot derive inputs for ${exportName} in ${file}: the export is ${describe(first)}, not a function declaration, arrow function or function expression`,
  );
}

function functionOf(decl: Node): FunctionLike | undefined {
  // An overloaded function: the implementation's parameters accept every overload's arguments.
  if (Node.isFunctionDeclaration(decl)) {
    if (decl.hasBody()) return decl;
    return decl.getImplementation();
  }
  if (Node.isArrowFunction(decl) || Node.isFunctionExpression(decl)) return decl;
  if (Node.isVariableDeclaration(decl)) {
    const init = unwrap(decl.getInitializer());
    if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) return init;
  }
  return undefined;
}

// `export const f = ((x: number) => x) as Fn`, `(… ) satisfies Fn`, `(function (…) {})`.
function unwrap(node: Node | undefined): Node | undefined {
  let n = node;
  while (n && (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n))) n = n.getExpression();
  return n;
}

function describe(node: Node | undefined): string {
  if (!node) return 'nothing';
  if (Node.isClassDeclaration(node)) return `the class ${node.getName() ?? '(anonymous)'}`;
  if (Node.isVariableDeclaration(node)) return `the variable ${node.getName()} (${node.getType().getText(node)})`;
  if (Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node)) return `the type ${node.getName()}`;
  if (Node.isEnumDeclaration(node)) return `the enum ${node.getName()}`;
  return `a ${node.getKindName()}`;
}
