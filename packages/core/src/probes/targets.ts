import fs from 'node:fs';
import path from 'node:path';
import { Node, type ClassDeclaration, type SourceFile } from 'ts-morph';
import type { BlastRadiusEntry } from '../static/reach/blast-radius.js';
import { splitSymbol, type DeclarationChange } from '../static/types.js';
import { isTypeTestFile } from '../suites/test-files.js';
import type { ParameterDescriptor } from './arbitrary-descriptor.js';
import { deriveParameters, type FunctionLike } from './derive-arbitraries.js';
import { createProbeProject, needsFullLib, type LibMode } from './probe-project.js';

/** A function the probes call before vs after, and why. */
export interface ProbeTarget {
  /** "src/slug.ts#slugify", "src/cart.ts#Cart.total". */
  id: string;
  /** Repository-relative module. */
  file: string;
  exportName: string;
  /** The function's (or, for methods, the class's) own name in its module, when it has one. */
  local?: string;
  member?: { name: string; static: boolean };
  ctorParams?: ParameterDescriptor[];
  /**
   * The instance comes from calling the export `exportName` with `ctorParams` (a factory), not from
   * `new`: a method of a class the module does not export, reached through the exported function that
   * returns its instances. `local` is then the class's name (the recording run wraps its prototype).
   * 'async': the factory returns a promise of the instance; 'instance': the export is the instance
   * itself (`export const store = new Store()`), shared by every call, as callers share it.
   */
  factory?: true | 'async' | 'instance';
  /** The implementation's parameters. */
  params: ParameterDescriptor[];
  /**
   * An overloaded function's or method's signatures, each its parameters: what callers can pass.
   * The implementation's parameters accept all of them and say little (`...args: unknown[]`).
   */
  overloads?: ParameterDescriptor[][];
  /** The changed declarations this target exercises: itself, or the helpers it calls. */
  covers: string[];
}

export interface TargetSelection {
  targets: ProbeTarget[];
  /** Semantically changed declarations no probe can reach, with the reason. */
  uncovered: Array<{ symbol: string; reason: string }>;
  /**
   * The exported callers of the changed declarations up to the blast radius that are not probed
   * themselves: their documented examples run too (issue 17 §4), as their promises rest on what
   * changed. Their `params` are not derived (they are not probed).
   */
  documented?: ProbeTarget[];
}

export interface TargetInput {
  /** The after copy's repository root. */
  root: string;
  /** The project folder inside it (where tsconfig.json lives), absolute. */
  projectRoot: string;
  declarations: readonly DeclarationChange[];
  blastRadius: readonly BlastRadiusEntry[];
  isTestFile: (file: string) => boolean;
}

const CODE = /\.[cm]?[jt]sx?$/;

/**
 * Every semantically changed function or method reachable from a module export (issue 4 §1): an
 * exported function or a method of an exported class is probed itself; a helper that is not
 * exported is probed through the exported functions that call it (blast radius, nearest level
 * first). Parameters are derived from the after version's types.
 */
export function selectTargets(input: TargetInput): TargetSelection {
  const changed = input.declarations.filter((d) => d.change === 'semantic' && !input.isTestFile(d.file) && !isTypeTestFile(d.file) && CODE.test(d.file));
  if (changed.length === 0) return { targets: [], uncovered: [] };
  // Without the DOM's declarations first (probe-project.ts); a parameter type that needed them
  // leaves a derivation incomplete, and the whole selection is made again with the project's lib.
  const narrow = select(input, changed, 'narrow');
  return narrow.incomplete && narrow.narrowed ? select(input, changed, 'full').selection : narrow.selection;
}

function select(input: TargetInput, changed: readonly DeclarationChange[], mode: LibMode): { selection: TargetSelection; narrowed: boolean; incomplete: boolean } {
  const out: TargetSelection = { targets: [], uncovered: [], documented: [] };
  const tsconfig = path.join(input.projectRoot, 'tsconfig.json');
  const { project, narrowed } = createProbeProject(fs.existsSync(tsconfig) ? tsconfig : undefined, mode);
  let incomplete = false;
  const derive = (fn: FunctionLike): ParameterDescriptor[] => {
    const derived = deriveParameters(fn);
    if (needsFullLib(derived)) incomplete = true;
    return derived.params;
  };
  const sources = new Map<string, SourceFile | undefined>();
  const sourceOf = (file: string): SourceFile | undefined => {
    if (!sources.has(file)) {
      const abs = path.join(input.root, file);
      sources.set(file, fs.existsSync(abs) ? project.addSourceFileAtPath(abs) : undefined);
    }
    return sources.get(file);
  };
  const byId = new Map<string, ProbeTarget>();
  const add = (t: Omit<ProbeTarget, 'covers'>, covers: string): void => {
    const existing = byId.get(t.id);
    if (existing) {
      if (!existing.covers.includes(covers)) existing.covers.push(covers);
      return;
    }
    const target = { ...t, covers: [covers] };
    byId.set(t.id, target);
    out.targets.push(target);
  };

  for (const d of changed) {
    const { file, name } = splitSymbol(d.symbol);
    // A class whose methods changed is probed through them; the class's own entry says nothing more.
    if (changed.some((m) => m.symbol.startsWith(`${d.symbol}.`)) && isClass(sourceOf(file), name)) continue;
    const direct = locate(sourceOf(file), file, name, derive);
    if (direct.target) {
      add(direct.target, d.symbol);
      continue;
    }
    // A nested function or callback (`total.<anon#0>`) runs as part of its enclosing function:
    // probing the nearest enclosing function that can be called covers it.
    const enclosing = enclosingTarget(sourceOf(file), file, name, derive);
    if (enclosing) {
      add(enclosing, d.symbol);
      continue;
    }
    // Not callable from outside: probe the exported callers instead, the nearest level that has any.
    const radius = input.blastRadius.find((e) => e.symbol === d.symbol);
    let found = false;
    for (const level of radius?.callers ?? []) {
      for (const caller of level) {
        const c = splitSymbol(caller);
        if (input.isTestFile(c.file)) continue;
        // A caller nested in another function (`set.recurse`) runs inside the one that encloses it.
        const t = locate(sourceOf(c.file), c.file, c.name, derive).target ?? enclosingTarget(sourceOf(c.file), c.file, c.name, derive);
        if (t) {
          add(t, d.symbol);
          found = true;
        }
      }
      if (found) break;
    }
    if (!found) {
      out.uncovered.push({
        symbol: d.symbol,
        reason: radius && radius.callers.some((l) => l.length > 0) ? `${direct.reason}, and none of its callers is exported` : `${direct.reason}, and no exported function calls it`,
      });
    }
  }
  // Every exported caller up to the blast radius, for its documented examples only: locating one
  // costs a lookup, deriving its parameters would cost a type walk it does not need.
  const documented = new Map<string, ProbeTarget>();
  for (const d of changed) {
    for (const caller of (input.blastRadius.find((e) => e.symbol === d.symbol)?.callers ?? []).flat()) {
      const c = splitSymbol(caller);
      if (input.isTestFile(c.file) || byId.has(caller)) continue;
      const t = locate(sourceOf(c.file), c.file, c.name, () => []).target ?? enclosingTarget(sourceOf(c.file), c.file, c.name, () => []);
      if (!t) continue;
      const known = documented.get(t.id);
      if (known) {
        if (!known.covers.includes(d.symbol)) known.covers.push(d.symbol);
      } else documented.set(t.id, { ...t, covers: [d.symbol] });
    }
  }
  out.documented = [...documented.values()].filter((t) => !byId.has(t.id));
  return { selection: out, narrowed, incomplete };
}

type Derive = (fn: FunctionLike) => ParameterDescriptor[];

function enclosingTarget(sf: SourceFile | undefined, file: string, name: string, derive: Derive): Omit<ProbeTarget, 'covers'> | undefined {
  const parts = name.split('.');
  for (let k = parts.length - 1; k >= 1; k--) {
    const t = locate(sf, file, parts.slice(0, k).join('.'), derive).target;
    if (t) return t;
  }
  return undefined;
}

function locate(sf: SourceFile | undefined, file: string, name: string, derive: Derive): { target?: Omit<ProbeTarget, 'covers'>; reason: string } {
  if (!sf) return { reason: `${file} cannot be read` };
  const parts = name.split('.');
  if (name.startsWith('<') || parts.length > 2) return { reason: `${name} is not a module-level function or class method` };
  const exported = [...sf.getExportedDeclarations()].sort(([a], [b]) => Number(a === 'default') - Number(b === 'default'));
  for (const [exportName, decls] of exported) {
    for (const decl of decls) {
      if (decl.getSourceFile() !== sf) continue;
      if (parts.length === 1) {
        const fn = functionOf(decl, parts[0]!);
        if (fn) return { target: { id: `${file}#${name}`, file, exportName, local: parts[0]!, params: derive(fn), ...overloadsOf(fn, derive) }, reason: '' };
      } else if (Node.isClassDeclaration(decl) && decl.getName() === parts[0]) {
        const method = decl.getMethod(parts[1]!) ?? decl.getStaticMethod(parts[1]!);
        if (!method) return { reason: `${name} is not a method (accessors and fields are not probed)` };
        const isStatic = method.isStatic();
        if (decl.isAbstract() && !isStatic) return { reason: `${parts[0]} is abstract` };
        const base = { id: `${file}#${name}`, file, exportName, local: parts[0]!, member: { name: parts[1]!, static: isStatic }, params: derive(method), ...overloadsOf(method, derive) };
        if (isStatic) return { target: base, reason: '' };
        const ctor = constructorOf(decl);
        return { target: { ...base, ctorParams: ctor ? derive(ctor) : [] }, reason: '' };
      }
    }
  }
  if (parts.length === 2) {
    const viaFactory = factoryTarget(sf, file, parts[0]!, parts[1]!, derive);
    if (viaFactory) return { target: viaFactory, reason: '' };
  }
  return { reason: `${name} is not exported` };
}

/** Whether `fn` returns instances of `cls` (true), a promise of them ('async': an async factory), or neither. */
function returnsInstanceOf(fn: Node, cls: ClassDeclaration): boolean | 'async' {
  if (!Node.isFunctionDeclaration(fn) && !Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return false;
  const returned = fn.getReturnType();
  const is = (t: typeof returned): boolean => t.getSymbol()?.getDeclarations().includes(cls) ?? false;
  if (is(returned)) return true;
  const [awaited] = returned.getSymbol()?.getName() === 'Promise' ? returned.getTypeArguments() : [];
  return awaited !== undefined && is(awaited) ? 'async' : false;
}

function isClass(sf: SourceFile | undefined, name: string): boolean {
  return !name.includes('.') && sf?.getClass(name) !== undefined;
}

/**
 * An instance method of a class the module does not export, reached through an exported function
 * that returns its instances (`createCounter(step)` → `Counter`): the probe calls the factory with
 * generated arguments, then the method (issue 17 §3, `this`-bound methods of non-exported classes);
 * or through an exported instance of it (`export const counter = new Counter()`).
 */
function factoryTarget(sf: SourceFile, file: string, className: string, methodName: string, derive: Derive): Omit<ProbeTarget, 'covers'> | undefined {
  const cls = sf.getClass(className);
  const method = cls?.getMethod(methodName);
  if (!cls || !method || cls.isAbstract()) return undefined;
  const exported = [...sf.getExportedDeclarations()].sort(([a], [b]) => Number(a === 'default') - Number(b === 'default'));
  for (const [exportName, decls] of exported) {
    for (const decl of decls) {
      if (decl.getSourceFile() !== sf) continue;
      // An exported instance (`export const store = new Store()`): the method is called on it.
      if (Node.isVariableDeclaration(decl) && Node.isNewExpression(decl.getInitializer()) && decl.getType().getSymbol()?.getDeclarations().includes(cls)) {
        return {
          id: `${file}#${exportName}.${methodName}`,
          file,
          exportName,
          local: className,
          member: { name: methodName, static: false },
          ctorParams: [],
          params: derive(method),
          factory: 'instance',
          ...overloadsOf(method, derive),
        };
      }
      const name = Node.isFunctionDeclaration(decl) ? (decl.getName() ?? 'default') : Node.isVariableDeclaration(decl) ? decl.getName() : undefined;
      const fn = name === undefined ? undefined : functionOf(decl, name);
      const returns = fn ? returnsInstanceOf(fn, cls) : false;
      if (!fn || !returns) continue;
      return {
        id: `${file}#${exportName}().${methodName}`,
        file,
        exportName,
        local: className,
        member: { name: methodName, static: false },
        ctorParams: derive(fn),
        params: derive(method),
        factory: returns,
        ...overloadsOf(method, derive),
      };
    }
  }
  return undefined;
}

/** Each overload signature's parameters (issue 17 §3: probe each signature), when the function has overloads. */
function overloadsOf(fn: FunctionLike, derive: Derive): { overloads?: ParameterDescriptor[][] } {
  const signatures = Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) ? fn.getOverloads() : [];
  return signatures.length > 0 ? { overloads: signatures.map((s) => derive(s)) } : {};
}

function functionOf(decl: Node, name: string): FunctionLike | undefined {
  if (Node.isFunctionDeclaration(decl) && (decl.getName() ?? 'default') === name && decl.hasBody()) return decl;
  if (Node.isVariableDeclaration(decl) && decl.getName() === name) {
    const init = decl.getInitializer();
    if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) return init;
  }
  return undefined;
}

function constructorOf(cls: ClassDeclaration): FunctionLike | undefined {
  for (let c: ClassDeclaration | undefined = cls; c; c = c.getBaseClass()) {
    const ctor = c.getConstructors()[0];
    if (ctor) return ctor;
  }
  return undefined;
}
