import fs from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { AbortedError } from '../../errors.js';
import type { BaselineCache } from '../../cache/baseline-cache.js';
import { findInstalled } from '../../process/find-installed.js';
import { canMeasureCpu, runInProcessGroup } from '../../process/processes.js';
import type { Finding } from '../../verdict/finding.js';
import { typecheckFindings } from './typecheck-findings.js';
import { importsOf, scanNewImports } from './typecheck-imports.js';
import { DeclaredPackages, isRelativeSpecifier, packageProblem, resolveFile } from './typecheck-packages.js';
import { newDiagnostics, parseTscOutput, repoRelative, type TscDiagnostic } from './typecheck-parse.js';
import { runTscTrees, type OldTypeTestFailure, type OldTypeTestsSide, type SideRun, type TreeSide } from './tsc-trees.js';
import { splitSymbol, type DeclarationChange, type StaticFile } from '../types.js';
import { isTypeTestFile } from '../../suites/test-files.js';
import { runGit } from '../../git/run-git.js';

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
export type TscOutcome =
  | {
      status: 'ran';
      before: TscDiagnostic[];
      after: TscDiagnostic[];
      oldTypeTests?: OldTypeTestFailure[];
      /** The after tree was checked only in these repository-relative files: the only ones whose diagnostics the patch can change. */
      afterScope?: string[];
    }
  /** `oldTypeTests`: checked before the trees, so known even when their check ran out of time. */
  | { status: 'skipped'; reason: string; oldTypeTests?: OldTypeTestFailure[] };

export type TscInput = Pick<TypecheckInput, 'beforeRoot' | 'afterRoot' | 'projectDir' | 'timeoutMs' | 'tmpDir' | 'signal' | 'cache'> & {
  /** Files the patch moved, repository-relative new path → old path: a file's errors keep its old name in the before tree. */
  renames?: ReadonlyMap<string, string> | undefined;
  /**
   * The type tests (`*.test-d.ts`) the patch removes or edits: `files` by repository-relative old
   * path, their base-commit texts under `root` (oldTypeTestsOf). Checked on the new code as well
   * (`old-type-test-fails`): one that type-checked before and no longer does shows that the patch
   * changed the declared types it checks.
   */
  oldTypeTests?: { root: string; files: readonly string[] } | undefined;
  /**
   * The patch's files. With them the after tree is checked only in the files the patch changes when
   * no other file's diagnostics can change (assets/tsc-trees.mjs, `narrowed`); without, in full.
   */
  files?: ReadonlyArray<{ path: string; status: string; oldPath?: string | undefined }> | undefined;
};

export interface TypecheckResult {
  status: 'ran' | 'skipped';
  reason?: string;
  /** The after tree was checked only in these files (TscOutcome.afterScope). */
  afterScope?: string[];
  durationMs: number;
  findings: Finding[];
}

type Outcome = { status: 'ran'; findings: Finding[] } | { status: 'skipped'; reason: string };

/**
 * A cached before-tree result: its diagnostics (of the whole tree), or that tsc did not finish there
 * within `limitMs` (so a later run with no larger limit skips at once instead of spending the limit again).
 */
type CachedTsc = { diagnostics: TscDiagnostic[] } | { timedOutAfterMs: number };
const TSC_CACHE_PART = 'tsc-before';
/**
 * The type-check runs beside the suites, so on a busy machine its wall time says little about the
 * project: `--typecheck-timeout` limits tsc's own CPU time where it can be measured (valibot's
 * API reworks, 49–54 s of tsc, hit a 60 s wall limit whenever the machine was loaded), with this
 * many times it as a wall-clock backstop; elsewhere it limits the wall time, as before.
 */
const WALL_FACTOR = 3;
const wallLimit = (limitMs: number): number => (canMeasureCpu ? limitMs * WALL_FACTOR : limitMs);
const limits = (limitMs: number): { timeoutMs: number; cpuLimitMs: number } => ({ timeoutMs: wallLimit(limitMs), cpuLimitMs: limitMs });
const NARROW_MAX_FILES = 500;
const isCachedTsc = (v: unknown): v is CachedTsc =>
  typeof v === 'object' && v !== null && (Array.isArray((v as { diagnostics?: unknown }).diagnostics) || typeof (v as { timedOutAfterMs?: unknown }).timedOutAfterMs === 'number');

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
  if (outcome.status === 'ran') {
    const afterScope = tsc.status === 'ran' ? tsc.afterScope : undefined;
    return { status: 'ran', durationMs: performance.now() - started, findings: outcome.findings, ...(afterScope ? { afterScope } : {}) };
  }
  const findings = scanNewImports({ afterRoot: after.root, projectAbs: after.project, files: input.files, declared });
  findings.push({ kind: 'typecheck-skipped', severity: 'info', message: `type-check skipped: ${outcome.reason}` }, ...oldTypeTestFindings(tsc.oldTypeTests));
  return { status: 'skipped', reason: outcome.reason, durationMs: performance.now() - started, findings };
}

/**
 * The project's own `tsc --noEmit` in both copies. It needs only the two trees, so the pipeline
 * starts it beside the suite runs.
 *
 * Only the errors the patch adds matter, so the after tree is checked first and in full, and the
 * before tree only where the after tree has errors (tsc-trees.ts): an after tree without errors
 * needs no before check at all, and one with a few pre-existing errors needs the files they are in,
 * not the whole tree (valibot, 989 files with four errors: a full tsc is 20 s of wall time). When an
 * after error has no match in that partial check, the before tree is checked in full before it
 * counts as new: a partial check may miss what a full one finds (TypeScript's checker relates types
 * in the order it meets them), and a missed before error would read as a new one. The child does
 * that full check itself, reusing the library it parsed; the check here is a backstop for a match
 * the child judged otherwise, and starts another process. The before tree's
 * full diagnostics come from the baseline cache when it has them, and go into it when checked.
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
  const timedOut: TscOutcome = {
    status: 'skipped',
    reason: canMeasureCpu
      ? `type-check needed more than ${seconds(input.timeoutMs)} s of CPU time, or ${seconds(wallLimit(input.timeoutMs))} s in all (raise --typecheck-timeout)`
      : `type-check took longer than ${seconds(input.timeoutMs)} s (raise --typecheck-timeout)`,
  };
  const cached = input.cache?.get(TSC_CACHE_PART, isCachedTsc);
  if (cached && 'timedOutAfterMs' in cached && cached.timedOutAfterMs >= input.timeoutMs) {
    return { status: 'skipped', reason: `type-check took longer than ${seconds(cached.timedOutAfterMs)} s on this base in an earlier run, so it was not started again (raise --typecheck-timeout)` };
  }
  const reuse = cached && 'diagnostics' in cached ? cached.diagnostics : undefined;
  const env = childEnv(input.tmpDir);
  const run = (s: Side, bin: string): Promise<SideRun> =>
    runInProcessGroup(process.execPath, [bin, '--noEmit', '--pretty', 'false', '-p', 'tsconfig.json'], { cwd: s.project, env, ...limits(input.timeoutMs), signal: input.signal });
  const parse = (s: Side, r: SideRun) => parseTscOutput(r.stdout, { cwd: fs.realpathSync(s.project), roots: s.roots, configFile: configRel });
  const failed = (label: string, r: SideRun): TscOutcome => {
    const first = `${r.stderr}\n${r.stdout}`.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'no output';
    return { status: 'skipped', reason: `tsc failed on the ${label} tree (exit ${r.exitCode ?? 'signal'}): ${first.slice(0, 200)}` };
  };
  const treeSide = (label: 'before' | 'after', s: Side): TreeSide => ({ label, project: s.project, root: s.root });
  const trees = { typescriptPackageJson: tscAfter.packageJson, env, ...limits(input.timeoutMs), signal: input.signal };

  // The same TypeScript on both sides (the usual case): one process, the after tree first and in
  // full, then the before tree where the after tree has errors, reusing the library's parse.
  let rb: SideRun | undefined;
  let ra: SideRun | undefined;
  let oldTypeTests: OldTypeTestFailure[] | undefined;
  if (tscBefore.packageJson === tscAfter.packageJson) {
    const renames = Object.fromEntries(input.renames ?? []);
    const old = input.oldTypeTests;
    const typeTests: OldTypeTestsSide[] =
      old === undefined || old.files.length === 0
        ? []
        : [{ label: 'old-type-tests', project: after.project, root: after.root, overlay: old.files.map((file) => ({ file })), source: old.root, baseline: { project: before.project, root: before.root } }];
    // Paths only (the job is one argv string, so a patch of thousands of files stays whole-tree).
    const files = input.files && input.files.length <= NARROW_MAX_FILES ? input.files.map(({ path: p, status, oldPath }) => ({ path: p, status, ...(oldPath !== undefined ? { oldPath } : {}) })) : undefined;
    const incremental = files ? { incremental: { files, before: { project: before.project, root: before.root } } } : {};
    const sides = [{ ...treeSide('after', after), ...incremental }, ...(reuse ? [] : [{ ...treeSide('before', before), scoped: { renames } }]), ...typeTests];
    const ran = await runTscTrees(sides, trees);
    if (ran.status === 'ran') [rb, ra, oldTypeTests] = [ran.runs.get('before'), ran.runs.get('after'), ran.oldTypeTests];
  }
  const withTypeTests = (outcome: Extract<TscOutcome, { status: 'ran' }>): TscOutcome => ({
    ...outcome,
    ...(oldTypeTests ? { oldTypeTests } : {}),
    ...(ra?.scope !== undefined ? { afterScope: ra.scope } : {}),
  });
  // A narrowed after check (TreeSide.incremental) stands only when it finds no error the before tree
  // lacks: a possible new error is decided by the whole trees, exactly as without narrowing.
  const wholeTrees = (): Promise<TscOutcome> => startTsc({ ...input, files: undefined });
  // Two TypeScripts (a patch that upgrades it), or one without the API: two tsc processes side by side.
  if (ra === undefined) [rb, ra] = await Promise.all([reuse ? undefined : run(before, tscBefore.bin), run(after, tscAfter.bin)]);
  if (rb?.timedOut) input.cache?.set(TSC_CACHE_PART, { timedOutAfterMs: input.timeoutMs } satisfies CachedTsc);
  if (rb?.timedOut || ra.timedOut) return oldTypeTests ? { ...timedOut, oldTypeTests } : timedOut;
  const afterOut = parse(after, ra);
  if (ra.exitCode !== 0 && afterOut.recognised === 0) return failed('after', ra);
  if (rb === undefined) {
    if (ra.scope !== undefined && newDiagnostics(reuse ?? [], afterOut.diagnostics, { renames: inverse(input.renames) }).length > 0) return wholeTrees();
    return withTypeTests({ status: 'ran', before: reuse ?? [], after: afterOut.diagnostics });
  }
  let beforeOut = parse(before, rb);
  if (rb.exitCode !== 0 && beforeOut.recognised === 0) return failed('before', rb);
  if (rb.scope !== undefined && newDiagnostics(beforeOut.diagnostics, afterOut.diagnostics, { renames: inverse(input.renames) }).length > 0) {
    // An after error the partial before check does not have, though the child judged it had: a full check decides.
    if (ra.scope !== undefined) return wholeTrees();
    const full = await runTscTrees([treeSide('before', before)], trees);
    rb = full.status === 'ran' ? full.runs.get('before') : await run(before, tscBefore.bin);
    if (rb === undefined || rb.timedOut) return timedOut;
    beforeOut = parse(before, rb);
    if (rb.exitCode !== 0 && beforeOut.recognised === 0) return failed('before', rb);
  }
  if (rb.scope === undefined) input.cache?.set(TSC_CACHE_PART, { diagnostics: beforeOut.diagnostics } satisfies CachedTsc);
  return withTypeTests({ status: 'ran', before: beforeOut.diagnostics, after: afterOut.diagnostics });
}

/**
 * The type tests (`*.test-d.ts`, vitest's typecheck.include default) the patch removes or edits,
 * with their texts at the base commit written under `root` at the same paths: what startTsc checks
 * on the new code. From git, not from the before copy, whose test files the suites stage swaps while
 * the type-check runs beside it.
 */
export async function oldTypeTestsOf(
  repoRoot: string,
  baseCommit: string,
  files: ReadonlyArray<{ path: string; oldPath?: string | undefined; status: string }>,
  root: string,
): Promise<{ root: string; files: string[] }> {
  const found: string[] = [];
  for (const f of files) {
    const file = f.oldPath ?? f.path;
    if (f.status === 'added' || !isTypeTestFile(file)) continue;
    const blob = await runGit(['cat-file', 'blob', `${baseCommit}:${file}`], { cwd: repoRoot, allowFailure: true });
    if (blob.exitCode !== 0) continue;
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), blob.stdout);
    found.push(file);
  }
  return { root, files: found };
}

/** Old path → new path, from new → old. */
function inverse(renames: ReadonlyMap<string, string> | undefined): Map<string, string> {
  return new Map([...(renames ?? [])].map(([to, from]) => [from, to]));
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
  return { status: 'ran', findings: [...typecheckFindings(fresh, ctx), ...oldTypeTestFindings(tsc.oldTypeTests)] };
}

function oldTypeTestFindings(failures: readonly OldTypeTestFailure[] | undefined): Finding[] {
  return (failures ?? []).map(
    (t): Finding => ({
      kind: 'old-type-test-fails',
      severity: 'info',
      message: `the old version of type test "${t.test}" type-checks on the old code but not on the new (TS${t.code} at line ${t.line}: ${t.message}): the patch changes the declared types it checks`,
      file: t.file,
      line: t.line,
      test: t.test,
    }),
  );
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
