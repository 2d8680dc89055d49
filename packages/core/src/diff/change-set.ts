import fs from 'node:fs/promises';
import path from 'node:path';
import { structuredPatch } from 'diff';
import type { Snapshot } from '../snapshot/snapshot.js';
import { codeScriptKind, isFormattingOnly } from './formatting.js';

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed';
/** What a file is, by name: code can change behaviour, docs cannot. */
export type FileCategory = 'code' | 'docs' | 'other';

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

export interface FileChange {
  /** Path relative to the repository root (the after path for renames). */
  path: string;
  oldPath?: string;
  status: FileStatus;
  category: FileCategory;
  /** Modified, and the two versions differ only in whitespace/comments (code) or formatting (JSON). */
  formattingOnly: boolean;
  binary: boolean;
  additions: number;
  deletions: number;
  hunks: Hunk[];
}

export interface ChangeSet {
  files: FileChange[];
}

const DOC_EXTENSIONS = new Set(['.md', '.mdx', '.markdown', '.txt', '.rst', '.adoc']);
const DOC_NAMES = /^(license|licence|changelog|authors|contributors|notice)(\.|$)/i;

export function categorize(file: string): FileCategory {
  const base = path.posix.basename(file);
  if (DOC_EXTENSIONS.has(path.posix.extname(file).toLowerCase()) || DOC_NAMES.test(base)) return 'docs';
  if (codeScriptKind(file) !== undefined) return 'code';
  return 'other';
}

async function read(root: string, rel: string): Promise<Buffer> {
  const abs = path.join(root, rel);
  const stat = await fs.lstat(abs);
  return stat.isSymbolicLink() ? Buffer.from(`symlink:${await fs.readlink(abs)}`) : fs.readFile(abs);
}

const isBinary = (b: Buffer): boolean => b.subarray(0, 8000).includes(0);

/** Stage 2: which files the patch changed, how, and where. Works on our copies, never on the user's tree. */
export async function runDiff(snapshot: Snapshot): Promise<ChangeSet> {
  const beforeSet = new Set(snapshot.before.files);
  const afterSet = new Set(snapshot.afterTree.files);
  const files: FileChange[] = [];
  const deleted = new Map<string, Buffer>();
  const added = new Map<string, Buffer>();

  for (const rel of snapshot.afterTree.files) {
    const next = await read(snapshot.afterTree.root, rel);
    if (!beforeSet.has(rel)) {
      added.set(rel, next);
      continue;
    }
    const prev = await read(snapshot.before.root, rel);
    if (prev.equals(next)) continue;
    files.push(describe(rel, 'modified', prev, next));
  }
  for (const rel of snapshot.before.files) if (!afterSet.has(rel)) deleted.set(rel, await read(snapshot.before.root, rel));

  // Exact renames: same bytes, new name. Anything else is a delete plus an add.
  for (const [rel, content] of added) {
    const from = [...deleted].find(([, old]) => old.equals(content))?.[0];
    if (from) {
      deleted.delete(from);
      files.push({ ...describe(rel, 'renamed', content, content), oldPath: from });
    } else files.push(describe(rel, 'added', Buffer.alloc(0), content));
  }
  for (const [rel, content] of deleted) files.push(describe(rel, 'deleted', content, Buffer.alloc(0)));
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files };
}

function describe(rel: string, status: FileStatus, prev: Buffer, next: Buffer): FileChange {
  const binary = isBinary(prev) || isBinary(next);
  const base = { path: rel, status, category: categorize(rel), binary };
  if (binary || status === 'renamed') return { ...base, formattingOnly: status === 'renamed', additions: 0, deletions: 0, hunks: [] };
  const a = prev.toString('utf8');
  const b = next.toString('utf8');
  const patch = structuredPatch(rel, rel, a, b, '', '', { context: 0 });
  let additions = 0;
  let deletions = 0;
  const hunks = patch.hunks.map((h) => {
    for (const line of h.lines) {
      if (line.startsWith('+')) additions++;
      else if (line.startsWith('-')) deletions++;
    }
    return { oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines };
  });
  const formattingOnly = status === 'modified' && isFormattingOnly(rel, a, b);
  return { ...base, formattingOnly, additions, deletions, hunks };
}
