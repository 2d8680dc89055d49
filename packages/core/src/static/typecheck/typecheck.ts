import fs from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { AbortedError } from '../../errors.js';
import type { BaselineCache } from '../../cache/baseline-cache.js';
import { findInstalled } from '../../process/find-installed.js';
import { runInProcessGroup } from '../../process/processes.js';
import type { Finding } from '../../verdict/finding.js';
import { typecheckFindings } from './typecheck-findings.js';
import { importsOf, scanNewImports } from './typecheck-imports.js';
import { DeclaredPackages, isRelativeSpecifier, packageProblem, resolveFile } from './typecheck-packages.js';
import { newDiagnostics, parseTscOutput, repoRelative, type TscDiagnostic } from './typecheck-parse.js';
import { runTscTrees, type SideRun, type TreeSide } from './tsc-trees.js';
import { splitSymbol, type DeclarationChange, type StaticFile } from '../types.js';

/**
 * Type-check delta (issue 3 §3): the project's own `tsc --noEmit` in both copies (one process,
 * tsc-trees.ts);
 * errors the patch introduced become findings. Without TypeScript (or a usable tsconfig, or in
 * time) the stage says why it skipped, and checks the patch's new imports without a compiler.
 */
export interface TypecheckInput {
  /** Absolute roots of the two private copies (repository roots). */
  beforeRoot: string;
  afterRoot: string;
  /** Project folder relative to the roots ('' = root). */
  projectDir: string;
  /** The changed files. */
  files: readonly StaticFile[];
  /**
   * The declaration analysis's results: a declaration the patch renamed (or moved under a new name)
   * is the same declaration in tsc's messages under either name.
   */
  declarations?: readonly DeclarationChange[];
  /** For the type-check of both trees (one process, the after tree reusing the before tree's library parse). */
  timeoutMs: number;
  /** A temp folder the children use as TMPDIR. */
  tmpDir: string;
  signal?: AbortSignal | undefined;
  /** tsc on both trees, when the pipeline started it early (startTsc); else it starts here. */
  tsc?: Promise<TscOutcome> | TscOutcome | undefined;
  /** The baseline cache: the before tree's diagnostics depend on the base alone. */
  cache?: BaselineCache | undefined;
}

/** What tsc said on each tree, or why it did not run. */
export type TscOutcome = { status: 'ran'; before: TscDiagnostic[]; after: TscDiagnostic[] } | { status: 'skipped'; reason: string };

export type TscInput = Pick<TypecheckInput, 'beforeRoot' | 'afterRoot' | 'projectDir' | 'timeoutMs' | 'tmpDir' | 'signal' | 'cache'> & {
  /** TypeScript files in the after tree's project folder, when known: decides one process or two. */
  typescriptFiles?: number;
};

/**
 * Up to this many TypeScript files, both trees go to one process (tsc-trees.ts): the library and the
 * packages' declarations are most of the work, and one parse of them saves half the CPU at about the
 * same wall time. Past it the project's own files are most of the work; one process would check the
 * trees one after the other (twice the wall time, within the same --typecheck-timeout), so two tsc
 * processes run side by side instead.
 */
export const ONE_PROCESS_MAX_FILES = 100;

/** Both trees in one process: the same TypeScript on both sides, and a small project (or one of unknown size). */
export function oneTscProcess(sameTypescript: boolean, typescriptFiles: number | undefined): boolean {
  return sameTypescript && (typescriptFiles ?? 0) <= ONE_PROCESS_MAX_FILES;
}

export interface TypecheckResult {
  status: 'ran' | 'skipped';
  reason?: string;
  durationMs: number;
  findings: Finding[];
}

type Outcome = { status: 'ran'; findings: Finding[] } | { status: 'skipped'; reason: string };

/**
 * A cached before-tree result: its diagnostics, or that tsc did not finish there within `limitMs`
 * (so a later run with no larger limit skips at once instead of spending the limit again).
 */
type CachedTsc = { diagnostics: TscDiagnostic[] } | { timedOutAfterMs: number };
const TSC_CACHE_PART = 'tsc-before';
const isCachedTsc = (v: unknown): v is CachedTsc =>
  typeof v === 'object' && v !== null && (Array.isArray((v as { diagnostics?: unknown }).diagnostics) || typeof (v as { timedOutAfterMs?: unknown }).timedOutAfterMs === 'number');

/** The before tree's .tsbuildinfo (a large project's after tree is checked incrementally from it). */
type CachedBuildInfo = { text: string };
const TSC_BUILD_INFO_PART = 'tsc-before-buildinfo';
const isCachedBuildInfo = (v: unknown): v is CachedBuildInfo => typeof v === 'object' && v !== null && typeof (v as { text?: unknown }).text === 'string';
/** Relative to the project folder of each copy, so that the paths inside it mean the same files. */
const BUILD_INFO_FILE = path.join('.patchprobe-tsc', 'tsc.tsbuildinfo');

/** `--incremental` with `--noEmit` writes build info from TypeScript 4.0. */
function supportsIncrementalNoEmit(packageJson: string): boolean {
  try {
    const { version } = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version?: string };
    return Number(version?.split('.')[0]) >= 4;
  } catch {
    return false;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface Side {
  root: string;
  roots: string[];
  project: string;
}

export async function runTypecheckDelta(input: TypecheckInput): Promise<TypecheckResult> {
  const started = performance.now();
  if (input.signal?.aborted) throw new AbortedError();
  const after = side(input.afterRoot, input.projectDir);
  const declared = new DeclaredPackages(after.root);
  const tsc = await (input.tsc ?? startTsc(input));
  const outcome = tsc.status === 'ran' ? delta(input, after, declared, tsc) : tsc;
  if (outcome.status === 'ran') return { status: 'ran', durationMs: performance.now() - started, findings: outcome.findings };
  const findings = scanNewImports({ afterRoot: after.root, projectAbs: after.project, files: input.files, declared });
  findings.push({ kind: 'typecheck-skipped', severity: 'info', message: `type-check skipped: ${outcome.reason}` });
  return { status: 'skipped', reason: outcome.reason, durationMs: performance.now() - started, findings };
}

/**
 * The project's own `tsc --noEmit` in both copies. It needs only the two trees,
 * so the pipeline starts it beside the suite runs. The before tree's diagnostics come from the
 * baseline cache when it has them (or knows tsc did not finish there in time).
 */
export async function startTsc(input: TscInput): Promise<TscOutcome> {
  const before = side(input.beforeRoot, input.projectDir);
  const after = side(input.afterRoot, input.projectDir);
  const where = input.projectDir === '' ? 'the repository root' : input.projectDir;
  const tscBefore = tscBin(before.project);
  const tscAfter = tscBin(after.project);
  if (tscBefore === undefined || tscAfter === undefined) return { status: 'skipped', reason: `TypeScript is not installed for ${where}` };
  const configRel = path.posix.join(input.projectDir.split(path.sep).join('/'), 'tsconfig.json');
  const problems = [before, after].map((s) => configProblem(path.join(s.project, 'tsconfig.json')));
  if (problems[0] !== undefined || problems[1] !== undefined) {
    const when = problems[0] === problems[1] ? '' : problems[0] !== undefined ? ' before the patch' : ' after the patch';
    return { status: 'skipped', reason: `${configRel}: ${problems[0] ?? problems[1]}${when}` };
  }
  const timedOut: TscOutcome = { status: 'skipped', reason: `type-check took longer than ${seconds(input.timeoutMs)} s (raise --typecheck-timeout)` };
  const cached = input.cache?.get(TSC_CACHE_PART, isCachedTsc);
  if (cached && 'timedOutAfterMs' in cached && cached.timedOutAfterMs >= input.timeoutMs) {
    return { status: 'skipped', reason: `type-check took longer than ${seconds(cached.timedOutAfterMs)} s on this base in an earlier run, so it was not started again (raise --typecheck-timeout)` };
  }

  const run = (s: Side, bin: string, extra: readonly string[] = []): Promise<SideRun> =>
    runInProcessGroup(process.execPath, [bin, '--noEmit', '--pretty', 'false', '-p', 'tsconfig.json', ...extra], {
      cwd: s.project,
      env: childEnv(input.tmpDir),
      timeoutMs: input.timeoutMs,
      signal: input.signal,
    });
  // Diagnostics alone are not enough where the after tree is checked incrementally (a large project):
  // without the before tree's build info it is checked in full, so the before tree is too.
  const sameTypescript = tscBefore.packageJson === tscAfter.packageJson;
  const incremental = !oneTscProcess(sameTypescript, input.typescriptFiles) && sameTypescript && supportsIncrementalNoEmit(tscAfter.packageJson);
  const buildInfo = incremental ? input.cache?.get(TSC_BUILD_INFO_PART, isCachedBuildInfo) : undefined;
  const reuse = cached && 'diagnostics' in cached && (!incremental || buildInfo !== undefined) ? cached.diagnostics : undefined;
  // Both trees with the same TypeScript (the usual case) and a small project: one process that parses
  // the library and the packages' declarations once. A patch that changes the TypeScript version,
  // and a large project, get two tsc runs side by side.
  let rb: SideRun | undefined;
  let ra: SideRun | undefined;
  let checkedIncrementally = false;
  if (oneTscProcess(tscBefore.packageJson === tscAfter.packageJson, input.typescriptFiles)) {
    const sides: TreeSide[] = [...(reuse ? [] : [{ label: 'before' as const, project: before.project, root: before.root }]), { label: 'after', project: after.project, root: after.root }];
    const trees = await runTscTrees(sides, { typescriptPackageJson: tscAfter.packageJson, env: childEnv(input.tmpDir), timeoutMs: input.timeoutMs, signal: input.signal });
    if (trees.status === 'ran') [rb, ra] = [trees.runs.get('before'), trees.runs.get('after')];
  }
  if (ra === undefined && incremental) {
    // A large project: the before tree first, with --incremental; its build info, copied to the same
    // place in the after tree (its paths are relative to that place), lets the after tree's tsc check
    // again only the files the patch can affect. remeda (519 files): after tree 42.4 s in full, 8.2 s
    // so, with the same output; and about half the CPU of two full runs side by side.
    const infoIn = (s: Side): string => path.join(s.project, BUILD_INFO_FILE);
    const flags = (s: Side): string[] => ['--incremental', '--tsBuildInfoFile', infoIn(s)];
    fs.mkdirSync(path.dirname(infoIn(after)), { recursive: true });
    if (reuse) fs.writeFileSync(infoIn(after), (buildInfo as CachedBuildInfo).text);
    else {
      fs.mkdirSync(path.dirname(infoIn(before)), { recursive: true });
      rb = await run(before, tscBefore.bin, flags(before));
      const text = rb.timedOut ? undefined : readText(infoIn(before));
      if (text !== undefined) {
        fs.writeFileSync(infoIn(after), text);
        input.cache?.set(TSC_BUILD_INFO_PART, { text } satisfies CachedBuildInfo);
      }
    }
    ra = rb?.timedOut ? { exitCode: undefined, stdout: '', stderr: '', timedOut: false } : await run(after, tscAfter.bin, flags(after));
    checkedIncrementally = !rb?.timedOut;
  }
  if (ra === undefined) [rb, ra] = await Promise.all([reuse ? undefined : run(before, tscBefore.bin), run(after, tscAfter.bin)]);
  if (rb?.timedOut) input.cache?.set(TSC_CACHE_PART, { timedOutAfterMs: input.timeoutMs } satisfies CachedTsc);
  if (rb?.timedOut || ra.timedOut) return timedOut;
  const parsed: TscDiagnostic[][] = [];
  for (const [s, r, label] of [[before, rb, 'before'], [after, ra, 'after']] as const) {
    if (r === undefined) {
      parsed.push(reuse ?? []);
      continue;
    }
    const out = parseTscOutput(r.stdout, { cwd: fs.realpathSync(s.project), roots: s.roots, configFile: configRel });
    if (r.exitCode !== 0 && out.recognised === 0) {
      const first = `${r.stderr}\n${r.stdout}`.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'no output';
      return { status: 'skipped', reason: `tsc failed on the ${label} tree (exit ${r.exitCode ?? 'signal'}): ${first.slice(0, 200)}` };
    }
    if (label === 'before') input.cache?.set(TSC_CACHE_PART, { diagnostics: out.diagnostics } satisfies CachedTsc);
    parsed.push(out.diagnostics);
  }
  if (checkedIncrementally) {
    // TypeScript's incremental check can report errors a full check does not: its checker caches
    // type relations, and re-checking only some files changes the order they are related in
    // (valibot c2db034d: four TS2344 in keyof.test-d.ts, a file the patch does not touch, from the
    // incremental after check; none from `tsc --noEmit` on the same tree). So an error the before
    // tree does not have is believed only when a full check of the after tree reports it too.
    const known = new Set(parsed[0]!.map(diagnosticKey));
    if (parsed[1]!.some((d) => !known.has(diagnosticKey(d)))) {
      const full = await run(after, tscAfter.bin);
      if (full.timedOut) return { status: 'skipped', reason: `the incremental type-check found new errors, and the full check that confirms them took longer than ${seconds(input.timeoutMs)} s (raise --typecheck-timeout)` };
      const out = parseTscOutput(full.stdout, { cwd: fs.realpathSync(after.project), roots: after.roots, configFile: configRel });
      if (full.exitCode !== 0 && out.recognised === 0) return { status: 'skipped', reason: `tsc failed on the after tree (exit ${full.exitCode ?? 'signal'})` };
      parsed[1] = out.diagnostics;
    }
  }
  return { status: 'ran', before: parsed[0]!, after: parsed[1]! };
}

function side(root: string, projectDir: string): Side {
  const real = fs.realpathSync(root);
  return { root: real, roots: real === root ? [real] : [real, path.resolve(root)], project: path.join(real, projectDir) };
}

/** The errors the patch introduced, as findings, from both trees' diagnostics. */
function delta(input: TypecheckInput, after: Side, declared: DeclaredPackages, tsc: Extract<TscOutcome, { status: 'ran' }>): Outcome {
  const changed = new Map(input.files.map((f) => [f.path, f]));
  const renames = new Map(input.files.flatMap((f) => (f.oldPath !== undefined && f.oldPath !== f.path ? [[f.oldPath, f.path] as const] : [])));
  // A pure deletion (newLines 0) sits after line newStart: anchor it on both neighbours.
  const inHunk = (d: TscDiagnostic): boolean =>
    changed.get(d.file)?.hunks.some((h) => d.line >= h.newStart && d.line <= h.newStart + Math.max(h.newLines - 1, 1)) ?? false;
  const declarations = input.declarations ?? [];
  const fresh = newDiagnostics(tsc.before, tsc.after, {
    renames,
    identifiers: renamedNames(declarations),
    fileIdentifiers: renamedLocals(declarations),
    prefer: inHunk,
  });
  const ctx = {
    changed,
    localImports: (file: string) => localImports(after.root, file),
    // A bare specifier naming a folder of the project is a path alias (tsconfig paths/baseUrl), not a package.
    packageProblem: (name: string, file: string) =>
      fs.existsSync(path.join(after.project, name)) || fs.existsSync(path.join(after.root, name))
        ? undefined
        : packageProblem(name, path.dirname(path.join(after.root, file)), declared),
  };
  return { status: 'ran', findings: typecheckFindings(fresh, ctx) };
}

/**
 * Old name → new name of each declaration the patch renamed ("src/a.ts#Cart.total" → "total"):
 * those the declaration analysis paired as renamed or moved, and a removed and an added declaration
 * whose texts are the same once those names are swapped (`interface Invoice { lines: InvoiceLine[] }`
 * → `interface Bill { lines: BillLine[] }`: the analysis compares bodies verbatim), in the same file
 * first, until no more pair up.
 */
export function renamedNames(declarations: readonly DeclarationChange[]): Map<string, string> {
  const names = new Map<string, string>();
  const add = (oldSymbol: string, symbol: string): boolean => {
    const [from, to] = [namesOf(oldSymbol), namesOf(symbol)];
    if (from.length !== to.length) return false;
    let added = false;
    from.forEach((f, i) => {
      if (f === to[i] || names.has(f)) return;
      names.set(f, to[i]!);
      added = true;
    });
    return added;
  };
  for (const d of declarations) if ((d.change === 'renamed' || d.change === 'moved') && d.oldSymbol !== undefined) add(d.oldSymbol, d.symbol);
  const removed = declarations.filter((d) => d.change === 'removed' && d.code.before !== undefined && !d.code.before.truncated);
  const added = declarations.filter((d) => d.change === 'added' && d.code.after !== undefined && !d.code.after.truncated);
  const paired = new Set<DeclarationChange>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of removed) {
      if (paired.has(r)) continue;
      const candidates = added.filter((x) => !paired.has(x) && sameModuloNames(r, x, names));
      const a = candidates.find((x) => x.file === r.file) ?? candidates[0];
      if (a !== undefined) {
        paired.add(r).add(a);
        grew = add(r.symbol, a.symbol) || grew;
      }
    }
  }
  return names;
}

/**
 * Per file, the locals and parameters renamed inside declarations whose change is a consistent
 * rename ('rename', which the declaration analysis proved): the two texts read token by token, every
 * difference a pair of identifiers, each old name always becoming the same new one. A declaration
 * where that does not hold (a shorthand property expanded, say) gives none.
 */
export function renamedLocals(declarations: readonly DeclarationChange[]): Map<string, Map<string, string>> {
  const byFile = new Map<string, Map<string, string>>();
  for (const d of declarations) {
    const [before, after] = [d.code.before, d.code.after];
    if (d.change !== 'rename' || before === undefined || after === undefined || before.truncated || after.truncated) continue;
    const pairs = tokenRenames(before.text, after.text);
    if (pairs === undefined || pairs.size === 0) continue;
    const names = byFile.get(d.file) ?? new Map<string, string>();
    for (const [from, to] of pairs) if (!names.has(from)) names.set(from, to);
    byFile.set(d.file, names);
  }
  return byFile;
}

const TOKEN = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*|\S/gu;
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with'.split(' '),
);
const isName = (t: string): boolean => /^[\p{ID_Start}$_]/u.test(t) && !RESERVED.has(t);

/** Old → new identifiers when `after` is `before` with identifiers consistently renamed, else undefined. */
function tokenRenames(before: string, after: string): Map<string, string> | undefined {
  const [a, b] = [before.match(TOKEN) ?? [], after.match(TOKEN) ?? []];
  if (a.length !== b.length) return undefined;
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    // Unchanged tokens include property names (`d.name` → `deployment.name` next to `n` → `name`).
    if (x === y) continue;
    if (!isName(x) || !isName(y) || (forward.get(x) ?? y) !== y || (backward.get(y) ?? x) !== x) return undefined;
    forward.set(x, y);
    backward.set(y, x);
  }
  return forward;
}

/** The identifiers a declaration path ends in: "src/a.ts#Cart.static get total" → ["total"], "#a,b" → ["a", "b"]. */
function namesOf(symbol: string): string[] {
  const { name } = splitSymbol(symbol);
  let segment = name.slice(name.lastIndexOf('.') + 1).replace(/:signature$/, '');
  for (let prefix = /^(?:interface|type|namespace|static|get|set) /; prefix.test(segment); ) segment = segment.replace(prefix, '');
  return segment.split(',');
}

/** Does the removed declaration read as the added one once the known renames and its own name are applied? */
function sameModuloNames(removed: DeclarationChange, added: DeclarationChange, names: ReadonlyMap<string, string>): boolean {
  const own = namesOf(removed.symbol);
  const next = namesOf(added.symbol);
  if (own.length !== next.length || own.every((n, i) => n === next[i])) return false;
  const map = new Map(names);
  own.forEach((n, i) => map.set(n, next[i]!));
  const swap = (text: string): string => text.replace(/[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/gu, (w) => map.get(w) ?? w);
  const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
  return squash(swap(removed.code.before!.text)) === squash(added.code.after!.text);
}

/** Repository files that `file` (after tree) imports by relative specifier. */
function localImports(root: string, file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, file), 'utf8');
  } catch {
    return [];
  }
  const dir = path.dirname(path.join(root, file));
  return importsOf(text).flatMap(({ spec }) => {
    const abs = isRelativeSpecifier(spec) ? resolveFile(dir, spec) : undefined;
    const rel = abs === undefined ? undefined : repoRelative(abs, [root]);
    return rel === undefined ? [] : [rel];
  });
}

/** The project's TypeScript as it would resolve it (no NODE_PATH, no .bin shim): its real package.json and `bin/tsc`. */
function tscBin(projectAbs: string): { packageJson: string; bin: string } | undefined {
  const pkgJson = findInstalled(projectAbs, 'typescript');
  if (pkgJson === undefined) return undefined;
  const bin = path.join(path.dirname(pkgJson), 'bin', 'tsc');
  return fs.existsSync(bin) ? { packageJson: fs.realpathSync(pkgJson), bin } : undefined;
}

/** Why `tsconfig.json` cannot be used, or undefined. Only reads the file itself (not `extends`). */
function configProblem(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return 'there is no such file';
  }
  const { config } = ts.parseConfigFileTextToJson(file, text) as { config?: unknown };
  if (config === null || typeof config !== 'object') return 'it cannot be parsed';
  const c = config as { files?: unknown; include?: unknown; references?: unknown };
  if (Array.isArray(c.files) && c.files.length === 0 && c.include === undefined && Array.isArray(c.references) && c.references.length > 0) {
    return 'it only lists project references (solution style), and type-checking referenced projects is not supported';
  }
  return undefined;
}

function childEnv(tmpDir: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VITEST')) env[k] = v;
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', TMPDIR: tmpDir, TMP: tmpDir, TEMP: tmpDir };
}

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

/** A diagnostic without its place: the same error on a line the patch moved is not a new one. */
const diagnosticKey = (d: TscDiagnostic): string => `${d.file}\u0000${d.code}\u0000${d.message}`;
