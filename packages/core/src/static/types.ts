import type { FileStatus, Hunk } from '../diff/change-set.js';

/** One changed file as the static stage sees it: both versions' text and the diff hunks. */
export interface StaticFile {
  /** Repository-relative POSIX path (the after path for renames). */
  path: string;
  oldPath?: string;
  status: FileStatus;
  role: 'source' | 'test' | 'docs';
  /** Text before the patch; undefined when the file was added. */
  before?: string;
  /** Text after the patch; undefined when the file was deleted. */
  after?: string;
  /** 1-based line ranges from the diff (old side in `before`, new side in `after`). */
  hunks: Hunk[];
}

/** What a paired declaration's change amounts to (issue 3 §2). */
export type ChangeKind = 'formatting' | 'types-only' | 'rename' | 'semantic';

export interface DeclarationChange {
  /** Stable path: "src/cart.ts#Cart.total", "src/util.ts#outer.inner", "src/a.ts#<top-level>". */
  symbol: string;
  file: string;
  change: ChangeKind | 'added' | 'removed' | 'renamed' | 'moved';
  /** For renamed/moved: the symbol before the patch. */
  oldSymbol?: string;
  /** 1-based line in the after file (in the before file for removed declarations). */
  line: number;
  /** Last line of the declaration in the same file as `line`. */
  endLine: number;
  /** The declaration's text on each side that has it (renamed/moved: the old declaration as `before`). */
  code: { before?: CodeExcerpt; after?: CodeExcerpt };
  /** Exported from its module (directly or as a member of an exported class/object). */
  exported: boolean;
}

/** A declaration's source text on one side, capped for the report (see CODE_EXCERPT_MAX_LINES). */
export interface CodeExcerpt {
  /** 1-based lines in that side's file (the before file for `before`). */
  startLine: number;
  endLine: number;
  /** The lines startLine..endLine, or the first CODE_EXCERPT_MAX_LINES of them when `truncated`. */
  text: string;
  truncated?: boolean;
}

/** Reports show code for reviewers; a 2,000-line function would drown the JSON, so excerpts stop here. */
export const CODE_EXCERPT_MAX_LINES = 120;

/** Splits "src/a.ts#Cart.total" at its FIRST '#' (anonymous paths such as "<anon#0>" hold more). */
export function splitSymbol(symbol: string): { file: string; name: string } {
  const i = symbol.indexOf('#');
  return i < 0 ? { file: symbol, name: symbol } : { file: symbol.slice(0, i), name: symbol.slice(i + 1) };
}
