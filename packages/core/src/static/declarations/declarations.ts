import { Project, ts } from 'ts-morph';
import type { Hunk } from '../../diff/change-set.js';
import type { Finding } from '../../verdict/finding.js';
import { classifyPairs, type UnitPair } from './change-kind.js';
import { collectUnits, type SideFile, type UnitRef } from './declaration-units.js';
import { sourceFlavour } from './emit-js.js';
import { importKeys } from './import-keys.js';
import { sameSyntax } from './syntax-equal.js';
import { CODE_EXCERPT_MAX_LINES, type ChangeKind, type CodeExcerpt, type DeclarationChange, type StaticFile } from '../types.js';

export interface DeclarationAnalysis {
  declarations: DeclarationChange[];
  /** Code files (role 'source') whose every change is formatting, types-only or rename. */
  equivalentFiles: string[];
}

interface Loaded {
  file: StaticFile;
  before?: SideFile;
  after?: SideFile;
}

// Findings are for source files; test-file declarations stay in the analysis for other stages.
const testFilesOf = new WeakMap<DeclarationAnalysis, ReadonlySet<string>>();

/** Touched declarations of every changed JS/TS file, paired before/after, with their change kinds (issue 3 §1–2). */
export function analyzeDeclarations(files: readonly StaticFile[]): DeclarationAnalysis {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: {
      allowJs: true, target: ts.ScriptTarget.ESNext, jsx: ts.JsxEmit.Preserve, skipLibCheck: true, noLib: true,
      noResolve: true, types: [], moduleDetection: ts.ModuleDetectionKind.Force,
    },
  });
  const loaded = files.filter((f) => f.role !== 'docs' && sourceFlavour(f.path) !== undefined).map((f) => load(project, f));
  const { pairs, removed, added } = pairUp(loaded);
  const unpaired = [...removed, ...added];
  const keys = importKeys([...pairs.flatMap((p) => [p.pair.before, p.pair.after]), ...unpaired.map((s) => s.ref)]);
  let checker: ts.TypeChecker | undefined;
  const kinds = classifyPairs(pairs.map((p) => p.pair), keys, () => (checker ??= project.getProgram().compilerObject.getTypeChecker()));
  const declarations = [...pairs.map((p, i) => pairedChange(p.pair.before, p.pair.after, kinds[i]!)), ...unpairedChanges(removed, added)];
  declarations.sort((x, y) => x.file.localeCompare(y.file) || x.line - y.line || x.symbol.localeCompare(y.symbol));
  // A file stays equivalent while each changed module-level statement emits the same JavaScript (or none).
  const erased = (ref: UnitRef) => ref.unit.typeOnly || keys.get(ref.unit.node) === '';
  const blocked = new Set([
    ...pairs.filter((p, i) => isTop(p.pair.after) && kinds[i] === 'semantic').map((p) => p.loaded),
    ...unpaired.filter((s) => isTop(s.ref) && !erased(s.ref)).map((s) => s.loaded),
  ]);
  const equivalentFiles = loaded.filter((l) => isCandidate(l) && !blocked.has(l) && sameRuntimeOrder(l, erased)).map((l) => l.file.path);
  const analysis = { declarations, equivalentFiles };
  testFilesOf.set(analysis, new Set(loaded.filter((l) => l.file.role === 'test').flatMap((l) => [l.file.path, l.file.oldPath ?? l.file.path])));
  return analysis;
}

/** Only modified source files that parse on both sides can be proven equivalent. */
function isCandidate({ file, before, after }: Loaded): boolean {
  return file.role === 'source' && file.status === 'modified' && before !== undefined && after !== undefined && !before.broken && !after.broken;
}

/** Module-level statements run in order (imports evaluate in order too); hoisted functions and erased types do not count. */
function sameRuntimeOrder(l: Loaded, erased: (ref: UnitRef) => boolean): boolean {
  const order = (file: SideFile) =>
    file.units
      .filter((unit) => unit.node === unit.top && !ts.isFunctionDeclaration(unit.node) && !erased({ unit, file }))
      .map((unit) => unit.path)
      .join('\n');
  return order(l.before!) === order(l.after!);
}

type Side = { loaded: Loaded; ref: UnitRef };

/** Touched paths present on both sides (and not byte-identical) pair up; the rest were added or removed. */
function pairUp(loaded: readonly Loaded[]): { pairs: { loaded: Loaded; pair: UnitPair }[]; removed: Side[]; added: Side[] } {
  const out = { pairs: [] as { loaded: Loaded; pair: UnitPair }[], removed: [] as Side[], added: [] as Side[] };
  for (const l of loaded) {
    for (const path of touchedPaths(l)) {
      const [b, a] = [l.before?.byPath.get(path), l.after?.byPath.get(path)];
      const before = b && { unit: b, file: l.before! };
      const after = a && { unit: a, file: l.after! };
      if (before && after) {
        if (textOf(before) !== textOf(after)) out.pairs.push({ loaded: l, pair: { before, after } });
      } else if (before) out.removed.push({ loaded: l, ref: before });
      else if (after) out.added.push({ loaded: l, ref: after });
    }
  }
  return out;
}

function load(project: Project, file: StaticFile): Loaded {
  const side = (root: string, path: string, text: string | undefined): SideFile | undefined => {
    if (text === undefined) return undefined;
    const sf = project.createSourceFile(`${root}/${path}`, text, { overwrite: true }).compilerNode;
    const units = collectUnits(sf);
    const broken = ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0) > 0;
    return { path, sf, flavour: sourceFlavour(path)!, broken, units, byPath: new Map(units.map((u) => [u.path, u])) };
  };
  return { file, before: side('/before', file.oldPath ?? file.path, file.before), after: side('/after', file.path, file.after) };
}

/** Line ranges per side. An empty side marks a gap: jsdiff puts it before line `start`, git after it; cover both. */
function ranges(hunks: readonly Hunk[], side: 'old' | 'new'): [number, number][] {
  return hunks.map((h) => {
    const [start, count] = side === 'old' ? [h.oldStart, h.oldLines] : [h.newStart, h.newLines];
    return count > 0 ? [start, start + count - 1] : [start - 1, start + 1];
  });
}

/** Paths of declarations overlapping a hunk on either side (every declaration of an added or deleted file). */
function touchedPaths(l: Loaded): string[] {
  const paths = new Set<string>();
  const scan = (side: SideFile | undefined, whole: boolean, rs: [number, number][]) => {
    for (const u of side?.units ?? []) if (whole || rs.some(([from, to]) => u.startLine <= to && u.endLine >= from)) paths.add(u.path);
  };
  const whole = !l.before || !l.after;
  scan(l.before, whole, ranges(l.file.hunks, 'old'));
  scan(l.after, whole, ranges(l.file.hunks, 'new'));
  return [...paths];
}

function textOf({ unit, file }: UnitRef): string {
  return file.sf.text.slice(unit.node.getStart(file.sf), unit.node.end);
}

const symbolOf = ({ unit, file }: UnitRef) => `${file.path}#${unit.path}`;
const isTop = ({ unit }: UnitRef) => unit.node === unit.top;

function pairedChange(before: UnitRef, after: UnitRef, kind: ChangeKind): DeclarationChange {
  return { ...where(after), change: kind, code: { before: excerpt(before), after: excerpt(after) } };
}

function where(ref: UnitRef): Pick<DeclarationChange, 'symbol' | 'file' | 'line' | 'endLine' | 'exported'> {
  return { symbol: symbolOf(ref), file: ref.file.path, line: ref.unit.startLine, endLine: ref.unit.endLine, exported: ref.unit.exported };
}

/** Whole lines of the declaration (leading indentation kept, so a renderer can show it as in the file). */
function excerpt({ unit, file }: UnitRef): CodeExcerpt {
  const lines = file.sf.text.split(/\r?\n/).slice(unit.startLine - 1, unit.endLine);
  const truncated = lines.length > CODE_EXCERPT_MAX_LINES;
  return { startLine: unit.startLine, endLine: unit.endLine, text: lines.slice(0, CODE_EXCERPT_MAX_LINES).join('\n'), ...(truncated ? { truncated } : {}) };
}

/** Added/removed declarations; a removed and an added one with the same body (name aside) are renamed (same file) or moved. */
function unpairedChanges(removed: readonly Side[], added: readonly Side[]): DeclarationChange[] {
  const used = new Set<Side>();
  const matchFor = (a: Side) =>
    removed.find((r) => !used.has(r) && r.loaded === a.loaded && sameBody(r.ref, a.ref)) ??
    removed.find((r) => !used.has(r) && r.loaded !== a.loaded && sameBody(r.ref, a.ref));
  const changes: DeclarationChange[] = [];
  for (const a of added) {
    const r = anonymous(a.ref) ? undefined : matchFor(a);
    if (r) used.add(r);
    changes.push(
      r
        ? { ...where(a.ref), change: r.loaded === a.loaded ? 'renamed' : 'moved', oldSymbol: symbolOf(r.ref), code: { before: excerpt(r.ref), after: excerpt(a.ref) } }
        : { ...where(a.ref), change: 'added', code: { after: excerpt(a.ref) } },
    );
  }
  for (const { ref } of removed.filter((r) => !used.has(r))) changes.push({ ...where(ref), change: 'removed', code: { before: excerpt(ref) } });
  return changes;
}

function anonymous({ unit }: UnitRef): boolean {
  return /<(anon|class)#\d+>$/.test(unit.path);
}

function sameBody(r: UnitRef, a: UnitRef): boolean {
  if (r.unit.wrap !== a.unit.wrap || r.unit.node.kind !== a.unit.node.kind) return false;
  const ignore = new Set([r.unit.nameNode, a.unit.nameNode].filter((n): n is ts.Node => n !== undefined));
  return sameSyntax(r.unit.node, a.unit.node, { ignore });
}

const CHANGE_LABELS: Record<ChangeKind, string> = {
  semantic: 'semantic change',
  'types-only': 'types-only change',
  formatting: 'formatting only',
  rename: 'locals renamed consistently',
};

/** One info finding per declaration of a source file, and one per equivalent file. */
export function declarationFindings(analysis: DeclarationAnalysis): Finding[] {
  const tests = testFilesOf.get(analysis) ?? new Set<string>();
  const findings: Finding[] = analysis.declarations.filter((d) => !tests.has(d.file)).map(declarationFinding);
  for (const file of analysis.equivalentFiles)
    findings.push({
      kind: 'source-equivalent',
      severity: 'info',
      file,
      message: `${file}: every change is formatting, types-only or a consistent rename; the emitted JavaScript is equivalent`,
    });
  return findings;
}

function declarationFinding(d: DeclarationChange): Finding {
  const where = { severity: 'info' as const, file: d.file, line: d.line, symbol: d.symbol };
  const name = `\`${d.symbol}\``;
  switch (d.change) {
    case 'added':
      return { ...where, kind: 'declaration-added', message: `${name}: added` };
    case 'removed':
      return { ...where, kind: 'declaration-removed', message: `${name}: removed` };
    case 'renamed':
      return { ...where, kind: 'declaration-renamed', message: `${name}: renamed from \`${d.oldSymbol}\`` };
    case 'moved':
      return { ...where, kind: 'declaration-moved', message: `${name}: moved from \`${d.oldSymbol}\`` };
    default:
      return { ...where, kind: 'declaration-changed', message: `${name}: ${CHANGE_LABELS[d.change]}` };
  }
}
