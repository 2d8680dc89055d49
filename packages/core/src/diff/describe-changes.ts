import { isDeepStrictEqual } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import type { ReportFile } from '../report/report.js';
import type { Finding } from '../verdict/finding.js';
import type { ChangeSet } from './change-set.js';

const LOCKFILES = new Set(['pnpm-lock.yaml', 'package-lock.json', 'yarn.lock', 'bun.lockb', 'bun.lock', 'npm-shrinkwrap.json']);
const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Gives each changed file its role (source, test, docs) and states the change facts as findings. */
export function describeChanges(
  changes: ChangeSet,
  isTestFile: (file: string) => boolean,
  trees: { before: string; after: string },
): { files: ReportFile[]; findings: Finding[] } {
  const files: ReportFile[] = [];
  const findings: Finding[] = [];
  if (changes.files.length === 0) {
    findings.push({ kind: 'no-change', severity: 'info', message: 'the patch changes no file' });
    return { files, findings };
  }
  const depChanges: string[] = [];
  for (const c of changes.files) {
    const role = isTestFile(c.path) || (c.oldPath !== undefined && isTestFile(c.oldPath)) ? 'test' : c.category === 'docs' ? 'docs' : 'source';
    const file: ReportFile = { path: c.path, status: c.status, role, category: c.category, formattingOnly: c.formattingOnly, additions: c.additions, deletions: c.deletions };
    if (c.oldPath !== undefined) file.oldPath = c.oldPath;
    files.push(file);
    const line = c.hunks[0] ? Math.max(1, c.status === 'deleted' ? c.hunks[0].oldStart : c.hunks[0].newStart) : undefined;
    const at = line === undefined ? { file: c.path } : { file: c.path, line };
    const verb = c.status === 'modified' ? 'edited' : c.status;
    if (role === 'test') findings.push({ ...at, kind: 'test-file-changed', severity: 'info', message: `test file ${c.path} ${verb}` });
    else if (role === 'docs') findings.push({ ...at, kind: 'docs-changed', severity: 'info', message: `documentation ${c.path} ${verb}` });
    else if (c.formattingOnly) findings.push({ ...at, kind: 'source-formatting-only', severity: 'info', message: `${c.path}: whitespace, comments or formatting only` });
    else findings.push({ ...at, kind: 'source-changed', severity: 'info', message: `${c.path} ${verb} (+${c.additions} −${c.deletions})` });
    const base = path.posix.basename(c.path);
    if (LOCKFILES.has(base) || (base === 'package.json' && dependenciesDiffer(c.path, trees))) depChanges.push(c.path);
  }
  if (depChanges.length > 0) {
    findings.push({
      kind: 'dependencies-changed',
      severity: 'warning',
      file: depChanges[0]!,
      message: `the patch changes dependencies (${depChanges.join(', ')}); both versions ran with the dependencies installed now, so install and rerun to test the new ones`,
    });
  }
  return { files, findings };
}

function dependenciesDiffer(rel: string, trees: { before: string; after: string }): boolean {
  const read = (root: string): Record<string, unknown> | null => {
    try {
      return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  const a = read(trees.before);
  const b = read(trees.after);
  return DEP_FIELDS.some((k) => !isDeepStrictEqual(a?.[k], b?.[k]));
}
