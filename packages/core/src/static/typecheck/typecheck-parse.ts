import path from 'node:path';

/** One error from `tsc --pretty false`, located in the repository. */
export interface TscDiagnostic {
  /** Repository-relative POSIX path (the tsconfig for diagnostics tsc prints without a location). */
  file: string;
  line: number;
  column: number;
  code: number;
  /** Full message: the first line, then continuation lines joined by '\n', copy roots removed. */
  message: string;
}

export interface ParsedTscOutput {
  diagnostics: TscDiagnostic[];
  /** Every `error TS…` line seen, including the ignored ones (node_modules, outside the repository). */
  recognised: number;
}

export interface ParseContext {
  /** The folder tsc ran in (paths are printed relative to it); a real path. */
  cwd: string;
  /** The copy's repository root; every spelling of it (as given, real path). */
  roots: readonly string[];
  /** Repository-relative POSIX path of the tsconfig, for diagnostics without a location. */
  configFile: string;
}

const LOCATED = /^(.+?)\((\d+),(\d+)\): error TS(\d+): (.*)$/;
const GLOBAL = /^error TS(\d+): (.*)$/;

/** Parses tsc's plain output. Diagnostics in node_modules or outside the repository are dropped. */
/**
 * The folder of the files the probes generate in the after copy (probes/execute.ts PROBE_DIR). The
 * type-check runs beside the probes, so a tsc that globs the tree then may see them: never the
 * project's diagnostics (assets/tsc-trees.mjs leaves them out of the program too).
 */
const GENERATED_DIR = '__patchprobe__';

export function parseTscOutput(output: string, ctx: ParseContext): ParsedTscOutput {
  const diagnostics: TscDiagnostic[] = [];
  let recognised = 0;
  // The diagnostic continuation lines belong to; null while inside an ignored one.
  let current: TscDiagnostic | null = null;
  for (const raw of output.split(/\r?\n/)) {
    const located = LOCATED.exec(raw);
    const global = located ? null : GLOBAL.exec(raw);
    if (located) {
      recognised++;
      const file = repoRelative(path.resolve(ctx.cwd, located[1]!), ctx.roots);
      current =
        file === undefined || file.split('/').some((part) => part === 'node_modules' || part === GENERATED_DIR)
          ? null
          : { file, line: Number(located[2]), column: Number(located[3]), code: Number(located[4]), message: located[5]! };
    } else if (global) {
      recognised++;
      current = { file: ctx.configFile, line: 1, column: 1, code: Number(global[1]), message: global[2]! };
    } else {
      if (/^\s+\S/.test(raw) && current !== null) current.message += `\n${raw.trim()}`;
      else if (!/^\s/.test(raw)) current = null;
      continue;
    }
    if (current !== null) diagnostics.push(current);
  }
  for (const d of diagnostics) d.message = stripRoots(d.message, ctx.roots);
  return { diagnostics, recognised };
}

/** Repository-relative POSIX path of `abs`, or undefined when it lies outside every root spelling. */
export function repoRelative(abs: string, roots: readonly string[]): string | undefined {
  for (const root of roots) {
    const rel = path.relative(root, abs);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return undefined;
}

/** Messages may quote absolute paths of the copy ("File '/tmp/…/after/src/x.ts' is not a module"). */
function stripRoots(message: string, roots: readonly string[]): string {
  let out = message;
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    out = out.split(`${root}${path.sep}`).join('').split(root).join('.');
  }
  return out;
}

const keyOf = (d: TscDiagnostic, message = d.message): string => `${d.file}\u0000${d.code}\u0000${message}`;

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;
/** Identifier characters on either side of a name that make it part of a longer name. */
const NAME_EDGE = '[\\p{ID_Continue}$\u200c\u200d]';

/**
 * Names a message may mention under an old and a new spelling: both spellings of a pair become one
 * placeholder, on both sides (the new name of a local may also be a property name the old messages
 * mention, as in `n` → `name` next to `d.name`).
 */
class NameSwap {
  private readonly ids = new Map<string, number>();
  private readonly pattern: RegExp | undefined;

  constructor(pairs: Iterable<readonly [string, string]>) {
    let next = 0;
    for (const [from, to] of pairs) {
      if (from === to || !IDENTIFIER.test(from) || !IDENTIFIER.test(to)) continue;
      const id = this.ids.get(from) ?? this.ids.get(to) ?? next++;
      if (!this.ids.has(from)) this.ids.set(from, id);
      if (!this.ids.has(to)) this.ids.set(to, id);
    }
    this.pattern = namePattern(this.ids);
  }

  /** `message` with every name of a pair (whole identifiers only) replaced by the pair's placeholder. */
  neutralise(message: string): string {
    return this.pattern === undefined ? message : message.replace(this.pattern, (name) => `\u0001${this.ids.get(name)!}\u0001`);
  }
}

function namePattern(names: ReadonlyMap<string, number>): RegExp | undefined {
  if (names.size === 0) return undefined;
  const alternatives = [...names.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[$]/g, '\\$'));
  return new RegExp(`(?<!${NAME_EDGE})(?:${alternatives.join('|')})(?!${NAME_EDGE})`, 'gu');
}

export interface MatchOptions {
  /** Before path → after path of files the patch renamed, so a renamed file keeps its old errors. */
  renames?: ReadonlyMap<string, string>;
  /**
   * Declarations the patch renamed, old name → new name: a message that names the old one before
   * and the new one after is the same error.
   */
  identifiers?: ReadonlyMap<string, string>;
  /** The same for names that only mean something in one file (locals, parameters), by after path. */
  fileIdentifiers?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Among instances of a key that are partly new, which to report first (those in the hunks). */
  prefer?: (d: TscDiagnostic) => boolean;
}

/**
 * Diagnostics the patch introduced: those whose (file, code, message) occurs more often after than
 * before. Line numbers are not compared (edits shift them), and a declaration the patch renamed
 * reads the same under its old and its new name. When only some instances of a key are new, the
 * ones `prefer` picks are reported first, then by line.
 */
export function newDiagnostics(before: readonly TscDiagnostic[], after: readonly TscDiagnostic[], options: MatchOptions = {}): TscDiagnostic[] {
  const global = [...(options.identifiers ?? [])];
  const swaps = new Map<string, NameSwap>();
  const swapFor = (file: string): NameSwap => {
    let swap = swaps.get(file);
    if (!swap) swaps.set(file, (swap = new NameSwap([...global, ...(options.fileIdentifiers?.get(file) ?? [])])));
    return swap;
  };
  const beforeCount = new Map<string, number>();
  for (const d of before) {
    const file = options.renames?.get(d.file) ?? d.file;
    const key = keyOf({ ...d, file }, swapFor(file).neutralise(d.message));
    beforeCount.set(key, (beforeCount.get(key) ?? 0) + 1);
  }
  const groups = new Map<string, TscDiagnostic[]>();
  for (const d of after) {
    const key = keyOf(d, swapFor(d.file).neutralise(d.message));
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  const out: TscDiagnostic[] = [];
  const prefer = options.prefer ?? ((): boolean => false);
  for (const [key, group] of groups) {
    const excess = group.length - (beforeCount.get(key) ?? 0);
    if (excess <= 0) continue;
    const ranked = [...group].sort((a, b) => Number(prefer(b)) - Number(prefer(a)) || a.line - b.line || a.column - b.column);
    out.push(...ranked.slice(0, excess));
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code - b.code);
}
